import CatiTestSupport
import Foundation
import Testing

/// End to end: `cati interview --plain`, the line mode, typed line by line in a real
/// pseudo-terminal (Python pexpect), checked in the transcript and in interviews.jsonl
/// against the same interview made on the normal screen (tmux).
@Suite(.serialized, .enabled(if: ChildProcess.available("python3"), "needs python3 with pexpect (.ci/setup)"))
struct PlainInterviewTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")
    static let grid = ["attesa": "7", "cortesia": "8", "competenza": "7", "chiarezza": "6", "risoluzione": "5",
                       "orari": "9", "accesso": "8"]

    /// The whole cc_parma interview of InterviewScreenTests, as lines.
    static var wholeInterview: [PlainStep] {
        var steps: [PlainStep] = [.expect("Chiamare: R0001 Maria Rossi, telefono 0521 234 517"), .expect(PlainStep.nextPrompt),
                                  .send("")]
        steps += PlainStep.info("intro")
        steps += PlainStep.ask("consenso", "1")
        steps += PlainStep.ask("eta", "2")
        steps += PlainStep.ask("canali", "1,2")
        steps += PlainStep.ask("chiamate", "5")
        steps += [.expect(#"D\d+/\d+ aspetti: "#), .grid(grid, count: 7)]
        steps += [.expect(#"voto: [^\r]*\r\nScala: 1 = Pessimo, 10 = Ottimo\r\n"#)] + PlainStep.ask("", "4").dropFirst()
        steps += [.expect(#"perche: Lei ha dato un voto di 4 su 10\. Per quale motivo\?\r\nIstruzione: TRASCRIVERE FEDELMENTE"#)]
        steps += PlainStep.ask("perche", "perché l'attesa è lunga").dropFirst()
        steps += PlainStep.ask("risolto", "3")
        steps += PlainStep.ask("consiglia", "2")
        steps += PlainStep.ask("suggerimenti", "più operatori, àèìòù")
        steps += PlainStep.ask("sesso", "2")
        steps += PlainStep.ask("studio", "3")
        steps += PlainStep.ask("residenza", "2")
        steps += PlainStep.ask("comune", "Fidenza")
        steps += PlainStep.info("fine")
        steps += [.expect(#"Intervista completa\.\r\nInvio salva, /b torna indietro \(\? per l'aiuto\): "#), .send(""),
                  .capture("id", #"Salvata: (\w+) \(complete\)"#), .expect("Chiamare: R0002 Giuseppe Ferrari"),
                  .expect(PlainStep.nextPrompt), .send("q"), .eof]
        return steps
    }

    @Test func aWholeCcParmaInterviewTypedAsLinesIsTheRecordTheScreenMakes() async throws {
        let folder = try ScratchFolder("plain")
        let data = folder.path("data")
        let run = try await PlainDriver.run([Self.file, "--data", data, "--interviewer", "maria", "--sample", Self.sample],
                                            steps: Self.wholeInterview, folder: folder, name: "whole")
        #expect(run.status == 0)
        #expect(!run.transcript.contains(0x1B), "no ESC byte ever")
        #expect(TranscriptCharacters.offending(run.transcript).isEmpty, "\(TranscriptCharacters.offending(run.transcript))")
        let text = run.text
        // Each question once, in order; the grid's text once, its items one line each.
        for name in ["intro", "consenso", "eta", "canali", "chiamate", "aspetti", "voto", "perche", "risolto", "consiglia",
                     "suggerimenti", "sesso", "studio", "residenza", "comune", "fine"] {
            #expect(text.ranges(of: " \(name): ").count == 1, "\(name) presented once")
        }
        #expect(text.contains("  1. Telefono\r\n  2. E-mail\r\n"), "numbered options")
        #expect(text.contains("Istruzione: LEGGERE; POSSIBILI PIÙ RISPOSTE"), "the instruction introduced by a word")
        #expect(text.contains("Risposta (1–10, ? per l'aiuto): "))
        #expect(text.contains("voce 5 di 7, risoluzione: Il problema è stato risolto - Istruzione: ANCHE SE SOLO IN PARTE")
                || text.contains(", risoluzione: Il problema è stato risolto - Istruzione: ANCHE SE SOLO IN PARTE"))
        let plainRecord = try #require(Self.records(data).first)
        #expect(plainRecord["id"] as? String == run.captured["id"])
        try PlainTranscriptExample.save(run.text, name: "cc_parma-line-mode.txt")

        // The same answers on the normal screen, in tmux.
        let screenFolder = try ScratchFolder("plain-screen")
        let screenRecord = try await Self.screenInterview(screenFolder)
        for key in ["survey", "version", "status", "respondent", "interviewer", "login", "identity", "questionnaire_sha256"] {
            #expect(json(plainRecord[key]) == json(screenRecord[key]), "\(key)")
        }
        #expect(json(plainRecord["answers"]) == json(screenRecord["answers"]), "the same answers")
        #expect(json(plainRecord["quota_cells"]) == json(screenRecord["quota_cells"]), "the same quota cells")
        #expect(json(plainRecord["quota_cells"]) == #"{"per_tipo":"privato","tipo_motivo":"privato,anagrafe"}"#)
        #expect(json(plainRecord["paradata", "warnings_confirmed"]) == json(screenRecord["paradata", "warnings_confirmed"]))
        #expect(json(plainRecord["paradata", "notes"]) == "[]")
        #expect(json(plainRecord["paradata", "order", "aspetti"]) == json(run.grid), "the grid order as asked")
        // Identity from the kernel: the login of this process, not a typed name.
        #expect(plainRecord["login"] as? String == ProcessLogin.name)
        #expect(plainRecord["interviewer"] as? String == "maria")
    }

    static func screenInterview(_ folder: ScratchFolder) async throws -> [String: Any] {
        let s = try InterviewScreen(file, data: folder.path("data"), arguments: ["--sample", sample])
        try await s.waitFor("Chiamare:")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("intro")
        try s.answer("")
        for (name, answer) in [("consenso", "1"), ("eta", "2"), ("canali", "1,2"), ("chiamate", "5")] {
            try await s.waitForQuestion(name)
            try s.answer(answer)
        }
        try await s.waitForQuestion("aspetti")
        try await s.answerGrid("aspetti", grid)
        for (name, answer) in [("voto", "4"), ("perche", "perché l'attesa è lunga"), ("risolto", "3"), ("consiglia", "2"),
                               ("suggerimenti", "più operatori, àèìòù"), ("sesso", "2"), ("studio", "3"),
                               ("residenza", "2"), ("comune", "Fidenza"), ("fine", "")] {
            try await s.waitForQuestion(name)
            try s.answer(answer)
        }
        try await s.waitFor("Intervista completa. Premere Invio per salvare")
        try s.session.sendKeys("Enter")
        let records = try await s.waitForRecords(1)
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
        return try #require(records.first)
    }

    static func records(_ data: String) throws -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: data + "/interviews.jsonl", encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}

/// The login of this process, as the kernel knows it.
enum ProcessLogin {
    static var name: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "" }
        return String(cString: name)
    }
}

/// The example transcript of docs/accessibility.md, "Line mode": written to
/// $CATI_PLAIN_TRANSCRIPT_DIR when set (a hand run refreshes the docs' example).
enum PlainTranscriptExample {
    static func save(_ text: String, name: String) throws {
        guard let dir = ProcessInfo.processInfo.environment["CATI_PLAIN_TRANSCRIPT_DIR"] else { return }
        try text.replacingOccurrences(of: "\r\n", with: "\n").write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
}

/// The character-class check itself finds what the normal screen draws.
struct TranscriptCharactersTests {
    @Test func theCheckFindsEscapesBoxesBlocksAndPictographsButNotItalianText() {
        #expect(TranscriptCharacters.offending(Array("\u{1B}[H│─▸█☎↑".utf8))
                    == ["ESC", "U+001B", "U+2502", "U+2500", "U+25B8", "U+2588", "U+260E", "U+2191"])
        #expect(TranscriptCharacters.offending(Array("D5/26 voto: Sì, àèìòù – 1–10 (? per l'aiuto): 4\r\n".utf8)).isEmpty)
    }
}

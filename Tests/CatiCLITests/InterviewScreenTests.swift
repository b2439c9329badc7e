import CatiTestSupport
import Foundation
import Testing

/// End to end: `cati interview` on questionnaires/cc_parma.cati (Italian) with its
/// sample, driven by keys in a private tmux server at 80×24, checked on screen and in
/// interviews.jsonl as an interviewer and a researcher would.
@Suite(.serialized)
struct InterviewScreenTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")

    static func start(_ folder: ScratchFolder, arguments: [String] = [], width: Int = 80, height: Int = 24) throws
        -> InterviewScreen
    {
        try InterviewScreen(file, data: folder.path("data"), arguments: ["--sample", sample] + arguments, width: width,
                            height: height)
    }

    @Test func fullInterviewOfCcParmaIsSavedAsTyped() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder)
        var screen = try await s.waitFor("Chiamare:")
        #expect(screen.contains(" cc_parma │ prossima intervista │ maria"))
        #expect(screen.contains("   R0001   Maria Rossi"))
        #expect(screen.contains("   ☎ 0521 234 517"))
        #expect(screen.contains("   tipo: privato   motivo: anagrafe"))
        #expect(screen.contains("4000 casi ancora nel campione"))
        try s.session.sendKeys("Enter")

        screen = try await s.waitForQuestion("intro")
        let top = screen.split(separator: "\n")[0]
        // The clock counts the call from Enter; a loaded machine has taken 75 s to draw the
        // first question, so only the clock's form (mm:ss) is asserted here; its counting
        // is InterviewViewTests' (a clock given to the pure view).
        #expect(top.wholeMatch(of: /\ cc_parma │ R0001 Maria Rossi ☎ 0521 234 517 │ maria │ [0-9][0-9]:[0-5][0-9] │ D 1/) != nil, "\(top)")
        #expect(top.hasSuffix("│ D 1"), "\(top)")
        #expect(screen.contains(" Buongiorno, sono maria e la chiamo per conto del Comune di Parma, che insieme"))
        #expect(screen.contains(" all'Università di Parma sta svolgendo un'indagine sulla qualità del Contact"))
        #expect(screen.contains(" titolare del trattamento è il Comune di Parma. Può interrompere l'intervista"))
        // intro is an info screen: no F3/F4, and the Ctrl alternatives fit in 80 columns.
        #expect(InterviewScreen.lines(screen, height: 24).keys
                    == " F2/^B indietro  F5/^N nota  F9/^P sospendi  F10/^X termina")
        try s.answer("")

        screen = try await s.waitForQuestion("consenso")
        #expect(screen.contains(" Possiamo procedere con l'intervista?"))
        #expect(screen.contains("  1  Sì\n  2  No"))
        try s.answer("1")
        // tipo and motivo come from the sample (preload): not asked.
        screen = try await s.waitForQuestion("eta")
        #expect(screen.contains("  5  75 anni e oltre"))
        #expect(screen.split(separator: "\n")[0].hasSuffix("│ D 3"))
        try s.answer("2")
        screen = try await s.waitForQuestion("canali")
        #expect(screen.contains(" Center?\n   » LEGGERE; POSSIBILI PIÙ RISPOSTE"), "the instruction on its own line")
        #expect(screen.contains("  [ ] 1  Telefono"))
        try s.answer("1,2")
        try await s.waitForQuestion("chiamate")
        try s.answer("5")
        try await s.waitForQuestion("aspetti")
        let grid = ["attesa": "7", "cortesia": "8", "competenza": "7", "chiarezza": "6", "risoluzione": "5",
                    "orari": "9", "accesso": "8"]
        let asked = try await s.answerGrid("aspetti", grid)
        screen = try await s.waitForQuestion("voto")
        #expect(screen.contains(" 1 = Pessimo   10 = Ottimo"))
        try s.answer("4")
        screen = try await s.waitForQuestion("perche")
        #expect(screen.contains(" Lei ha dato un voto di 4 su 10. Per quale motivo?"), "fill of the mark")
        try s.answer("perché l'attesa è lunga")
        try await s.waitForQuestion("risolto")
        try s.answer("3")
        try await s.waitForQuestion("consiglia")
        try s.answer("2")
        try await s.waitForQuestion("suggerimenti")
        try s.answer("più operatori, àèìòù")
        try await s.waitForQuestion("sesso")
        try s.answer("2")
        try await s.waitForQuestion("studio")
        try s.answer("3")
        try await s.waitForQuestion("residenza")
        try s.answer("2")
        try await s.waitForQuestion("comune")
        try s.answer("Fidenza")
        try await s.waitForQuestion("fine")
        try s.answer("")
        screen = try await s.waitFor("Intervista completa. Premere Invio per salvare (F2 torna indietro).")
        #expect(s.journals.count == 1, "the interview in progress has its journal")
        #expect(try s.records().isEmpty, "nothing saved before Enter")
        try s.session.sendKeys("Enter")

        screen = try await s.waitFor("Salvata: ")
        let records = try await s.waitForRecords(1)
        let record = try #require(records.first)
        let id = try #require(record.string("id"))
        #expect(screen.contains(" Salvata: \(id) (complete)"), "the next-interview screen confirms the save:\n\(screen)")
        #expect(screen.contains("   R0002   Giuseppe Ferrari"), "the next case is offered")
        #expect(screen.contains("3999 casi ancora nel campione"))

        #expect(record.string("survey") == "cc_parma")
        #expect(record.int("version") == 1)
        #expect(record.string("status") == "complete")
        #expect(record.string("respondent") == "R0001")
        #expect(record.string("interviewer") == "maria")
        #expect(record.string("questionnaire_sha256")?.count == 64)
        let stamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
        #expect(record.string("started").map { $0.wholeMatch(of: stamp) != nil } == true)
        #expect(record.string("finished").map { $0.wholeMatch(of: stamp) != nil } == true)
        let answers = try #require(record["answers"] as? [String: Any])
        let expected: [String: Any] = [
            "consenso": 1, "tipo": 1, "eta": 2, "motivo": 1, "canali": [1, 2], "chiamate": 5,
            "attesa": 7, "cortesia": 8, "competenza": 7, "chiarezza": 6, "risoluzione": 5, "orari": 9, "accesso": 8,
            "voto": 4, "perche": "perché l'attesa è lunga", "insoddisfatto": true, "risolto": 3, "consiglia": 2,
            "suggerimenti": "più operatori, àèìòù", "sesso": 2, "studio": 3, "residenza": 2, "comune": "Fidenza",
        ]
        for (name, value) in expected {
            #expect(json(answers[name]) == json(value), "answers.\(name)")
        }
        #expect(Set(answers.keys) == Set(expected.keys).union(["media"]), "only variables on the path")
        let media = try #require(answers["media"] as? Double)
        #expect(abs(media - 50.0 / 7) < 1e-9)
        #expect(json(record["quota_cells"]) == #"{"per_tipo":"privato","tipo_motivo":"privato,anagrafe"}"#)
        let seconds = try #require(record["paradata", "seconds"] as? [String: Any])
        #expect(Set(["intro", "consenso", "eta", "canali", "attesa", "voto", "comune", "fine"]).isSubset(of: seconds.keys))
        #expect(json(record["paradata", "order", "aspetti"]) == json(asked), "the grid order as shown")
        #expect(json(record["paradata", "warnings_confirmed"]) == "[]")
        #expect(json(record["paradata", "notes"]) == "[]")
        #expect(s.journals.isEmpty, "the journal goes once the record is saved")

        // The answers are in the order of the path in the line itself.
        let line = try String(contentsOfFile: s.data + "/interviews.jsonl", encoding: .utf8)
        let positions = ["\"consenso\":", "\"eta\":", "\"canali\":", "\"voto\":", "\"sesso\":", "\"comune\":"].map {
            line.range(of: $0)?.lowerBound
        }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())

        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
        #expect(s.stderrLog.isEmpty, "\(s.stderrLog)")
    }

    @Test func invalidAnswersAreRefusedInItalianAndTheFieldIsKept() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder)
        try await s.waitFor("Chiamare:")
        try s.session.sendKeys("Enter", "Enter")
        try await s.waitForQuestion("consenso")
        try s.answer("7")
        var screen = try await s.waitForMessage("Codice '7' sconosciuto: i codici sono 1, 2")
        #expect(s.field(of: screen) == " Risposta: 7")
        #expect(screen.contains("consenso"), "still on the same question")
        try s.session.sendKeys("F3")
        screen = try await s.waitForMessage("Non ammesso: non sa")
        try s.session.sendKeys("BSpace")
        try s.answer("")
        try await s.waitForMessage("Serve una risposta")
        try s.answer("1")
        try await s.waitForQuestion("eta")
        try s.answer("2")
        try await s.waitForQuestion("canali")
        try s.answer("1 9")
        screen = try await s.waitForMessage("Codice '9' sconosciuto")
        #expect(s.field(of: screen) == " Risposta: 1 9")
        try s.session.sendKeys("BSpace", "BSpace")
        try s.answer("")
        try await s.waitForQuestion("chiamate")
        try s.answer("100")
        screen = try await s.waitForMessage("Fuori intervallo: 1–99")
        #expect(s.field(of: screen) == " Risposta: 100")
        try s.session.sendKeys("BSpace", "BSpace", "BSpace")
        try s.answer("abc")
        try await s.waitForMessage("Non è un numero")
        try s.session.sendKeys("BSpace", "BSpace", "BSpace")
        try s.answer("3,5")
        try await s.waitForMessage("Serve un numero intero")
        try s.session.sendKeys("BSpace", "BSpace", "BSpace")
        try s.answer("3")
        try await s.waitForQuestion("aspetti")
        try s.answer("0")
        try await s.waitForMessage("Fuori intervallo: 1–10")
        try s.session.sendKeys("BSpace", "F4")
        try await s.waitForMessage("Non ammesso: rifiuto")

        // Back to canali with F2 / Ctrl-B: every earlier answer is in the field, Enter keeps it.
        try s.session.sendKeys("F2")
        screen = try await s.waitForQuestion("chiamate")
        #expect(s.field(of: screen) == " Risposta: 3")
        try s.session.sendKeys("C-b")
        screen = try await s.waitForQuestion("canali")
        #expect(s.field(of: screen) == " Risposta: 1")
        #expect(screen.contains("  [x] 1  Telefono") && screen.contains("  [ ] 2  E-mail"))
        try s.session.sendKeys("Enter")
        screen = try await s.waitForQuestion("chiamate")
        #expect(s.field(of: screen) == " Risposta: 3")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("aspetti")

        // dk on the grid item and the F10 end as break-off keep what was given.
        try s.session.sendKeys("F3")
        try await s.session.waitUntil("the first item is dk") { screen in
            screen.split(separator: "\n").contains { $0.hasSuffix(" non sa") || $0.hasSuffix(" dk") }
        }
        try s.session.sendKeys("F10")
        screen = try await s.waitFor("Termina l'intervista: 1 rifiuto · 2 interruzione · Esc annulla")
        try s.session.sendKeys("2")
        try await s.waitFor("Motivo (Invio salva, Esc annulla):")
        try s.answer("richiamare più tardi")
        screen = try await s.waitFor("Salvata: ")
        let record = try #require(try await s.waitForRecords(1).first)
        #expect(screen.contains("Salvata: \(record.string("id") ?? "?") (break-off)"))
        #expect(record.string("status") == "break-off")
        #expect(record.string("paradata", "end_reason") == "richiamare più tardi")
        let answers = try #require(record["answers"] as? [String: Any])
        #expect(json(answers["consenso"]) == "1")
        #expect(json(answers["canali"]) == "[1]")
        #expect(json(answers["chiamate"]) == "3")
        let dkItems = answers.filter { json($0.value) == #"{"missing":"dk"}"# }.map(\.key)
        #expect(dkItems.count == 1, "the first grid item shown is dk: \(answers)")
        #expect(record.string("respondent") == "R0001")
    }

    @Test func typeAheadKeysAreAppliedInOrder() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder)
        try await s.waitFor("Chiamare:")
        // One send-keys call: start, intro, consenso with a wrong code corrected, eta,
        // canali, chiamate, the seven grid items, voto — before any screen is drawn.
        try s.session.sendKeys(
            "Enter", "Enter", "7", "Enter", "BSpace", "1", "Enter", "3", "Enter", "2", "Space", "4", "Enter",
            "1", "Enter", "2", "Enter", "3", "Enter", "4", "Enter", "5", "Enter", "6", "Enter", "7", "Enter",
            "8", "Enter")
        let screen = try await s.waitForQuestion("risolto", timeout: .seconds(15))
        #expect(screen.split(separator: "\n")[0].hasSuffix("│ D 13"), "\(screen)")
        // End it here (break-off) and read what was recorded.
        try s.session.sendKeys("C-x", "2", "Enter")
        let record = try #require(try await s.waitForRecords(1).first)
        let answers = try #require(record["answers"] as? [String: Any])
        #expect(json(answers["consenso"]) == "1", "the wrong code was refused, the correction applied")
        #expect(json(answers["eta"]) == "3")
        #expect(json(answers["canali"]) == "[2,4]")
        #expect(answers["chiamate"] == nil, "not asked: canali has no telefono")
        #expect(json(answers["voto"]) == "8")
        #expect(answers["perche"] == nil)
        let order = try #require(record["paradata", "order", "aspetti"] as? [String])
        #expect(order.count == 7)
        for (k, item) in order.enumerated() {
            #expect(json(answers[item]) == "\(k + 1)", "item \(item), shown \(k + 1)th, got the \(k + 1)th value")
        }
        #expect(record.string("status") == "break-off")
    }

    @Test func resizeRedrawsAndTooSmallAsksToEnlarge() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder, width: 100, height: 30)
        try await s.waitFor("Chiamare:")
        try s.session.sendKeys("Enter", "Enter")
        try await s.waitForQuestion("consenso")
        try s.session.type("1")
        var screen = try await s.session.waitUntil("the field shows 1") { $0.contains(" Risposta: 1") }
        #expect(InterviewScreen.lines(screen, height: 30).keys.contains("F10/^X termina"), "room for the Ctrl keys at 100")

        try s.session.resize(width: 80, height: 24)
        screen = try await s.session.waitUntil("the key line is on row 24") { screen in
            InterviewScreen.lines(screen, height: 24).keys.contains("F10/^X termina")
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(24).allSatisfy { $0.count <= 80 })
        #expect(lines[2].hasPrefix(" consenso"))
        #expect(InterviewScreen.lines(screen, height: 24).field == " Risposta: 1", "what was typed stays")

        try s.session.resize(width: 70, height: 20)
        screen = try await s.waitFor("Allargare la finestra ad almeno 80×24 (70×20)")
        #expect(!screen.contains("consenso"))

        try s.session.resize(width: 79, height: 30)
        try await s.waitFor("(79×30)")

        try s.session.resize(width: 100, height: 30)
        screen = try await s.waitForQuestion("consenso")
        #expect(!screen.contains("Allargare"))
        #expect(InterviewScreen.lines(screen, height: 30).field == " Risposta: 1")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("eta")
    }

    @Test func unknownResumeAndRespondentAreBothReported() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder, arguments: ["--resume", "NOPE", "--respondent", "R9999"], width: 140, height: 24)
        let screen = try await s.waitFor("Chiamare:")
        let message = s.message(of: screen)
        #expect(message.contains("impossibile riprendere NOPE: nessuna intervista interrotta o sospesa 'NOPE'"), "\(message)")
        #expect(message.contains("l'intervistato 'R9999' non è nel campione"), "\(message)")
        #expect(screen.contains("   R0001   Maria Rossi"), "the first case is offered instead")
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
    }

    @Test func qAtTheNextInterviewScreenQuitsWithTheTerminalRestored() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder, arguments: ["--respondent", "R0005"])
        let screen = try await s.waitFor("Chiamare:")
        #expect(screen.contains("   R0005   Giovanna Colombo"), "--respondent is offered first")
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
        #expect(s.stderrLog.isEmpty, "\(s.stderrLog)")
        let stty = s.stty
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"), "canonical mode is back:\n\(stty)")
        #expect(stty.contains(" echo ") && !stty.contains("-echo "), "echo is back:\n\(stty)")
        let after = try s.screen()
        #expect(!after.contains("prossima intervista"), "the screen was given back:\n\(after)")
        #expect(try s.records().isEmpty)
    }
}

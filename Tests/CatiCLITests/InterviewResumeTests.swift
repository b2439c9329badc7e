import CatiTestSupport
import Foundation
import Testing

/// End to end: an interview whose process is killed (SIGKILL) or whose terminal goes
/// away (the tmux pane is killed: hang-up) is resumed at once with `--resume` in a new
/// terminal, at its first unanswered question, with every earlier answer in place.
@Suite(.serialized)
struct InterviewResumeTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")

    static func start(_ data: String, arguments: [String] = []) throws -> InterviewScreen {
        try InterviewScreen(file, data: data, arguments: ["--sample", sample] + arguments)
    }

    /// Answers cc_parma for R0001 up to the grid, then two grid items; returns the two
    /// items answered (rotated order), once the third is on screen (so the second is
    /// durable: the screen moves on only after the journal has it).
    static func answerUpToTheGrid(_ s: InterviewScreen) async throws -> [String] {
        try await s.waitFor("Chiamare:")
        try s.session.sendKeys("Enter", "Enter")
        try await s.waitForQuestion("consenso")
        try s.answer("1")
        try await s.waitForQuestion("eta")
        try s.answer("2")
        try await s.waitForQuestion("canali")
        try s.answer("1 2")
        try await s.waitForQuestion("chiamate")
        try s.answer("5")
        try await s.waitForQuestion("aspetti")
        let values = ["attesa": "7", "cortesia": "8", "competenza": "6", "chiarezza": "9", "risoluzione": "4",
                      "orari": "3", "accesso": "10"]
        let asked = try await s.answerGrid("aspetti", values, count: 2)
        try await s.session.waitUntil("a third item is current") { screen in
            InterviewScreen.currentItem(screen).map { !asked.contains($0) } == true
        }
        return asked
    }

    static let values = ["attesa": "7", "cortesia": "8", "competenza": "6", "chiarezza": "9", "risoluzione": "4",
                         "orari": "3", "accesso": "10"]

    /// In the resumed interview: the grid shows the two earlier items with their values
    /// and the third as current; F2 shows the second in the field; the earlier questions
    /// keep theirs. Ends it (break-off) and checks the record.
    static func checkResumed(_ s: InterviewScreen, asked: [String], id: String) async throws {
        var screen = try await s.waitForQuestion("aspetti")
        #expect(screen.split(separator: "\n")[0].contains("R0001 Maria Rossi"))
        for item in asked {
            let row = screen.split(separator: "\n").first { $0.hasPrefix("   \(item) ") }
            #expect(row?.hasSuffix(" \(values[item]!)") == true, "item \(item) keeps its value:\n\(screen)")
        }
        let current = try #require(InterviewScreen.currentItem(screen))
        #expect(!asked.contains(current))
        try s.session.sendKeys("F2")
        screen = try await s.session.waitUntil("\(asked[1]) is current") { InterviewScreen.currentItem($0) == asked[1] }
        #expect(s.field(of: screen) == " Risposta: \(values[asked[1]]!)")
        try s.session.sendKeys("F2")
        screen = try await s.session.waitUntil("\(asked[0]) is current") { InterviewScreen.currentItem($0) == asked[0] }
        #expect(s.field(of: screen) == " Risposta: \(values[asked[0]]!)")
        try s.session.sendKeys("F2")
        screen = try await s.waitForQuestion("chiamate")
        #expect(s.field(of: screen) == " Risposta: 5")
        try s.session.sendKeys("F2")
        screen = try await s.waitForQuestion("canali")
        #expect(s.field(of: screen) == " Risposta: 1 2")
        try s.session.sendKeys("Enter", "Enter", "Enter", "Enter")
        try await s.session.waitUntil("the grid is back at the third item") { screen in
            InterviewScreen.currentItem(screen).map { !asked.contains($0) } == true
        }
        try s.session.sendKeys("F10", "2")
        try await s.waitFor("Motivo")
        try s.answer("prova di ripresa")
        screen = try await s.waitFor("Salvata: ")
        #expect(screen.contains("Salvata: \(id) (break-off)"), "\(screen)")
        let record = try #require(try await s.waitForRecords(1).first)
        #expect(record.string("id") == id)
        #expect(record.string("respondent") == "R0001")
        let answers = try #require(record["answers"] as? [String: Any])
        #expect(json(answers["consenso"]) == "1")
        #expect(json(answers["eta"]) == "2")
        #expect(json(answers["canali"]) == "[1,2]")
        #expect(json(answers["chiamate"]) == "5")
        for item in asked { #expect(json(answers[item]) == values[item], "answers.\(item)") }
        #expect(record.string("paradata", "end_reason") == "prova di ripresa")
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
    }

    @Test func killedWithSIGKILLIsResumedByRespondentID() async throws {
        let folder = try ScratchFolder()
        let data = folder.path("data")
        let first = try Self.start(data)
        let asked = try await Self.answerUpToTheGrid(first)
        let pid = try await first.catiPID()
        #expect(kill(pid, SIGKILL) == 0)
        #expect(try await first.waitForExit(timeout: .seconds(30)) == 137, "the shell saw cati die of SIGKILL")
        #expect(first.catiPIDs().isEmpty)
        let journals = first.journals
        #expect(journals.count == 1, "the interview in progress is kept: \(journals)")
        let id = try #require(journals.first.map { String($0.dropLast(".jsonl".count)) })
        #expect(try first.records().isEmpty)
        // The screen showed name and phone; its journal has the case id only (issue 20).
        let journal = try String(contentsOfFile: data + "/journal/" + id + ".jsonl", encoding: .utf8)
        #expect(journal.contains("\"respondent\":\"R0001\""))
        #expect(!journal.contains("Maria Rossi") && !journal.contains("0521 234 517"), "\(journal)")
        first.session.kill()

        let second = try Self.start(data, arguments: ["--resume", "R0001"])
        try await Self.checkResumed(second, asked: asked, id: id)
        // Resumed, saved, its call recorded: still no name or phone anywhere in the folder.
        let enumerator = FileManager.default.enumerator(atPath: data)
        while let name = enumerator?.nextObject() as? String {
            guard let bytes = FileManager.default.contents(atPath: data + "/" + name) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("Maria Rossi") && !text.contains("0521 234 517"), "name or phone in \(name)")
        }
    }

    @Test func hungUpIsResumedByInterviewID() async throws {
        let folder = try ScratchFolder()
        let data = folder.path("data")
        let first = try Self.start(data)
        let asked = try await Self.answerUpToTheGrid(first)
        #expect(first.catiPIDs().count == 1)
        try first.session.type("12")  // typed, not entered: not an answer
        try first.session.killPane()
        #expect(try await first.waitUntilNoCati(), "cati exits when its terminal goes away")
        let journals = first.journals
        #expect(journals.count == 1, "the interview in progress is kept: \(journals)")
        let id = try #require(journals.first.map { String($0.dropLast(".jsonl".count)) })
        #expect(try first.records().isEmpty)
        #expect(first.stderrLog.contains("--resume \(id)"), "cati says how to resume it: \(first.stderrLog)")
        first.session.kill()

        let second = try Self.start(data, arguments: ["--resume", id])
        try await Self.checkResumed(second, asked: asked, id: id)
    }

    @Test func anInterruptedInterviewIsListedOnTheNextInterviewScreen() async throws {
        let folder = try ScratchFolder()
        let data = folder.path("data")
        let first = try Self.start(data)
        _ = try await Self.answerUpToTheGrid(first)
        kill(try await first.catiPID(), SIGKILL)
        _ = try await first.waitForExit()
        let id = try #require(first.journals.first.map { String($0.dropLast(".jsonl".count)) })
        first.session.kill()

        let second = try Self.start(data)
        let screen = try await second.waitFor("Interviste da riprendere (numero + Invio):")
        #expect(screen.contains("  1  R0001 Maria Rossi  interrotta 20"), "\(screen)")
        #expect(screen.contains(String(id.prefix(8))), "the id begins at the end of the row")
        #expect(screen.contains("   R0002   Giuseppe Ferrari"), "the interrupted case is not offered again")
        try second.session.sendKeys("1", "Enter")
        try await second.waitForQuestion("aspetti")
        try second.session.sendKeys("q")  // q is typed into the answer field, not a quit
        try await second.session.waitUntil("q is in the field") { second.field(of: $0) == " Risposta: q" }
        #expect(second.catiPIDs().count == 1)
    }
}

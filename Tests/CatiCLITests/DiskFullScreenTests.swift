import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

extension DiskFullTests {
    // MARK: - (b) The interviewer screen, the disk full while a flag file exists

    static let tiny = """
        survey tiny "A full disk on the interviewer screen"
        version 1
        %LANGUAGE%

        single consent "May I ask you two questions?"
          1 yes "Yes"
          2 no  "No"
        terminate "Goodbye." if consent = 2

        number age "How old are you?" range 18..99

        text town "Which town do you live in?" max 40

        """

    static func tinyFile(in folder: ScratchFolder, italian: Bool = false) throws -> String {
        let path = folder.path(italian ? "tiny-it.cati" : "tiny.cati")
        try tiny.replacingOccurrences(of: "%LANGUAGE%", with: italian ? "language it" : "")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anAnswerThatCannotBeMadeDurableIsShownNotSavedAndTakenOnceTheDiskHasRoom() async throws {
        let scratch = try ScratchFolder("diskfull-answer", keepIf: "CATI_CRASH_KEEP")
        let flag = scratch.path("disk-is-full")
        let s = try FaultyScreen(try Self.tinyFile(in: scratch), data: scratch.path("data"),
                                 environment: ["CATI_FAULTS": "fsync:ENOSPC", "CATI_FAULTS_WHILE": flag])
        try await s.session.waitFor("Blank interview")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("consent")
        try s.answer("1")
        try await s.waitForQuestion("age")
        let id = try #require(s.journals.first, "the interview has its journal")

        // The disk is full: the answer is not taken, the screen says so, the field keeps it.
        try Data().write(to: URL(fileURLWithPath: flag))
        try s.answer("42")
        var screen = try await s.waitForMessage("NOT SAVED")
        #expect(s.message(of: screen).contains("disk is full"), "the message line says why:\n\(screen)")
        #expect(s.question(of: screen) == "age", "still on the question:\n\(screen)")
        #expect(s.field(of: screen) == " Answer: 42", "the field keeps the answer:\n\(screen)")
        #expect(try s.journalAnswers(id) == ["1"], "the answer is not in the journal")
        // Still full: Enter again fails again, nothing moves.
        screen = try await s.sendKeyAndWaitUntilProcessed("Enter")
        #expect(s.question(of: screen) == "age" && s.message(of: screen).contains("NOT SAVED"), "\(screen)")

        // Room again: the same Enter is taken, once, and the interview goes on.
        try FileManager.default.removeItem(atPath: flag)
        try s.session.sendKeys("Enter")
        screen = try await s.waitForQuestion("town")
        #expect(!s.message(of: screen).contains("NOT SAVED"), "the error is gone once it worked:\n\(screen)")
        #expect(try s.journalAnswers(id) == ["1", "42"], "the answer journaled exactly once")
        try s.answer("Parma")
        try await s.waitFor("Interview complete. Press Enter to save (F2 goes back).")
        try s.session.sendKeys("Enter")
        screen = try await s.waitFor("Saved: \(id) (complete)")
        let records = try s.records()
        #expect(records.count == 1, "saved once: \(records.map(\.serialized))")
        #expect(records.first?["id"]?.stringValue == id)
        #expect(records.first?["answers"]?.serialized == #"{"consent":1,"age":42,"town":"Parma"}"#)
        #expect(s.journals.isEmpty)
        try s.session.sendKeys("q")
        #expect(try await s.session.waitForExit() == 0)
    }

    @Test func aSaveThatFailsIsShownNotSavedAndTheNextEnterSavesExactlyOnce() async throws {
        let scratch = try ScratchFolder("diskfull-save", keepIf: "CATI_CRASH_KEEP")
        let flag = scratch.path("disk-is-full")
        let s = try FaultyScreen(try Self.tinyFile(in: scratch, italian: true), data: scratch.path("data"),
                                 environment: ["CATI_FAULTS": "fsync:ENOSPC", "CATI_FAULTS_WHILE": flag])
        try await s.session.waitFor("Intervista senza campione")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("consent")
        try s.answer("1")
        try await s.waitForQuestion("age")
        try s.answer("67")
        try await s.waitForQuestion("town")
        try s.answer("Fidenza")
        let ending = "Intervista completa. Premere Invio per salvare (F2 torna indietro)."
        try await s.waitFor(ending)
        let id = try #require(s.journals.first)

        try Data().write(to: URL(fileURLWithPath: flag))
        for attempt in 1...2 {
            _ = try await s.sendKeyAndWaitUntilProcessed("Enter")
            let screen = try await s.waitForMessage("NON SALVATO")
            #expect(s.message(of: screen).contains("NON SALVATO: disco pieno"), "in Italian, attempt \(attempt):\n\(screen)")
            #expect(screen.contains(ending), "still on the last step, attempt \(attempt):\n\(screen)")
            #expect(try s.records().isEmpty, "nothing saved, attempt \(attempt)")
            #expect(s.journals == [id], "the answers stay in the journal")
        }

        try FileManager.default.removeItem(atPath: flag)
        try s.session.sendKeys("Enter")
        try await s.waitFor("Salvata: \(id) (complete)")
        let records = try s.records()
        #expect(records.count == 1, "saved exactly once: \(records.map(\.serialized))")
        #expect(records.first?["id"]?.stringValue == id)
        #expect(records.first?["answers"]?.serialized == #"{"consent":1,"age":67,"town":"Fidenza"}"#)
        #expect(s.journals.isEmpty)
        try s.session.sendKeys("q")
        #expect(try await s.session.waitForExit() == 0)
    }

    // MARK: - (a) + (b): the interviewer screen on a real full disk

    /// The record's write lands in part (the last page of interviews.jsonl had some room,
    /// the disk none): a torn line. Once there is room, the same Enter saves the record
    /// on a line of its own, once; readers skip the torn line with its line number.
    @Test(.enabled(if: SmallDisk.unavailable == nil, "mounting a tmpfs (root): \(SmallDisk.unavailable ?? "")"))
    func aRecordCutByARealFullDiskIsSavedOnceOnItsOwnLineOnceThereIsRoom() async throws {
        let scratch = try ScratchFolder("diskfull-screen", keepIf: "CATI_CRASH_KEEP")
        let disk = try SmallDisk(at: scratch.path("disk"), bytes: 3 << 20)
        let file = try Self.tinyFile(in: scratch)
        let data = disk.path + "/data"
        let folder = DataFolder(path: data)

        // Earlier interviews, until the last page of interviews.jsonl has less room than
        // a record needs (a record here is 400 bytes or more).
        let store = try FolderStore(folder: folder)
        let simulation = Simulation(questionnaire: try SimFiles.questionnaire(file), store: store, sample: nil, seed: 3,
                                    interviewer: "earlier")
        var k: UInt64 = 0
        while k < 5 || !(40...300).contains(4096 - (Platform.fileSize(folder.interviews) ?? 0) % 4096) {
            _ = try simulation.run(index: k)
            k += 1
            try #require(k < 3_000, "interviews.jsonl never ended near a page boundary")
        }
        let earlier = try RecordReader(path: folder.interviews).scan().records.count
        let room = 4096 - (Platform.fileSize(folder.interviews) ?? 0) % 4096

        let s = try FaultyScreen(file, data: data)
        try await s.session.waitFor("Blank interview")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("consent")
        try s.answer("1")
        try await s.waitForQuestion("age")
        try s.answer("35")
        try await s.waitForQuestion("town")
        try s.answer("Collecchio")
        try await s.waitFor("Interview complete. Press Enter to save (F2 goes back).")
        let id = try #require(s.journals.first)

        let filler = try disk.fill(leaving: 0)
        try s.session.sendKeys("Enter")
        let screen = try await s.waitForMessage("NOT SAVED")
        #expect(s.message(of: screen).contains("disk is full"), "\(screen)")
        #expect(screen.contains("Interview complete. Press Enter to save"), "still on the last step:\n\(screen)")
        let torn = try RecordReader(path: folder.interviews).scan()
        #expect(torn.records.count == earlier, "not saved")
        #expect(torn.skipped.map(\.line) == [earlier + 1], "the part that landed is a torn last line: \(torn.skipped)")
        #expect(torn.skipped.first?.reason.contains("torn") == true)
        #expect(s.journals == [id], "the record stays in the journal")

        try FileManager.default.removeItem(atPath: filler)
        try s.session.sendKeys("Enter")
        try await s.waitFor("Saved: \(id) (complete)")
        let after = try RecordReader(path: folder.interviews).scan()
        #expect(after.records.count == earlier + 1)
        #expect(after.records.filter { $0["id"]?.stringValue == id }.count == 1, "saved exactly once")
        #expect(after.skipped.map(\.line) == [earlier + 1], "the torn line stays, skipped, where it was")
        #expect(after.skipped.first?.description.hasPrefix("\(folder.interviews):\(earlier + 1): warning:") == true)
        let lines = try JSONLFile(folder.interviews)
        #expect(lines.endsWithNewline)
        #expect(lines.lines[earlier].count == room, "\(room) bytes had room on the last page")
        let whole = try #require(lines.lines.last)
        #expect(whole.starts(with: lines.lines[earlier]), "the torn line is the start of the record saved after it")
        #expect(JSONParser.parseObject(whole)?["answers"]?.serialized == #"{"consent":1,"age":35,"town":"Collecchio"}"#)
        #expect(s.journals.isEmpty)
        try s.session.sendKeys("q")
        #expect(try await s.session.waitForExit() == 0)
    }
}

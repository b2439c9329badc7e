import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

// MARK: - What a kill leaves half done

extension CrashHarnessTests {
    /// A process killed while creating a journal leaves it empty or with part of its
    /// header: no interview started, nothing acknowledged. The next start removes it;
    /// a journal being created by a live process (locked) and interrupted interviews stay.
    @Test func aJournalLeftWithoutItsHeaderIsRemovedAtTheNextStartAndNothingElseIs() throws {
        let scratch = try ScratchFolder("headerless", under: "/dev/shm", keepIf: "CATI_CRASH_KEEP")
        let q = try SimFiles.questionnaire(try CrashFiles.write(in: scratch))
        let folder = DataFolder(path: scratch.path("data"))
        let store = try FolderStore(folder: folder)
        let interrupted = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
        _ = try interrupted.perform(.answer("1"))
        interrupted.interrupt()
        let empty = folder.journal("01EMPTY0000000000000000000")
        let cut = folder.journal("01CUT00000000000000000000")
        let beingCreated = folder.journal("01LIVE0000000000000000000")
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data(#"{"journal":1,"id":"01CUT00000000000000000000","surv"#.utf8).write(to: URL(fileURLWithPath: cut))
        let live = open(beingCreated, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(live >= 0 && flock(live, LOCK_EX) == 0)
        defer { close(live) }

        #expect(try store.resumable().map(\.header.id) == [interrupted.id], "only the real interview can be resumed")
        #expect(try FolderStore(folder: folder).recoverFinished() == [])
        #expect(!FileManager.default.fileExists(atPath: empty), "the empty journal is removed")
        #expect(!FileManager.default.fileExists(atPath: cut), "the journal cut inside its header is removed")
        #expect(FileManager.default.fileExists(atPath: beingCreated), "a journal its process holds is left alone")
        #expect(FileManager.default.fileExists(atPath: folder.journal(interrupted.id)))
        let resumed = try InterviewSession.resume(interrupted.id, questionnaire: q, store: store)
        #expect(resumed.interview.values["consent"] == .number(1))
        resumed.interrupt()
    }

    /// A record whose write was cut just before its newline (the process died): the
    /// record is whole; recovery finds it in the file, so it does not append it again,
    /// but completes the line and makes it durable before removing the journal — every
    /// reader then counts it, once.
    @Test func aRecordCutJustBeforeItsNewlineIsMadeWholeByRecoveryAndCountedOnce() throws {
        let scratch = try ScratchFolder("newline", under: "/dev/shm", keepIf: "CATI_CRASH_KEEP")
        let q = try SimFiles.questionnaire(try CrashFiles.write(in: scratch))
        let folder = DataFolder(path: scratch.path("data"))
        let store = try FolderStore(folder: folder)
        let simulation = Simulation(questionnaire: q, store: store, sample: nil, seed: 11, interviewer: "earlier")
        for k in 0..<3 { _ = try simulation.run(index: UInt64(k)) }
        let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
        let answers = ["consent": "1", "kind": "3", "age": "30", "channels": "2", "overall": "7", "speed": "3",
                       "courtesy": "4", "clarity": "5", "household": "2", "nickname": "", "bye": ""]
        while case .question(let prompt) = session.interview.screen {
            _ = try session.perform(.answer(answers[prompt.variableName] ?? ""))
        }
        // The record's write lands, its fsync fails; then, as if the write had been cut
        // one byte short, the newline is missing; the process dies.
        FaultInjector.shared.set(.fsync, failWith: EIO, under: folder.interviews)
        #expect(throws: StoreError.self) { try session.perform(.answer("")) }
        FaultInjector.shared.set(.fsync, failWith: nil)
        let landed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.interviews)))
        #expect(landed.last == 0x0A)
        try Data(landed.dropLast()).write(to: URL(fileURLWithPath: folder.interviews))
        session.interrupt()

        #expect(try FolderStore(folder: folder).recoverFinished() == [session.id])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.interviews)))
        #expect(bytes == landed, "the line completed with its newline, nothing written twice")
        let scan = try RecordReader(path: folder.interviews).scan()
        #expect(scan.records.filter { $0["id"]?.stringValue == session.id }.count == 1 && scan.skipped.isEmpty)
        var counts = CompleteCounts(path: folder.interviews)
        try counts.refresh()
        #expect(counts.records == 4 && counts.warnings.isEmpty, "counted by quota decisions too: \(counts.warnings)")
        #expect(!FileManager.default.fileExists(atPath: folder.journal(session.id)))
    }
}

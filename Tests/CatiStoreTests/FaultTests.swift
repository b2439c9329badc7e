import CatiCore
import CatiStore
import Foundation
import Testing

extension StoreTests {
    /// A full disk or an I/O error: shown, never reported saved, and once the disk has
    /// room again the same action succeeds and is kept exactly once.
    @Suite struct FaultTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let operation: FaultInjector.Operation
            let code: Int32
            var testDescription: String { "\(operation.rawValue) fails with \(code == ENOSPC ? "ENOSPC" : "EIO")" }

            /// The domain error this fault must surface as: a full disk, or an I/O failure.
            func matches(_ error: StoreError?) -> Bool {
                guard let error else { return false }
                if code == ENOSPC { return error.isDiskFull }
                if case .ioFailure = error { return true }
                return false
            }
        }

        static let cases = [Case(operation: .fsync, code: ENOSPC), Case(operation: .write, code: ENOSPC),
                            Case(operation: .fsync, code: EIO)]

        @Test(arguments: cases)
        func aFailedAnswerIsNotAcknowledgedAndTheRetryIsJournaledOnce(_ fault: Case) throws {
            let test = try TestFolder("fault-answer")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1")
            let journalBefore = test.bytes(test.folder.journal(session.id))

            FaultInjector.shared.set(fault.operation, failWith: fault.code, under: test.root)
            defer { FaultInjector.shared.set(fault.operation, failWith: nil) }
            let error = #expect(throws: StoreError.self) { try session.perform(.answer("42")) }
            #expect(fault.matches(error), "\(String(describing: error))")
            #expect(error?.isDiskFull == (fault.code == ENOSPC))
            if fault.code == ENOSPC { #expect(error?.description.contains("disk is full") == true, "\(String(describing: error))") }
            #expect(session.screenName == "eta", "the answer was not taken")
            #expect(session.interview.values["eta"] == nil)

            FaultInjector.shared.set(fault.operation, failWith: nil)
            #expect(try session.perform(.answer("42")) == .moved, "the same action succeeds")
            try session.answer("Anna")
            let journal = test.bytes(test.folder.journal(session.id))
            #expect(journal.starts(with: journalBefore))
            session.interrupt()

            let resumed = try InterviewSession.resume(session.id, questionnaire: q, store: store)
            #expect(resumed.interview.values == ["consenso": .number(1), "eta": .number(42), "nome": .text("Anna")],
                    "each acknowledged answer exactly once, on its own question")
            #expect(resumed.screenName == "canali")
            let answers = try Journal.read(path: test.folder.journal(session.id)).1.filter {
                if case .action = $0 { return true } else { return false }
            }
            #expect(answers.count == 3, "\(answers)")
            resumed.interrupt()
        }

        @Test(arguments: cases)
        func aFailedSaveIsNotReportedSavedAndTheRetrySavesOnce(_ fault: Case) throws {
            let test = try TestFolder("fault-save")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1", "42", "Anna", "1 2", "6")
            #expect(session.screenName == "(ending complete)")

            FaultInjector.shared.set(fault.operation, failWith: fault.code, under: test.root)
            defer { FaultInjector.shared.set(fault.operation, failWith: nil) }
            let error = #expect(throws: StoreError.self) { try session.perform(.answer("")) }
            #expect(fault.matches(error), "\(String(describing: error))")
            #expect(session.savedRecord == nil, "nothing is reported saved")
            #expect(session.screenName == "(ending complete)", "still on the ending screen")
            #expect(try test.records(id: session.id).isEmpty)
            #expect(Platform.exists(test.folder.journal(session.id)), "the answers stay in the journal")

            FaultInjector.shared.set(fault.operation, failWith: nil)
            #expect(try session.perform(.answer("")) == .finished(.complete))
            let saved = try #require(session.savedRecord)
            #expect(try test.records(id: session.id).map(\.serialized) == [saved], "saved exactly once")
            #expect(!Platform.exists(test.folder.journal(session.id)))
            #expect(try RecordReader(path: test.interviews).scan().skipped.isEmpty)
        }

        /// The fault hits interviews.jsonl itself (the journal's finishing line was
        /// written): the record is neither reported saved nor left twice after the retry.
        @Test(arguments: cases)
        func aFailedRecordWriteLeavesTheRecordInTheJournalAndTheRetryWritesItOnce(_ fault: Case) throws {
            let test = try TestFolder("fault-log")
            let failing = FailingSaveStore(try test.store(), mode: .fault(fault.operation, fault.code))
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: failing, sample: nil, interviewer: "maria")
            try session.answer("1", "42", "Anna", "1 2", "6")
            let error = #expect(throws: StoreError.self) { try session.perform(.answer("")) }
            #expect(fault.matches(error), "\(String(describing: error))")
            #expect(error?.description.contains(test.interviews) == true, "the message names the file: \(String(describing: error))")
            #expect(session.savedRecord == nil)
            let finishing = try Journal.read(path: test.folder.journal(session.id)).1.contains {
                if case .finishing = $0 { return true } else { return false }
            }
            #expect(finishing, "the record is kept in the journal")

            failing.mode = .none
            #expect(try session.perform(.answer("")) == .finished(.complete))
            let saved = try #require(session.savedRecord)
            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.records.map(\.serialized) == [saved], "saved exactly once")
            #expect(scan.skipped.isEmpty)
            #expect(!Platform.exists(test.folder.journal(session.id)))
        }

        @Test(arguments: cases)
        func aFailedAppendToTheRecordLogThrowsAndTheRetryAppendsOnce(_ fault: Case) throws {
            let test = try TestFolder("fault-append")
            let store = try test.store()
            try store.save(recordLine: #"{"id":"A","status":"complete"}"#)
            test.withFault(fault.operation, fault.code) {
                #expect(throws: StoreError.self) { try store.save(recordLine: #"{"id":"B","status":"complete"}"#) }
            }
            try store.save(recordLine: #"{"id":"B","status":"complete"}"#)
            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.records.compactMap { $0["id"]?.stringValue } == ["A", "B"])
            #expect(scan.skipped.isEmpty)
            #expect(test.bytes(test.interviews) == Array("{\"id\":\"A\",\"status\":\"complete\"}\n{\"id\":\"B\",\"status\":\"complete\"}\n".utf8))
        }

        @Test func aFailedJournalHeaderStartsNoInterview() throws {
            let test = try TestFolder("fault-start")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            test.withFault(.fsync, ENOSPC) {
                #expect(throws: StoreError.self) {
                    try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
                }
            }
            #expect(try store.resumable().isEmpty, "nothing to resume")
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1")
            session.interrupt()
            #expect(try store.resumable().map(\.header.id) == [session.id])
        }

        /// The process died while saving (the record is in its journal, maybe not in the
        /// file): resuming it does not run it again; recovery saves it, exactly once.
        @Test func resumingAnInterviewThatWasSavingRecoversItOnce() throws {
            let folder = try TestFolder("fault-resume-finished")
            let store = try folder.store()
            let q = try Fixture.questionnaire("""
            survey s "S"
            single a "A?"
              1 "one"
              2 "two"
            """)
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1")
            FaultInjector.shared.set(.fsync, failWith: ENOSPC, under: folder.interviews)
            #expect(throws: StoreError.self) { try session.perform(.answer("")) }
            FaultInjector.shared.set(.fsync, failWith: nil)
            session.interrupt()
            #expect(try store.resumable().isEmpty, "a finished interview is not offered for resuming")
            #expect(throws: StoreError.alreadySaved(session.id)) {
                try InterviewSession.resume(session.id, questionnaire: q, store: store)
            }
            let ids = try RecordReader(path: folder.interviews).scan().records.compactMap { $0["id"]?.stringValue }
            #expect(ids == [session.id])
        }

        /// A record whose fsync failed after its write landed, then another interviewer's
        /// record, then the retry: still exactly once, and the file is never cut.
        @Test func retryAfterAnotherAppendSavesExactlyOnce() throws {
            let folder = try TestFolder("fault-interleaved")
            let mine = try folder.store()
            let other = try folder.store()
            try folder.withFault(.fsync, EIO) {
                #expect(throws: StoreError.self) { try mine.save(recordLine: #"{"id":"MINE"}"#) }
            }
            try other.save(recordLine: #"{"id":"OTHER"}"#)
            try mine.save(recordLine: #"{"id":"MINE"}"#)
            let ids = try RecordReader(path: folder.interviews).scan().records.compactMap { $0["id"]?.stringValue }
            #expect(ids.sorted() == ["MINE", "OTHER"])
        }

        /// A fault set on one folder leaves another folder alone (other tests of this
        /// process write at the same time).
        @Test func aFaultScopedToOneFolderLeavesOthersAlone() throws {
            let hit = try TestFolder("fault-hit")
            let spared = try TestFolder("fault-spared")
            let hitStore = try hit.store()
            let sparedStore = try spared.store()
            try hit.withFault(.fsync, EIO) {
                #expect(throws: StoreError.self) { try hitStore.save(recordLine: #"{"id":"H"}"#) }
                try sparedStore.save(recordLine: #"{"id":"S"}"#)
            }
            #expect(try RecordReader(path: spared.interviews).scan().records.count == 1)
            // The failed save was not acknowledged; once the fault is gone, the retry
            // leaves the record exactly once (whether or not the failed write landed).
            try hitStore.save(recordLine: #"{"id":"H"}"#)
            #expect(try RecordReader(path: hit.interviews).scan().records.compactMap { $0["id"]?.stringValue } == ["H"])
        }
    }
}

import CatiCore
import Foundation
import Testing
@testable import CatiStore

/// Issue 20's store operations (`erase`, `erasedCases`, `pseudonymKey`), written once
/// for every store in `StoreBackends.all` (the PostgreSQL store must pass them too).
extension StoreTests {
    @Suite struct StorePrivacyContractTests {
        func header(_ q: Questionnaire, respondent: String) -> JournalHeader {
            let now = Date().timeIntervalSince1970
            return JournalHeader(id: InterviewID.make(at: now), survey: q.survey, questionnaireSHA256: q.sha256,
                                 interviewer: "maria", startedAt: now,
                                 sample: SampleRecord(id: respondent, fields: ["tipo": "privato"]), simulated: true)
        }

        /// A finished interview of `respondent` with its call attempt; returns the interview id.
        func interview(_ store: any InterviewStore, _ q: Questionnaire, _ respondent: String) throws -> String {
            let handle = try store.start(header(q, respondent: respondent))
            try handle.append(.action(.answer("1"), at: 1))
            try handle.finish(InterviewRecord(.object([("id", .string(handle.header.id)), ("respondent", .string(respondent)),
                                                       ("status", .string("complete"))])))
            try store.appendAttempts([CallAttempt(caseID: respondent, attempt: 1, interviewer: "maria", at: 1_800_000_000,
                                                  outcome: .complete, interview: handle.header.id)])
            return handle.header.id
        }

        @Test(arguments: StoreBackends.all)
        func anErasedCaseIsGoneEverywhereAndNeverOfferedTheOthersUntouched(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            let ids = try ["R1", "R2", "R3"].map { try interview(store, q, $0) }
            // R2 also has an interrupted interview.
            let open = try store.start(header(q, respondent: "R2"))
            try open.append(.action(.answer("1"), at: 2))
            open.letGo()
            let before = try store.readRecords(after: .start, limit: .max).records.map(\.serialized)
            let attemptsRead = try store.readAttempts(after: .start)
            let attemptsBefore = attemptsRead.attempts

            let other = try under.open()
            let report = try other.erase(ErasureRequest(cases: ["R2"], answers: true, personalColumns: ["name", "phone"]))
            #expect(report.records == 1 && report.attempts == 1 && report.journals == 1)

            let after = try store.readRecords(after: .start, limit: .max).records.map(\.serialized)
            #expect(after == before.filter { !$0.contains(ids[1]) })
            #expect(try store.readAttempts(after: .start).attempts == attemptsBefore.filter { $0.caseID != "R2" })
            // A reader that had read them all is told to read them again (a call desk's book).
            let again = try store.readAttempts(after: attemptsRead.cursor)
            #expect(again.restarted)
            #expect(again.attempts == attemptsBefore.filter { $0.caseID != "R2" })
            #expect(try store.readAttempts(after: again.cursor).attempts.isEmpty)
            #expect(try !store.readAttempts(after: again.cursor).restarted)
            #expect(try store.interviewsInProgress().isEmpty)
            #expect(try store.erasedCases() == ["R2"])
            #expect(try store.takenCases().contains("R2"), "never offered again")
            // Writing goes on after it, in the same process and another.
            _ = try interview(store, q, "R4")
            #expect(try other.readRecords(after: .start, limit: .max).records.count == 3)
        }

        @Test(arguments: StoreBackends.all)
        func aCaseHeldByALiveProcessIsNotErasedAndNothingIsRecorded(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            let handle = try store.start(header(q, respondent: "R9"))
            let other = try under.open()
            #expect(throws: StoreError.busy(handle.header.id)) {
                _ = try other.erase(ErasureRequest(cases: ["R9"], answers: true, personalColumns: []))
            }
            #expect(try other.erasedCases().isEmpty)
            let claim = try #require(try store.claim(case: "R8"))
            #expect(throws: StoreError.busy("R8")) {
                _ = try other.erase(ErasureRequest(cases: ["R8"], answers: false, personalColumns: []))
            }
            claim.release()
            handle.letGo()
        }

        @Test(arguments: StoreBackends.all)
        func thePseudonymKeyIsMadeOnceAndTheSameForEveryProcess(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let key = try under.open().pseudonymKey()
            #expect(key.count >= 16)
            #expect(try under.open().pseudonymKey() == key)
        }

        /// A supervisor's screen open while a case is erased counts the call attempts again
        /// from the rewritten file: the erased case's attempt is gone, none is counted twice.
        @Test(arguments: StoreBackends.all)
        func aMonitorOpenDuringAnErasureCountsEachRemainingAttemptOnce(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            for respondent in ["R1", "R2", "R3"] { _ = try interview(store, q, respondent) }
            let monitor = MonitorSource(questionnaire: q, store: store, until: nil, utcOffset: 0)
            monitor.refresh()
            #expect(monitor.calls["maria"]?.attempts == 3)

            _ = try under.open().erase(ErasureRequest(cases: ["R2"], answers: true, personalColumns: ["name", "phone"]))
            #expect(monitor.refresh(), "the rewrite is a change")
            #expect(monitor.calls["maria"]?.attempts == 2)
            #expect(monitor.calls["maria"]?.outcomes == ["complete": 2])
            _ = try interview(store, q, "R4")
            monitor.refresh()
            #expect(monitor.calls["maria"]?.attempts == 3)
        }
    }
}

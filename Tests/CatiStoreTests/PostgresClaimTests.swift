import CatiCore
import CatiTestSupport
import Foundation
import Testing
@testable import CatiPostgres
@testable import CatiStore

/// `claimFirst(of:)` on PostgreSQL beyond the contract suite: a candidate whose claim
/// row another transaction has locked is skipped at once (`SKIP LOCKED`), not waited for.
extension StoreTests {
    @Suite(.enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
    struct PostgresClaimTests {
        /// What a claimFirst running on another thread gave, once it returns.
        final class Outcome: @unchecked Sendable {
            private let lock = NSLock()
            private var value: Result<String?, any Error>?
            var result: Result<String?, any Error>? { lock.lock(); defer { lock.unlock() }; return value }
            func set(_ result: Result<String?, any Error>) { lock.lock(); value = result; lock.unlock() }
        }

        /// Runs `claimFirst` on another thread and waits for its answer until `seconds`
        /// have passed; nil when it has not answered by then.
        func claimFirst(_ store: any InterviewStore, _ cases: [String], within seconds: Double) -> Outcome {
            let outcome = Outcome()
            Thread.detachNewThread {
                outcome.set(Result(catching: { try store.claimFirst(of: cases)?.caseID }))
            }
            let deadline = Date().addingTimeInterval(seconds)
            while outcome.result == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            return outcome
        }

        @Test func aCandidateLockedByAnotherTransactionIsSkippedAtOnceNotWaitedFor() throws {
            let under = try PostgresUnderTest()
            let store = try under.open()
            try under.control.query("""
                INSERT INTO cati_claims (survey, case_id) VALUES (\(under.survey), 'R1'), (\(under.survey), 'R2')
                """, "candidate rows")
            let locker = PGConnection(under.endpoint)
            defer { locker.close() }
            try locker.session("hold R1's row") { tx in
                try tx.query("BEGIN")
                let locked = try tx.query("""
                    SELECT case_id FROM cati_claims WHERE survey = \(under.survey) AND case_id = 'R1' FOR UPDATE
                    """)
                #expect(try locked.first?.decode(String.self) == "R1")
                // While the row is locked (a claim in flight on another connection):
                let skipping = claimFirst(store, ["R1", "R2"], within: 10)
                switch skipping.result {
                case nil: Issue.record("claimFirst waited for the locked row instead of skipping it")
                case .success(let id): #expect(id == "R2", "R1 is locked: the next one")
                case .failure(let error): Issue.record("claimFirst failed: \(error)")
                }
                let onlyLocked = claimFirst(store, ["R1"], within: 10)
                switch onlyLocked.result {
                case nil: Issue.record("claimFirst waited for the locked row instead of skipping it")
                case .success(let id): #expect(id == nil, "the only candidate is locked: none now")
                case .failure(let error): Issue.record("claimFirst failed: \(error)")
                }
                try tx.query("ROLLBACK")
            }
            // The lock gone with its transaction, R1 (never claimed) is free.
            let other = try under.open()
            #expect(try other.claimFirst(of: ["R1", "R2"])?.caseID == "R1", "R2 is held, R1 free again")
        }
    }
}

import CatiCore
import CatiTestSupport
import Foundation
import Testing
@testable import CatiPostgres
@testable import CatiStore

/// PostgreSQL beyond the contract suite: the server restarted as a crash would
/// (`pg_ctl restart -m immediate`) in the middle of an interview, and a connection
/// killed in the middle of a finish.
extension StoreTests {
    @Suite(.enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
    struct PostgresFailureTests {
        func header(_ q: Questionnaire) -> JournalHeader {
            let now = Date().timeIntervalSince1970
            return JournalHeader(id: InterviewID.make(at: now), survey: q.survey, questionnaireSHA256: q.sha256,
                                 interviewer: "maria", startedAt: now, sample: nil, simulated: true)
        }

        /// Retries `body` (as the screen does after "connection lost") until it succeeds,
        /// with a deadline; returns how many attempts failed.
        func retrying(_ body: () throws -> Void) throws -> Int {
            let deadline = Date().addingTimeInterval(60)
            var failures = 0
            while true {
                do { try body(); return failures } catch let error as StoreError {
                    failures += 1
                    if Date() > deadline { throw error }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        }

        @Test func everyAcknowledgedAnswerIsThereAfterTheServerCrashedAndRestarted() throws {
            let cluster = try PostgresTestServer.start(folder: "/tmp/cati-test-pg-restart-\(getuid())")
            defer { PostgresTestServer.stop(cluster) }
            let endpoint = PostgresEndpoint(try PostgresURL(cluster.url))
            let survey = "restart_" + InterviewID.make(at: 0).suffix(8).lowercased()
            let q = try Fixture.questionnaire()
            let store = try PostgresStore(endpoint, survey: survey, creating: true)
            let handle = try store.start(header(q))
            let before: [JournalEvent] = [.action(.answer("1"), at: 1), .action(.answer("42"), at: 2),
                                          .action(.answer("Anna"), at: 3)]
            for event in before { try handle.append(event) }

            try PostgresTestServer.ctl(cluster, "restart -m immediate -w -t 60")

            let after: JournalEvent = .action(.answer("1"), at: 4)
            let failed = try retrying { try handle.append(after) }
            #expect(failed <= 1, "one attempt fails (the connection died with the server), the retry goes through")
            handle.letGo()

            let other = try PostgresStore(endpoint, survey: survey, creating: true)
            let resumed = try other.resume(handle.header.id)
            #expect(resumed.events == before + [after], "every acknowledged answer, once, in order")
            resumed.handle.letGo()
        }

        /// The server down (not restarting): every operation says the database cannot be
        /// reached (`unavailable`, not a disk error), nothing is written; once it is up
        /// again, the same append reconnects and stores the event once.
        @Test func aServerThatIsDownIsUnavailableUntilItIsBackAndTheRetriedAnswerIsStoredOnce() throws {
            let folder = "/tmp/cati-test-pg-down-\(getuid())"
            let cluster = try PostgresTestServer.start(folder: folder)
            defer { PostgresTestServer.stop(cluster) }
            let port = try String(contentsOfFile: folder + "/port", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let endpoint = PostgresEndpoint(try PostgresURL(cluster.url))
            let survey = "down_" + InterviewID.make(at: 0).suffix(8).lowercased()
            let q = try Fixture.questionnaire()
            let store = try PostgresStore(endpoint, survey: survey, creating: true)
            let handle = try store.start(header(q))
            try handle.append(.action(.answer("1"), at: 1))

            try PostgresTestServer.ctl(cluster, "stop -m immediate -w -t 60")
            let typed: JournalEvent = .action(.answer("42"), at: 2)
            for attempt in 1...2 {
                do {
                    try handle.append(typed)
                    Issue.record("attempt \(attempt): an append with the server down reported stored")
                } catch let error as StoreError {
                    #expect(error.isUnavailable, "attempt \(attempt): \(error)")
                    #expect("\(error)".contains("record an answer of interview \(handle.header.id)"), "what was being done: \(error)")
                }
            }
            let listing = Result { try store.interviewsInProgress() }
            if case .failure(let error as StoreError) = listing { #expect(error.isUnavailable, "\(error)") }
            else { Issue.record("a read with the server down: \(listing)") }
            let opening = Result { try PostgresStore(endpoint, survey: survey, creating: false) }
            if case .failure(let error as StoreError) = opening { #expect(error.isUnavailable, "\(error)") }
            else { Issue.record("a store opened with the server down: \(opening)") }

            try PostgresTestServer.ctl(cluster, "start -w -t 60 -o '-p \(port) -k \(folder) "
                                       + "-c listen_addresses=127.0.0.1 -c max_connections=200'")
            try handle.append(typed)
            handle.letGo()
            let other = try PostgresStore(endpoint, survey: survey, creating: true)
            let resumed = try other.resume(handle.header.id)
            #expect(resumed.events == [.action(.answer("1"), at: 1), typed], "the retried answer once, after the first")
            resumed.handle.letGo()
        }

        @Test func aConnectionKilledInTheMiddleOfAFinishLeavesOneRecordAfterTheRetry() throws {
            let under = try PostgresUnderTest()
            let q = try Fixture.questionnaire()
            let store = try under.open() as! PostgresStore
            let cell = try #require(q.quotas[0].cells.first { $0.label == "si" })
            let handle = try store.start(header(q))
            #expect(try store.quotaGate.hold(cell, of: q.quotas[0], for: handle.header.id))
            try handle.append(.action(.answer("1"), at: 1))
            // The record's insert waits inside the server, so that the kill lands mid-save.
            try under.control.query("""
                CREATE OR REPLACE FUNCTION cati_test_slow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.survey = TG_ARGV[0] THEN PERFORM pg_sleep(30); END IF;
                    RETURN NEW;
                END $$
                """, "trigger function")
            let trigger = "cati_test_slow_" + under.survey
            try under.control.query(sql: """
                CREATE TRIGGER \(trigger) BEFORE INSERT ON cati_interviews FOR EACH ROW
                EXECUTE FUNCTION cati_test_slow('\(under.survey)')
                """, "trigger")
            let record = InterviewRecord(.object([("id", .string(handle.header.id)), ("status", .string("complete")),
                                                  ("quota_cells", .object([("per_consenso", .string("si"))]))]))
            let pid = store.backendPID
            let finished = FinishOutcome()
            let thread = Thread { finished.set(Result { try handle.finish(record) }) }
            thread.start()
            let deadline = Date().addingTimeInterval(20)
            var inInsert = false
            while !inInsert, Date() < deadline {
                inInsert = try under.control.query("""
                    SELECT count(*)::integer FROM pg_stat_activity WHERE pid = \(pid) AND query LIKE '%INSERT INTO cati_interviews%'
                      AND state = 'active'
                    """, "poll").first?.decode(Int32.self) == 1
                if !inInsert { Thread.sleep(forTimeInterval: 0.01) }
            }
            #expect(inInsert, "the finish reached the record's insert")
            try PostgresUnderTest.terminate(pid: pid, using: under.control)
            try under.control.query(sql: "DROP TRIGGER \(trigger) ON cati_interviews", "drop")
            let outcome = try finished.wait()
            #expect(throws: StoreError.self, "a finish cut off is not reported saved") { try outcome.get() }

            let reader = try under.open()
            #expect(try reader.readRecords(after: .start, limit: 10).records.isEmpty, "nothing half-saved")
            _ = try retrying { try handle.finish(record) }
            let records = try reader.readRecords(after: .start, limit: 10).records
            #expect(records.compactMap { $0["id"]?.stringValue } == [handle.header.id], "one record after the retry")
            #expect(try reader.interviewsInProgress().isEmpty)
            let counts = try reader.quotaCounts()
            #expect(counts.complete["per_consenso"]?["si"] == 1)
            #expect((counts.inProgress["per_consenso"]?["si"] ?? 0) == 0)
        }

        @Test func aHolderOnAnotherHostIsReleasedByTheDatabaseAndDoesNotTakeItBack() throws {
            let under = try PostgresUnderTest()
            let q = try Fixture.questionnaire()
            let holder = try under.open(), supervisor = try under.open()
            let handle = try holder.start(header(q))
            try handle.append(.action(.answer("1"), at: 1))
            // The holder's row says it runs elsewhere: no signal reaches it from here.
            try under.control.query("""
                UPDATE cati_in_progress SET holder_host = 'site-b' WHERE survey = \(under.survey) AND id = \(handle.header.id)
                """, "move the holder")
            #expect(throws: StoreError.self, "another login's takeover is refused") {
                try supervisor.takeOver(handle.header.id, by: "someone-else")
            }
            let release = try supervisor.release(handle.header.id)
            #expect(release.how == .killed && release.holder?.host == "site-b")
            let item = try #require(try supervisor.interviewsInProgress().first { $0.header.id == handle.header.id })
            #expect(item.state == .interrupted, "freed: resumable")
            // The cut-off process reconnects on its next answer and finds the interview gone.
            // (The first try may meet the dead connection; the retry must be told it is busy.)
            var refusal: StoreError?
            for _ in 0..<2 {
                do { try handle.append(.action(.answer("2"), at: 2)); refusal = nil; break } catch let error as StoreError {
                    refusal = error
                    if case .busy = error { break }
                }
            }
            #expect(refusal == .busy(handle.header.id), "its next answer is refused, not stored")
            let resumed = try supervisor.resume(handle.header.id)
            #expect(resumed.events == [.action(.answer("1"), at: 1)], "every answer it acknowledged, nothing after")
            resumed.handle.letGo()
        }

        /// A host that vanishes without closing its connection: the server probes the
        /// connection after 30 s of silence, every 10 s, 3 times, so its places and claims
        /// are free within a minute (the kernel's default would be two hours).
        @Test func theServerProbesAStoresConnectionSoAVanishedHostIsNoticedWithinAMinute() throws {
            let under = try PostgresUnderTest()
            let store = try under.open() as! PostgresStore
            func show(_ name: String) throws -> String {
                try store.connection.query(sql: "SHOW \(name)", "show").first?.decode(String.self) ?? ""
            }
            #expect(try show("tcp_keepalives_idle") == "30")
            #expect(try show("tcp_keepalives_interval") == "10")
            #expect(try show("tcp_keepalives_count") == "3")
            #expect(try show("jit") == "off")
        }

        @Test func aVersionOneDatabaseIsMigratedByAStoreThatOnlyReads() throws {
            let cluster = try PostgresTestServer.cluster()
            let name = "cati_v1_\(UInt32.random(in: 0...UInt32.max))"
            try PostgresTestServer.run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", cluster.url, "-c", "CREATE DATABASE \(name)"])
            let endpoint = PostgresEndpoint(try PostgresURL(cluster.url(database: name)))
            _ = try PostgresStore(endpoint, survey: "old", creating: true)
            // Back to version 1, as a database made by the first release of the schema.
            try PostgresTestServer.run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", cluster.url(database: name), "-c", """
                DROP TABLE cati_erasures; DROP TABLE cati_keys; ALTER TABLE cati_surveys DROP COLUMN attempts_generation;
                DELETE FROM cati_schema_version WHERE version >= 2
                """])
            let reader = try PostgresStore(endpoint, survey: "old", creating: false)
            #expect(try reader.erasedCases().isEmpty, "the version-2 tables are there")
            #expect(try reader.pseudonymKey().count == 32)
            #expect(try reader.readAttempts(after: .start).attempts.isEmpty)
        }
    }
}

/// What a finish on another thread came to.
final class FinishOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Void, any Error>?

    func set(_ result: Result<Void, any Error>) {
        self.result = result
        done.signal()
    }

    func wait() throws -> Result<Void, any Error> {
        guard done.wait(timeout: .now() + 60) == .success, let result else {
            throw StoreError.ioFailure(reason: "the finish did not return within 60 s", detail: "test")
        }
        return result
    }
}

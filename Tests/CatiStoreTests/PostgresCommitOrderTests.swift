import CatiCore
import CatiTestSupport
import Foundation
import Testing
@testable import CatiPostgres
@testable import CatiStore

/// The PostgreSQL streams in commit order without a lock between writers: a finish does
/// not wait for another finish still committing, and a reader holding a cursor never
/// skips the slower one (it withholds what committed after it until it is in).
extension StoreTests {
    @Suite(.enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
    struct PostgresCommitOrderTests {
        let under: PostgresUnderTest
        init() throws { under = try PostgresUnderTest() }

        func record(_ id: String) -> InterviewRecord {
            InterviewRecord(.object([("id", .string(id)), ("status", .string("complete")),
                                     ("quota_cells", .object([("tipo", .string("privato"))]))]))
        }

        /// Runs `body` on another thread; true when it returned within `seconds`.
        func returns(within seconds: Double, _ body: @escaping @Sendable () throws -> Void) -> Bool {
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                do { try body() } catch { Issue.record("\(error)") }
                done.signal()
            }
            return done.wait(timeout: .now() + seconds) == .success
        }

        /// Reads until `count` ids came after `cursor` (polls: another test's transaction
        /// in the same cluster may hold the bound back for a moment), with a deadline.
        func readAll(_ store: PostgresStore, after cursor: RecordCursor, count: Int) throws -> ([String], RecordCursor) {
            var ids: [String] = [], at = cursor
            let deadline = Date().addingTimeInterval(60)
            while ids.count < count, Date() < deadline {
                let batch = try store.readRecords(after: at, limit: 100)
                ids += batch.records.compactMap { $0["id"]?.stringValue }
                at = batch.cursor
                if ids.count < count { Thread.sleep(forTimeInterval: 0.02) }
            }
            return (ids, at)
        }

        @Test func aFinishDoesNotWaitForAnotherAndTheReaderSkipsNeither() throws {
            let writer = try under.open() as! PostgresStore
            let reader = try under.open() as! PostgresStore
            try writer.commitFinish(record("FIRST"))
            let (first, cursor) = try readAll(reader, after: .start, count: 1)
            #expect(first == ["FIRST"])

            // SLOW is inserted and not yet committed (its commit still flushing).
            let slow = PGConnection(under.endpoint)
            defer { slow.close() }
            try PostgresUnderTest.beginRecord(record("SLOW").line, survey: under.survey, on: slow)

            // FAST finishes meanwhile: it does not wait for SLOW.
            let fastWriter = writer
            let fastDone = returns(within: 60) { try fastWriter.commitFinish(self.record("FAST")) }
            #expect(fastDone, "a finish waited for another finish's commit")

            // FAST is committed, but a reader that took it now would be past SLOW when SLOW
            // commits: it is withheld while SLOW's transaction is open.
            let meanwhile = try reader.readRecords(after: cursor, limit: 100)
            #expect(meanwhile.records.isEmpty, "read before an earlier transaction ended")
            #expect(meanwhile.cursor == cursor)
            var scanned: [String] = []
            let scan = try reader.scanRecordLines(after: cursor) { scanned.append(String(decoding: $0, as: UTF8.self)) }
            #expect(scanned.isEmpty && scan.cursor == cursor)
            #expect(try reader.quotaCounts().complete["tipo"]?["privato"] == 2, "counts see every committed complete")

            try slow.session("commit") { tx in _ = try tx.query("COMMIT") }
            let (later, end) = try readAll(reader, after: cursor, count: 2)
            #expect(later == ["SLOW", "FAST"], "both, once, in the order their transactions began")
            #expect(try reader.readRecords(after: end, limit: 100).records.isEmpty)
        }

        /// A long transaction that writes elsewhere (another table, another program's
        /// batch) does not hold the streams back: a record and an attempt committed
        /// after it began are read while it is still open.
        @Test func aLongTransactionElsewhereOnTheServerDoesNotHoldReadersBack() throws {
            let writer = try under.open() as! PostgresStore
            let reader = try under.open() as! PostgresStore
            let batch = PGConnection(under.endpoint)
            defer { batch.close() }
            try batch.session("a long batch elsewhere") { tx in
                _ = try tx.query("BEGIN")
                _ = try tx.query("CREATE TEMP TABLE batch_rows (n integer)")
                _ = try tx.query("INSERT INTO batch_rows VALUES (1)")
            }
            try writer.commitFinish(record("AFTER"))
            try writer.appendAttempts([CallAttempt(caseID: "C9", attempt: 1, interviewer: "maria", at: 1, outcome: .busy)])
            var ids: [String] = [], cases: [String] = []
            let deadline = Date().addingTimeInterval(20)
            while (ids.isEmpty || cases.isEmpty), Date() < deadline {
                ids = try reader.readRecords(after: .start, limit: 10).records.compactMap { $0["id"]?.stringValue }
                cases = try reader.readAttempts(after: .start).attempts.map(\.caseID)
                if ids.isEmpty || cases.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
            }
            #expect(ids == ["AFTER"], "held back by a transaction that writes no cati table")
            #expect(cases == ["C9"])
            try batch.session("end the batch") { tx in _ = try tx.query("ROLLBACK") }
        }

        @Test func callAttemptsCommittedOutOfOrderAreReadOnceEach() throws {
            let writer = try under.open() as! PostgresStore
            let reader = try under.open() as! PostgresStore
            @Sendable func attempt(_ caseID: String) -> CallAttempt {
                CallAttempt(caseID: caseID, attempt: 1, interviewer: "maria", at: Date().timeIntervalSince1970,
                            outcome: .noAnswer)
            }
            try writer.appendAttempts([attempt("C1")])
            let first = try reader.readAttempts(after: .start)
            #expect(first.attempts.map(\.caseID) == ["C1"])

            let slow = PGConnection(under.endpoint)
            defer { slow.close() }
            try slow.session("an attempt, not committed") { tx in
                _ = try tx.query("BEGIN")
                _ = try tx.query("INSERT INTO cati_attempts (survey, line) VALUES (\(under.survey), \(attempt("C2").line))")
            }
            let fastWriter = writer
            #expect(returns(within: 60) { try fastWriter.appendAttempts([attempt("C3")]) }, "an append waited for another")
            let meanwhile = try reader.readAttempts(after: first.cursor)
            #expect(meanwhile.attempts.isEmpty && meanwhile.cursor == first.cursor)

            try slow.session("commit") { tx in _ = try tx.query("COMMIT") }
            var seen: [String] = [], at = first.cursor
            let deadline = Date().addingTimeInterval(60)
            while seen.count < 2, Date() < deadline {
                let batch = try reader.readAttempts(after: at)
                seen += batch.attempts.map(\.caseID)
                at = batch.cursor
                if seen.count < 2 { Thread.sleep(forTimeInterval: 0.02) }
            }
            #expect(seen == ["C2", "C3"])
        }
    }
}

/// A database made by an earlier cati (schema version 3, records ordered by `seq` only)
/// is migrated on first use, and a reader reads its old records then the new ones, once.
extension StoreTests {
    @Suite(.enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
    struct PostgresStreamMigrationTests {
        @Test func recordsAndAttemptsOfAVersion3DatabaseAreReadInOrderAfterTheMigration() throws {
            let cluster = try PostgresTestServer.cluster()
            let name = "cati_v3_" + InterviewID.make(at: Date().timeIntervalSince1970).lowercased()
            let admin = PGConnection(PostgresEndpoint(try PostgresURL(cluster.url)))
            defer { admin.close() }
            try admin.query(sql: "CREATE DATABASE \(name)", "create database")
            let endpoint = PostgresEndpoint(try PostgresURL(cluster.url(database: name)))
            let old = PGConnection(endpoint)
            defer { old.close() }
            for step in 1...3 {
                for statement in PostgresSchema.migrations[step] ?? [] { _ = try old.query(sql: statement, "version \(step)") }
            }
            try old.query(sql: """
                CREATE TABLE cati_schema_version (version integer NOT NULL, applied timestamptz NOT NULL DEFAULT now())
                """, "versions")
            try old.query("INSERT INTO cati_schema_version (version) VALUES (1), (2), (3)", "versions")
            try old.session("the survey") { try PostgresSchema.addSurvey($0, "old") }
            for id in ["OLD1", "OLD2"] {
                let line = #"{"id":"\#(id)","status":"complete"}"#
                try old.query("""
                    INSERT INTO cati_interviews (survey, id, status, record, line)
                    VALUES ('old', \(id), 'complete', \(line)::jsonb, \(line))
                    """, "a record")
            }
            let attempt = CallAttempt(caseID: "C1", attempt: 1, interviewer: "maria", at: 1, outcome: .busy).line
            try old.query("INSERT INTO cati_attempts (survey, line) VALUES ('old', \(attempt))", "an attempt")

            let store = try PostgresStore(endpoint, survey: "old", creating: true)
            #expect(try old.session("version") { try PostgresSchema.installedVersion($0) } == PostgresSchema.version)
            let before = try store.readRecords(after: .start, limit: 100)
            #expect(before.records.compactMap { $0["id"]?.stringValue } == ["OLD1", "OLD2"])
            try store.commitFinish(InterviewRecord(.object([("id", .string("NEW1")), ("status", .string("complete"))])))
            var ids: [String] = [], at = before.cursor
            let deadline = Date().addingTimeInterval(60)
            while ids.isEmpty, Date() < deadline {
                let batch = try store.readRecords(after: at, limit: 100)
                ids += batch.records.compactMap { $0["id"]?.stringValue }
                at = batch.cursor
            }
            #expect(ids == ["NEW1"], "the new record after the old ones, none twice")
            let attempts = try store.readAttempts(after: .start)
            #expect(attempts.attempts.map(\.caseID) == ["C1"], "\(attempts.warnings)")
        }
    
        /// An interviewer's role may not change tables: opening a database still at
        /// version 3 says who must upgrade it and how, and works once the owner has.
        @Test func anInterviewerOnAVersion3DatabaseIsToldTheOwnerMustUpgradeIt() throws {
            let cluster = try PostgresTestServer.cluster()
            let name = "cati_v3r_" + InterviewID.make(at: Date().timeIntervalSince1970).lowercased()
            let role = "maria_" + name.suffix(8)
            let admin = PGConnection(PostgresEndpoint(try PostgresURL(cluster.url)))
            defer { admin.close() }
            try admin.query(sql: "CREATE DATABASE \(name)", "create database")
            let owner = PostgresEndpoint(try PostgresURL(cluster.url(database: name)))
            try PostgresStore.initialize(owner)
            _ = try PostgresStore(owner, survey: "s", creating: true)
            try admin.query(sql: "CREATE ROLE \(role) LOGIN IN ROLE cati_interviewer", "role")
            let back = PGConnection(owner)
            defer { back.close() }
            for statement in ["ALTER TABLE cati_interviews DROP COLUMN xid", "ALTER TABLE cati_attempts DROP COLUMN xid",
                              "DELETE FROM cati_schema_version WHERE version = 4"] {
                try back.query(sql: statement, "back to version 3")
            }
            let asMaria = PostgresEndpoint(try PostgresURL(cluster.url(database: name).replacingOccurrences(of: "://cati@", with: "://\(role)@")))
            do {
                _ = try PostgresStore(asMaria, survey: "s", creating: true)
                Issue.record("an interviewer's role upgraded the schema")
            } catch let StoreError.permissionDenied(message) {
                #expect(message.contains("version 3") && message.contains("needs version \(PostgresSchema.version)"), "\(message)")
                #expect(message.contains("cati store init --store URL") && message.contains("owner"), "\(message)")
            }
            _ = try PostgresStore(owner, survey: "s", creating: true)
            let store = try PostgresStore(asMaria, survey: "s", creating: true)
            #expect(try store.readAttempts(after: .start).attempts.isEmpty, "upgraded by the owner: the interviewer works")
        }
    }
}

import CatiCore
import CatiTestSupport
import Foundation
import Testing
@testable import CatiPostgres
@testable import CatiStore

/// The contract suite on PostgreSQL. Each test's store is a survey of its own in the
/// test cluster's database; each `open()` is a new connection (another process); `kill`
/// terminates that connection's server process (`pg_terminate_backend`), as a killed
/// interviewer process or a lost host would; record writes fail through a trigger that
/// refuses this survey's inserts into `cati_interviews` with SQLSTATE 53100 (disk full).
struct PostgresBackend: StoreBackend {
    var testDescription: String { "PostgreSQL" }

    func makeStore() throws -> StoreUnderTest { try PostgresUnderTest() }
}

final class PostgresUnderTest: StoreUnderTest, @unchecked Sendable {
    let endpoint: PostgresEndpoint
    let survey: String
    let control: PGConnection

    init() throws {
        let cluster = try PostgresTestServer.cluster()
        endpoint = PostgresEndpoint(try PostgresURL(cluster.url))
        survey = "contract_" + InterviewID.make(at: Date().timeIntervalSince1970).lowercased()
        control = PGConnection(endpoint)
        _ = try open()  // the schema and the survey
    }

    deinit { control.close() }

    func open() throws -> any InterviewStore {
        try PostgresStore(endpoint, survey: survey, creating: true)
    }

    func kill(_ store: any InterviewStore, holding handles: [any InterviewHandle], claims: [any CaseClaim]) {
        guard let store = store as? PostgresStore else { return }
        do {
            try Self.terminate(pid: store.backendPID, using: control)
        } catch {
            Issue.record("cannot kill the connection: \(error)")
        }
    }

    /// Terminates a server process and waits (with a deadline) until it is gone, so that
    /// its advisory locks are released.
    static func terminate(pid: Int, using control: PGConnection) throws {
        try control.query("SELECT pg_terminate_backend(\(Int32(pid)))", "kill")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let alive = try control.query("SELECT count(*)::integer FROM pg_stat_activity WHERE pid = \(pid)", "poll")
                .first?.decode(Int32.self) ?? 0
            if alive == 0 { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("server process \(pid) still there 10 s after pg_terminate_backend")
    }

    func whileRecordWritesFail(_ body: () throws -> Void) rethrows {
        let trigger = "cati_test_refuse_" + survey
        do {
            try control.query("""
                CREATE OR REPLACE FUNCTION cati_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.survey = TG_ARGV[0] THEN
                        RAISE EXCEPTION 'could not extend file: No space left on device (test)' USING ERRCODE = '53100';
                    END IF;
                    RETURN NEW;
                END $$
                """, "trigger function")
            try control.query(sql: """
                CREATE TRIGGER \(trigger) BEFORE INSERT ON cati_interviews FOR EACH ROW
                EXECUTE FUNCTION cati_test_refuse('\(survey)')
                """, "trigger")
        } catch {
            Issue.record("cannot make record writes fail: \(error)")
        }
        defer { _ = try? control.query(sql: "DROP TRIGGER \(trigger) ON cati_interviews", "drop trigger") }
        try body()
    }

    /// The record inserted by a transaction left open on a connection of its own (a
    /// finish between its insert and its commit); the function commits it.
    func tearRecord(_ line: String) throws -> (() throws -> Void)? {
        let writer = PGConnection(endpoint)
        try Self.beginRecord(line, survey: survey, on: writer)
        return {
            defer { writer.close() }
            try writer.session("commit") { tx in _ = try tx.query("COMMIT") }
        }
    }

    /// BEGIN and the record's row inserted, the transaction left open on `writer`.
    static func beginRecord(_ line: String, survey: String, on writer: PGConnection) throws {
        guard let record = InterviewRecord(line: line) else { throw StoreError.damaged(line) }
        try writer.session("insert a record, not committed") { tx in
            _ = try tx.query("BEGIN")
            _ = try tx.query("""
                INSERT INTO cati_interviews (survey, id, status, record, line)
                VALUES (\(survey), \(record.id), \(record.status), \(record.line)::jsonb, \(record.line))
                """)
        }
    }

    func silence(_ handle: any InterviewHandle, seconds: Double) {
        do {
            try control.query("""
                UPDATE cati_in_progress SET last_key = \(Platform.now - seconds)
                WHERE survey = \(survey) AND id = \(handle.header.id)
                """, "silence")
        } catch {
            Issue.record("cannot move the last key back: \(error)")
        }
    }
}

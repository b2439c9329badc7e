import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// An interview held by this process: its in-progress row carries the process's session
/// id. Each event has a number chosen here, so that an append retried after a lost
/// acknowledgement (committed, but the connection dropped before the answer came back)
/// is stored once.
final class PostgresInterviewHandle: InterviewHandle, @unchecked Sendable {
    let store: PostgresStore
    let header: JournalHeader
    private let mutex = NSLock()
    private var nextEvent: Int32
    private var saved = false
    private var closed = false
    /// When the last key was written (monotonic seconds): at most every few seconds.
    private var keyNoted = 0.0
    static let keyEvery = 5.0

    init(store: PostgresStore, header: JournalHeader, nextEvent: Int) {
        self.store = store
        self.header = header
        self.nextEvent = Int32(nextEvent)
    }

    func append(_ event: JournalEvent) throws {
        try mutex.withLock {
            guard !closed else { throw StoreError.closed(header.id) }
            if store.placeLost(header.id) {
                letGoLocked()
                throw StoreError.ioFailure(
                    reason: "the connection to the database was lost and this interview's quota place was taken meanwhile",
                    detail: "resume interview \(header.id) to go on")
            }
            let survey = store.survey, n = nextEvent
            let suspended: Bool = if case .suspended = event { true } else { false }
            let time = event.time ?? Date().timeIntervalSince1970
            let rows = try store.connection.query("""
                WITH mine AS (
                    UPDATE cati_in_progress SET last_activity = \(time), suspended = \(suspended), last_key = \(Platform.now)
                    WHERE survey = \(survey) AND id = \(header.id) AND holder = \(unescaped: PostgresSchema.currentSession) AND finishing IS NULL RETURNING id),
                stored AS (
                    INSERT INTO cati_events (survey, interview, n, action, event)
                    SELECT \(survey), id, \(n), \(event.isAction), \(event.serialized) FROM mine
                    ON CONFLICT DO NOTHING RETURNING n)
                SELECT (SELECT count(*) FROM mine)::integer
                """, "record an answer of interview \(header.id) in \(store.location)")
            guard try rows.first?.decode(Int32.self) == 1 else {
                closed = true
                throw StoreError.busy(header.id)
            }
            nextEvent += 1
            keyNoted = Platform.monotonic
        }
    }

    /// The holder's last key: one cheap statement, at most every `keyEvery` seconds (a
    /// holder is stale after five minutes); a failure is ignored (the next answer says it).
    func noteKey() {
        let now = Platform.monotonic
        let due = mutex.withLock { () -> Bool in
            guard !closed, now - keyNoted >= Self.keyEvery else { return false }
            keyNoted = now
            return true
        }
        guard due else { return }
        _ = try? store.connection.query("""
            UPDATE cati_in_progress SET last_key = \(Platform.now)
            WHERE survey = \(store.survey) AND id = \(header.id) AND holder = \(unescaped: PostgresSchema.currentSession)
            """, "note a key of interview \(header.id)")
    }

    func finish(_ record: InterviewRecord) throws {
        try mutex.withLock {
            if saved { return }
            do {
                try store.commitFinish(record)
            } catch {
                store.keepFinishing(record)
                throw error
            }
            saved = true
            closed = true
            store.forgetPlaces(header.id)
        }
    }

    func suspend(at time: Double, reason: String) throws {
        try append(.suspended(at: time, reason: reason))
        letGo()
    }

    func letGo() {
        mutex.withLock { letGoLocked() }
    }

    private func letGoLocked() {
        guard !closed else { return }
        closed = true
        let survey = store.survey
        _ = try? store.connection.transaction("let interview \(header.id) go") { tx in
            try tx.query("UPDATE cati_in_progress SET holder = NULL, holder_login = NULL, holder_host = NULL, holder_pid = NULL WHERE survey = \(survey) AND id = \(header.id) AND holder = \(unescaped: PostgresSchema.currentSession)")
            try tx.query("DELETE FROM cati_places WHERE survey = \(survey) AND interview = \(header.id)")
        }
        store.forgetPlaces(header.id)
    }
}

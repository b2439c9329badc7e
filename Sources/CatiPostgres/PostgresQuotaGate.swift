import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// Quota places in PostgreSQL. A place is a row (interview, quota, cell, holder). Each
/// decision runs in a transaction that first takes a transaction-level advisory lock on
/// (survey, quota), then counts in one statement (one snapshot, taken after the lock):
/// the cell's completes, plus the places of live holders, plus the places of dead
/// holders that died saving a complete (they count until `recoverFinished`). Two
/// processes deciding for the same quota wait for each other; the lock goes with the
/// transaction's end, after its commit is visible, so no decision reads a stale count.
/// docs/architecture.md argues this against `SELECT … FOR UPDATE` of counter rows.
final class PostgresQuotaGate: QuotaGate, @unchecked Sendable {
    unowned let store: PostgresStore
    private let mutex = NSLock()
    /// Places this process holds: interview → quota → (cell, target).
    private var own: [String: [String: (cell: String, target: Int)]] = [:]
    /// Interviews whose place went to another process while this one was disconnected.
    private var lost = Set<String>()

    init(store: PostgresStore) {
        self.store = store
    }

    func hold(_ cell: Quota.Cell, of quota: Quota, for interview: String) throws -> Bool {
        let granted = try store.connection.transaction("take a place in \(quota.name)=\(cell.label)") { tx in
            try decide(tx, quota: quota.name, cell: cell.label, target: cell.target, interview: interview)
        }
        mutex.withLock {
            if granted { own[interview, default: [:]][quota.name] = (cell.label, cell.target) }
            else { own[interview]?[quota.name] = nil }
        }
        return granted
    }

    func release(_ quota: Quota, for interview: String) throws {
        try store.connection.query("""
            DELETE FROM cati_places WHERE survey = \(store.survey) AND interview = \(interview) AND quota = \(quota.name)
            """, "give up a place in \(quota.name)")
        mutex.withLock { _ = own[interview]?[quota.name] = nil }
    }

    /// Inside a transaction: whether the cell has room, and the place taken or dropped.
    private func decide(_ tx: PGConnection.Transaction, quota: String, cell: String, target: Int, interview: String,
                        ) throws -> Bool {
        let survey = store.survey
        try tx.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.quotaClass), hashtext(\(survey + "\u{1F}" + quota)))")
        let taken = try tx.query("""
            SELECT (SELECT count(*) FROM cati_completes WHERE survey = \(survey) AND quota = \(quota) AND cell = \(cell))
                 + (SELECT count(*) FROM cati_places p
                    WHERE p.survey = \(survey) AND p.quota = \(quota) AND p.cell = \(cell) AND p.interview <> \(interview)
                      AND (p.holder IN (SELECT cati_live_sessions()) OR EXISTS (
                           SELECT 1 FROM cati_in_progress f
                           WHERE f.survey = p.survey AND f.id = p.interview AND f.finishing_complete)))
            """).first?.decode(Int64.self) ?? 0
        if taken >= Int64(target) {
            try tx.query("DELETE FROM cati_places WHERE survey = \(survey) AND interview = \(interview) AND quota = \(quota)")
            return false
        }
        try tx.query("""
            INSERT INTO cati_places (survey, interview, quota, cell, holder)
            VALUES (\(survey), \(interview), \(quota), \(cell), \(unescaped: PostgresSchema.currentSession))
            ON CONFLICT (survey, interview, quota) DO UPDATE SET cell = EXCLUDED.cell, holder = EXCLUDED.holder
            """)
        return true
    }

    /// After a reconnect (inside the new connection's setup): each place this process
    /// held is decided again; one that no longer fits marks its interview lost.
    func takeBack(_ tx: PGConnection.Transaction, to holder: Int32) throws {
        let places = mutex.withLock { own }
        for (interview, quotas) in places {
            for (quota, place) in quotas {
                try tx.query("BEGIN")
                let fits: Bool
                do {
                    fits = try decide(tx, quota: quota, cell: place.cell, target: place.target, interview: interview)
                    try tx.query("COMMIT")
                } catch {
                    _ = try? tx.query("ROLLBACK")
                    throw error
                }
                if !fits { mutex.withLock { _ = lost.insert(interview); own[interview]?[quota] = nil } }
            }
        }
    }

    func isLost(_ interview: String) -> Bool { mutex.withLock { lost.contains(interview) } }

    func forget(_ interview: String) {
        mutex.withLock { own[interview] = nil; lost.remove(interview) }
    }
}

extension PostgresStore {
    func placeLost(_ interview: String) -> Bool { (quotaGate as! PostgresQuotaGate).isLost(interview) }
    func forgetPlaces(_ interview: String) { (quotaGate as! PostgresQuotaGate).forget(interview) }
}

import CatiStore
import PostgresNIO

/// The two streams a reader follows with a cursor, finished interviews and call
/// attempts, read in commit order without making writers wait for each other.
///
/// Each row carries the id of the transaction that stored it (`xid`, given by the
/// server). A reader takes only rows whose transaction is older than the oldest one
/// still running (`pg_snapshot_xmin` of its statement's snapshot), in (`xid`, `seq`)
/// order, and its cursor is the last (`xid`, `seq`) read. Every transaction that has
/// not committed yet has, or will get, an id at or above that bound, so no row can ever
/// appear behind a cursor: a monitor, an export or a call desk never skips one. A
/// writer's commit (and its flush) overlaps other writers'; a reader sees a row once
/// the writers that began before it have ended (normally milliseconds). Rows stored
/// before schema version 4 have `xid` 0 and keep their `seq` order.
enum PostgresStream {
    static let migration: [String] = [
        "ALTER TABLE cati_interviews ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT '0'",
        "ALTER TABLE cati_interviews ALTER COLUMN xid SET DEFAULT pg_current_xact_id()",
        "DROP INDEX IF EXISTS cati_interviews_stream",
        "CREATE INDEX cati_interviews_stream ON cati_interviews (survey, xid, seq)",
        "ALTER TABLE cati_attempts ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT '0'",
        "ALTER TABLE cati_attempts ALTER COLUMN xid SET DEFAULT pg_current_xact_id()",
        "CREATE INDEX IF NOT EXISTS cati_attempts_stream ON cati_attempts (survey, xid, seq)",
    ]

    /// SQL: the row's transaction ended before every transaction still running began.
    static let settled = "xid < pg_snapshot_xmin(pg_current_snapshot())"

    /// A row's transaction id as read (`xid::text`).
    static func commitOrder(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else { throw StoreError.damaged("a transaction id \(text)") }
        return value
    }
}

/// Where a reader of a stream is: the last (`xid`, `seq`) it read.
struct StreamPoint {
    var commitOrder: UInt64 = 0
    var seq: Int64 = 0

    init(commitOrder: UInt64 = 0, seq: Int64 = 0) {
        self.commitOrder = commitOrder
        self.seq = seq
    }

    init(_ cursor: RecordCursor) {
        self.init(commitOrder: cursor.commitOrder, seq: Int64(cursor.position))
    }

    func cursor(line: Int, generation: String) -> RecordCursor {
        RecordCursor(position: Int(seq), line: line, generation: generation, commitOrder: commitOrder)
    }
}

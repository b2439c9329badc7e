import CatiStore
import PostgresNIO

/// The two streams a reader follows with a cursor, finished interviews and call
/// attempts, read in commit order without making writers wait for each other.
///
/// Each row carries the id of the transaction that stored it (`xid`, given by the
/// server), and a reader's cursor is the last (`xid`, `seq`) it read. A reader takes
/// only rows below a bound that no transaction still writing the table can be under:
///
/// 1. First statement (`StreamBound.look`): the transactions holding the table's
///    `RowExclusiveLock` now, by their ids (`pg_locks`: each one's lock on its own
///    transaction id, joined by virtual transaction), and the next transaction id
///    (`pg_snapshot_xmax`).
/// 2. Second statement (its snapshot taken after the look): rows with `xid` below the
///    smallest id of those writers still running in its snapshot, and below that next
///    id.
///
/// A writer still running at the second statement either held the lock with its id at
/// the look (then the bound is at or below its id), or took its id after the look
/// (then its id is at or above the next id of the look). Either way none of its rows
/// can land behind a cursor: a monitor, an export or a call desk never skips one. This
/// needs every writer of the two tables to take the table's lock before its transaction
/// id: cati writes each with one statement (the table is locked when the statement is
/// planned, the id comes with the first row written). Transactions elsewhere on the
/// server — another database, a long batch — do not hold readers back; a cati writer
/// holds them back for the length of its commit. Rows stored before schema version 4
/// have `xid` 0 and keep their `seq` order.
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

/// What a reader of a stream looked at before reading (`PostgresStream`, step 1).
struct StreamBound {
    /// The next transaction id at the look (xid8, as text).
    var next: String
    /// The transactions writing the table at the look (32-bit ids, as text).
    var writers: [String]

    /// Looks at the transactions writing `table` now.
    static func look(_ table: String, on connection: PGConnection, _ what: String) throws -> StreamBound {
        let row = try connection.query("""
            SELECT pg_snapshot_xmax(pg_current_snapshot())::text,
                   coalesce((SELECT array_agg(DISTINCT t.transactionid::text)
                             FROM pg_locks r JOIN pg_locks t ON t.virtualtransaction = r.virtualtransaction
                             WHERE r.locktype = 'relation' AND r.relation = \(table)::regclass AND r.mode = 'RowExclusiveLock'
                               AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                               AND t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock' AND t.granted),
                            '{}'::text[])
            """, what).first
        guard let row else { throw StoreError.damaged("no answer to the stream's look (\(what))") }
        let (next, writers) = try row.decode((String, [String]).self)
        return StreamBound(next: next, writers: writers)
    }
}

extension PostgresStore {
    /// Up to `limit` rows of the stream `table` (`cati_interviews`, `cati_attempts`) of
    /// this survey after `point`, in commit order and below the bound (both steps of
    /// `PostgresStream`): each row's point and line.
    func streamRows(_ table: String, after point: StreamPoint, limit: Int64,
                    _ what: String) throws -> [(point: StreamPoint, line: String)] {
        let bound = try StreamBound.look(table, on: connection, what)
        let rows = try connection.query("""
            SELECT xid::text, seq, line FROM \(unescaped: table)
            WHERE survey = \(survey) AND (xid, seq) > (\(String(point.commitOrder))::xid8, \(point.seq))
              AND xid < least(\(bound.next)::xid8, (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
                                                    WHERE (x::text::numeric % 4294967296)::text = ANY(\(bound.writers)::text[])))
            ORDER BY xid, seq LIMIT \(limit)
            """, what)
        return try rows.map { row in
            let (order, seq, line) = try row.decode((String, Int64, String).self)
            return (StreamPoint(commitOrder: try PostgresStream.commitOrder(order), seq: seq), line)
        }
    }
}

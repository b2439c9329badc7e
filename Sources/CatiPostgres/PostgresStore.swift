import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// PostgreSQL as an `InterviewStore`, for several hosts sharing one survey. Each store
/// (each process) has one connection, on which it holds a session-level advisory lock
/// (liveness class, its session id) for as long as the connection lives: rows that a
/// process holds (interviews, quota places, case claims) carry its session id, and a
/// row whose holder has no such lock belongs to a dead process. The server drops the
/// lock the moment the connection dies (a killed process, a lost host), so nothing
/// waits for a timeout. See docs/architecture.md, "The PostgreSQL store".
public final class PostgresStore: InterviewStore, @unchecked Sendable {
    public let survey: String
    public let endpoint: PostgresEndpoint
    let connection: PGConnection
    private let state = NSLock()
    private var session: Int32 = 0
    private var generation = ""
    private var gate: PostgresQuotaGate!

    /// Opens the survey in the database. `creating`: the schema and the survey are made
    /// on first use (commands that write); otherwise they must exist (`notFound`).
    public init(_ endpoint: PostgresEndpoint, survey: String, creating: Bool) throws {
        self.survey = survey
        self.endpoint = endpoint
        self.connection = PGConnection(endpoint)
        self.gate = PostgresQuotaGate(store: self)
        connection.onConnect = { [unowned self] tx in try self.connected(tx, creating: creating) }
        try connection.connect("open \(endpoint.url.redacted)")
    }

    deinit { connection.close() }

    public var location: String { "database \(endpoint.url.redacted) (survey \(survey))" }
    public var quotaGate: any QuotaGate { gate }

    /// This process's session id (the second key of its liveness lock).
    var me: Int32 { state.withLock { session } }

    /// The server process of this store's connection (tests kill it).
    var backendPID: Int { connection.backendPID }

    /// A new connection: the schema checked (or made), a session id taken and locked, and
    /// what this process held under its previous session taken back (after a reconnect).
    private func connected(_ tx: PGConnection.Transaction, creating: Bool) throws {
        if state.withLock({ generation.isEmpty }) {
            if creating {
                try PostgresSchema.prepare(tx, survey: survey)
            } else {
                let version = try PostgresSchema.installedVersion(tx)
                guard version > 0 else {
                    throw StoreError.notFound("no cati data in database \(endpoint.url.redacted) (nothing has been saved there)")
                }
            }
            guard let gen = try tx.query("SELECT generation FROM cati_surveys WHERE survey = \(survey)").first?
                .decode(String.self) else {
                throw StoreError.notFound("no survey '\(survey)' in database \(endpoint.url.redacted) (nothing has been saved there)")
            }
            state.withLock { generation = gen }
        }
        guard creating else { return }
        var id: Int32 = 0
        for _ in 0..<100 {
            let next = try tx.query("SELECT nextval('cati_sessions')::integer").first?.decode(Int32.self) ?? 0
            let locked = try tx.query("SELECT pg_try_advisory_lock(\(PostgresSchema.livenessClass), \(next))").first?
                .decode(Bool.self) ?? false
            if locked { id = next; break }
        }
        guard id != 0 else { throw StoreError.ioFailure(reason: "no free session id", detail: "open \(location)") }
        try tx.query("SELECT set_config('cati.session', \(String(id)), false)")
        let previous = state.withLock { () -> Int32 in let p = session; session = id; return p }
        if previous != 0 { try takeBack(tx, from: previous, to: id) }
    }

    /// After a reconnect: interviews and claims still marked with the old session are
    /// this process's again; quota places are taken again only where the cell still has
    /// room (others may have filled it while this process looked dead).
    private func takeBack(_ tx: PGConnection.Transaction, from old: Int32, to new: Int32) throws {
        try tx.query("UPDATE cati_in_progress SET holder = \(new) WHERE survey = \(survey) AND holder = \(old)")
        try tx.query("UPDATE cati_claims SET holder = \(new) WHERE survey = \(survey) AND holder = \(old)")
        try gate.takeBack(tx, to: new)
    }

    // MARK: Interviews

    public func start(_ header: JournalHeader) throws -> any InterviewHandle {
        let done = try connection.query("""
            INSERT INTO cati_in_progress (survey, id, header, respondent, holder, last_activity)
            VALUES (\(survey), \(header.id), \(header.serialized), \(header.sample?.id), \(unescaped: PostgresSchema.currentSession), \(header.startedAt))
            ON CONFLICT (survey, id) DO NOTHING RETURNING id
            """, "start interview \(header.id) in \(location)")
        guard done.first != nil else { throw StoreError.busy(header.id) }
        return PostgresInterviewHandle(store: self, header: header, nextEvent: 0)
    }

    public func resume(_ id: String) throws -> ResumedInterview {
        let what = "resume interview \(id) from \(location)"
        let (header, events) = try connection.transaction(what) { tx -> (String?, [String]) in
            let taken = try tx.query("""
                UPDATE cati_in_progress SET holder = \(unescaped: PostgresSchema.currentSession)
                WHERE survey = \(survey) AND id = \(id) AND finishing IS NULL
                  AND (holder IS NULL OR holder NOT IN (SELECT cati_live_sessions()))
                RETURNING header
                """)
            guard let row = taken.first else { return (nil, []) }
            try tx.query("DELETE FROM cati_places WHERE survey = \(survey) AND interview = \(id) AND holder <> \(unescaped: PostgresSchema.currentSession)")
            var events: [String] = []
            for row in try tx.query("SELECT event FROM cati_events WHERE survey = \(survey) AND interview = \(id) ORDER BY n") {
                events.append(try row.decode(String.self))
            }
            return (try row.decode(String.self), events)
        }
        guard let header else {
            let held = try connection.query("SELECT finishing IS NOT NULL FROM cati_in_progress WHERE survey = \(survey) AND id = \(id)", what)
            guard let finishing = try held.first?.decode(Bool.self) else { throw StoreError.unknownInterview(id) }
            throw finishing ? StoreError.alreadySaved(id) : StoreError.busy(id)
        }
        guard let parsed = JournalHeader(serialized: header) else { throw StoreError.damaged("interview \(id) in \(location)") }
        let decoded = try events.map { line -> JournalEvent in
            guard let event = JournalEvent(serialized: line) else { throw StoreError.damaged("an event of interview \(id)") }
            return event
        }
        return ResumedInterview(handle: PostgresInterviewHandle(store: self, header: parsed, nextEvent: events.count),
                                events: decoded)
    }

    public func recoverFinished() throws -> [String] {
        var recovered: [String] = []
        let rows = try connection.query("""
            UPDATE cati_in_progress SET holder = \(unescaped: PostgresSchema.currentSession)
            WHERE survey = \(survey) AND finishing IS NOT NULL
              AND (holder IS NULL OR holder NOT IN (SELECT cati_live_sessions()))
            RETURNING id, finishing
            """, "recover finished interviews in \(location)")
        for row in rows {
            let (id, line) = try row.decode((String, String).self)
            guard let record = InterviewRecord(line: line) else { continue }
            _ = try commitFinish(record)
            recovered.append(id)
        }
        return recovered
    }

    public func interviewsInProgress() throws -> [InterviewInProgress] {
        let rows = try connection.query("""
            SELECT i.header, coalesce(i.holder IN (SELECT cati_live_sessions()), false), i.suspended, i.last_activity,
                   (SELECT count(*) FROM cati_events e WHERE e.survey = i.survey AND e.interview = i.id AND e.action)::integer
            FROM cati_in_progress i WHERE i.survey = \(survey) AND i.finishing IS NULL
            ORDER BY i.last_activity DESC
            """, "list interviews in progress in \(location)")
        return try rows.compactMap { row in
            let (text, live, suspended, last, actions) = try row.decode((String, Bool, Bool, Double, Int32).self)
            guard let header = JournalHeader(serialized: text) else { return nil }
            let state: InterviewInProgress.State = live ? .held : suspended ? .suspended : .interrupted
            return InterviewInProgress(header: header, state: state, lastActivity: last, actions: Int(actions))
        }
    }

    /// The finish transaction: the record stored once (a retry finds it there), its
    /// completes counted, its places and in-progress rows gone. Returns whether this call
    /// stored it.
    @discardableResult
    func commitFinish(_ record: InterviewRecord) throws -> Bool {
        let json = JSONParser.parseObject(Array(record.line.utf8))
        let cells = json?["quota_cells"]?.objectMembers?.compactMap { m in m.1.stringValue.map { (m.0, $0) } } ?? []
        let complete = record.status == InterviewStatus.complete.rawValue
        let respondent = json?["respondent"]?.stringValue
        let interviewer = json?["interviewer"]?.stringValue
        let cellsJSON = json?["quota_cells"]?.serialized
        return try connection.transaction("save interview \(record.id) in \(location)") { tx in
            try tx.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.streamClass), hashtext(\(survey)))")
            let inserted = try tx.query("""
                INSERT INTO cati_interviews (survey, id, status, respondent, interviewer, quota_cells, record, line)
                VALUES (\(survey), \(record.id), \(record.status), \(respondent), \(interviewer),
                        \(cellsJSON)::jsonb, \(record.line)::jsonb, \(record.line))
                ON CONFLICT (survey, id) DO NOTHING RETURNING seq
                """).first != nil
            if inserted, complete, !cells.isEmpty {
                try tx.query("""
                    INSERT INTO cati_completes (survey, quota, cell, interview)
                    SELECT \(survey), q, c, \(record.id) FROM unnest(\(cells.map(\.0))::text[], \(cells.map(\.1))::text[]) AS t(q, c)
                    ON CONFLICT DO NOTHING
                    """)
            }
            try tx.query("DELETE FROM cati_places WHERE survey = \(survey) AND interview = \(record.id)")
            try tx.query("DELETE FROM cati_in_progress WHERE survey = \(survey) AND id = \(record.id)")
            return inserted
        }
    }

    /// After a failed finish: the record kept with the interview, so that `recoverFinished`
    /// stores it if this process dies before it retries.
    func keepFinishing(_ record: InterviewRecord) {
        _ = try? connection.query("""
            UPDATE cati_in_progress SET finishing = \(record.line),
                   finishing_complete = \(record.status == InterviewStatus.complete.rawValue)
            WHERE survey = \(survey) AND id = \(record.id)
            """, "keep the record of interview \(record.id)")
    }

    // MARK: Records

    /// `cati store init`: the schema and the two roles (docs/architecture.md). Run by the
    /// schema's owner.
    public static func initialize(_ endpoint: PostgresEndpoint) throws {
        let connection = PGConnection(endpoint)
        defer { connection.close() }
        try connection.session("create the cati schema and roles in \(endpoint.url.redacted)") { tx in
            try PostgresSchema.initialize(tx)
        }
    }

    /// Ids of the stored records (`cati store copy`).
    public func savedInterviewIDs() throws -> Set<String> {
        var ids = Set<String>()
        for row in try connection.query("SELECT id FROM cati_interviews WHERE survey = \(survey)", "list records of \(location)") {
            ids.insert(try row.decode(String.self))
        }
        return ids
    }

    /// Stores a finished record as a finish does, once (`cati store copy`).
    public func save(recordLine: String) throws {
        guard let record = InterviewRecord(line: recordLine) else { throw StoreError.damaged("record \(recordLine)") }
        try commitFinish(record)
    }

    public func quotaCounts() throws -> QuotaCounts {
        let what = "count completes in \(location)"
        var counts = QuotaCounts()
        for row in try connection.query("""
            SELECT quota, cell, count(*)::integer FROM cati_completes WHERE survey = \(survey) GROUP BY quota, cell
            """, what) {
            let (quota, cell, n) = try row.decode((String, String, Int32).self)
            counts.complete[quota, default: [:]][cell] = Int(n)
        }
        for row in try connection.query("""
            SELECT p.quota, p.cell, count(*)::integer FROM cati_places p
            WHERE p.survey = \(survey) AND (p.holder IN (SELECT cati_live_sessions()) OR EXISTS (
                SELECT 1 FROM cati_in_progress f WHERE f.survey = p.survey AND f.id = p.interview AND f.finishing_complete))
            GROUP BY p.quota, p.cell
            """, what) {
            let (quota, cell, n) = try row.decode((String, String, Int32).self)
            counts.inProgress[quota, default: [:]][cell] = Int(n)
        }
        for row in try connection.query("""
            SELECT status, count(*)::integer FROM cati_interviews WHERE survey = \(survey) AND status IS NOT NULL GROUP BY status
            """, what) {
            let (status, n) = try row.decode((String, Int32).self)
            counts.statuses[status] = Int(n)
        }
        return counts
    }

    /// Records in commit order: a finish holds the survey's stream lock from its insert
    /// to its commit, so `seq` grows in commit order and a record committed later never
    /// lands behind a reader's cursor. The cursor is the last `seq` read; its generation
    /// names the survey's incarnation.
    public func readRecords(after cursor: RecordCursor, limit: Int) throws -> RecordBatch {
        let gen = state.withLock { generation }
        var seq = Int64(cursor.position), line = cursor.line
        var restarted = false
        if cursor.generation != gen {
            restarted = !cursor.generation.isEmpty
            seq = 0; line = 0
        }
        let take = Int64(min(max(limit, 1), 100_000))
        let rows = try connection.query("""
            SELECT seq, line FROM cati_interviews WHERE survey = \(survey) AND seq > \(seq)
            ORDER BY seq LIMIT \(take + 1)
            """, "read records from \(location)")
        var batch = RecordBatch(cursor: cursor, restarted: restarted)
        var count: Int64 = 0
        for row in rows {
            count += 1
            if count > take { batch.more = true; break }
            let (s, text) = try row.decode((Int64, String).self)
            seq = s; line += 1
            if let json = JSONParser.parseObject(Array(text.utf8)) {
                batch.records.append(json)
            } else {
                batch.warnings.append("record \(line) in \(location) cannot be read")
            }
        }
        batch.cursor = RecordCursor(position: Int(seq), line: line, generation: gen)
        return batch
    }

    // MARK: Sample cases

    public func claim(case id: String) throws -> (any CaseClaim)? {
        let rows = try connection.query("""
            INSERT INTO cati_claims (survey, case_id, holder) VALUES (\(survey), \(id), \(unescaped: PostgresSchema.currentSession))
            ON CONFLICT (survey, case_id) DO UPDATE SET holder = EXCLUDED.holder
            WHERE cati_claims.holder NOT IN (SELECT cati_live_sessions())
            RETURNING holder
            """, "claim case \(id) in \(location)")
        return rows.first == nil ? nil : PostgresCaseClaim(store: self, caseID: id)
    }

    public func takenCases() throws -> Set<String> {
        var taken = Set<String>()
        for row in try connection.query("""
            SELECT respondent FROM cati_interviews WHERE survey = \(survey) AND respondent IS NOT NULL
            UNION SELECT respondent FROM cati_in_progress WHERE survey = \(survey) AND respondent IS NOT NULL
            UNION SELECT case_id FROM cati_claims WHERE survey = \(survey) AND holder IN (SELECT cati_live_sessions())
            """, "list taken cases in \(location)") {
            taken.insert(try row.decode(String.self))
        }
        return taken
    }
}

/// A case claimed by this process: the claim row carries its session id.
final class PostgresCaseClaim: CaseClaim, @unchecked Sendable {
    let store: PostgresStore
    let caseID: String

    init(store: PostgresStore, caseID: String) {
        self.store = store
        self.caseID = caseID
    }

    func release() {
        _ = try? store.connection.query("""
            DELETE FROM cati_claims WHERE survey = \(store.survey) AND case_id = \(caseID) AND holder = \(unescaped: PostgresSchema.currentSession)
            """, "release case \(caseID)")
    }
}

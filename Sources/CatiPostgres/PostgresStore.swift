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
/// Records, counts and scans: PostgresStore+Records.swift; cases and call attempts:
/// +Cases; holders, takeover and release: +Holders; settings, roles, audit: +People.
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
    public var recordsName: String { "table cati_interviews of \(endpoint.url.redacted) (survey \(survey))" }
    public var quotaGate: any QuotaGate { gate }

    /// This process's session id (the second key of its liveness lock).
    var me: Int32 { state.withLock { session } }

    /// The incarnation of the survey (record cursors name it).
    var currentGeneration: String { state.withLock { generation } }

    /// The server process of this store's connection (tests kill it).
    var backendPID: Int { connection.backendPID }

    /// A new connection: the schema checked (or made), a session id taken and locked, and
    /// what this process held under its previous session taken back (after a reconnect).
    /// A store that only reads takes a session id too: it may release, claim or save
    /// settings, and a session id is one advisory lock.
    private func connected(_ tx: PGConnection.Transaction, creating: Bool) throws {
        if state.withLock({ generation.isEmpty }) {
            if creating {
                try PostgresSchema.prepare(tx, survey: survey)
            } else {
                let version = try PostgresSchema.installedVersion(tx)
                guard version > 0 else {
                    throw StoreError.notFound("no cati data in database \(endpoint.url.redacted) (nothing has been saved there)")
                }
                // An older schema is brought to this build's version (a command that only
                // reads may still need a table the newer version added).
                if version < PostgresSchema.version { try PostgresSchema.prepare(tx, survey: nil) }
            }
            guard let gen = try tx.query("SELECT generation FROM cati_surveys WHERE survey = \(survey)").first?
                .decode(String.self) else {
                throw StoreError.notFound("no survey '\(survey)' in database \(endpoint.url.redacted) (nothing has been saved there)")
            }
            state.withLock { generation = gen }
        }
        var id: Int32 = 0
        for _ in 0..<100 {
            let next = try tx.query("SELECT nextval('cati_sessions')::integer").first?.decode(Int32.self) ?? 0
            let locked = try tx.query("SELECT pg_try_advisory_lock(\(PostgresSchema.livenessClass), \(next))").first?
                .decode(Bool.self) ?? false
            if locked { id = next; break }
        }
        guard id != 0 else { throw StoreError.ioFailure(reason: "no free session id", detail: "open \(location)") }
        // JIT compiling costs tens of milliseconds and pays only on long analytic queries,
        // which cati does not run: off for this connection. The server probes this
        // connection after 30 s of silence, every 10 s, 3 times: a host that vanishes
        // without closing it (power, network) loses its places and claims within a
        // minute, not the kernel's two hours (TCP only; a Unix socket ends with its process).
        try tx.query("""
            SELECT set_config('cati.session', \(String(id)), false), set_config('jit', 'off', false),
                   set_config('tcp_keepalives_idle', '30', false), set_config('tcp_keepalives_interval', '10', false),
                   set_config('tcp_keepalives_count', '3', false)
            """)
        let previous = state.withLock { () -> Int32 in let p = session; session = id; return p }
        if previous != 0 { try takeBack(tx, from: previous, to: id) }
    }

    /// After a reconnect: interviews and claims still marked with the old session are
    /// this process's again (a release meanwhile cleared the mark: those stay free);
    /// quota places are taken again only where the cell still has room (others may have
    /// filled it while this process looked dead).
    private func takeBack(_ tx: PGConnection.Transaction, from old: Int32, to new: Int32) throws {
        try tx.query("UPDATE cati_in_progress SET holder = \(new) WHERE survey = \(survey) AND holder = \(old)")
        try tx.query("UPDATE cati_claims SET holder = \(new) WHERE survey = \(survey) AND holder = \(old)")
        try gate.takeBack(tx, to: new)
    }

    // MARK: Interviews

    public func start(_ header: JournalHeader) throws -> any InterviewHandle {
        let me = InterviewHolder.thisProcess(interviewer: header.interviewer, since: Platform.now)
        let done = try connection.query("""
            INSERT INTO cati_in_progress (survey, id, header, respondent, holder, holder_login, holder_host, holder_pid,
                                          holder_since, last_key, last_activity)
            VALUES (\(survey), \(header.id), \(header.serialized)::jsonb, \(header.sample?.id),
                    \(unescaped: PostgresSchema.currentSession), \(me.login), \(me.host), \(me.pid), \(me.since),
                    \(me.since), \(header.startedAt))
            ON CONFLICT (survey, id) DO NOTHING RETURNING id
            """, "start interview \(header.id) in \(location)")
        guard done.first != nil else { throw StoreError.busy(header.id) }
        return PostgresInterviewHandle(store: self, header: header, nextEvent: 0)
    }

    public func resume(_ id: String) throws -> ResumedInterview {
        let what = "resume interview \(id) from \(location)"
        let me = InterviewHolder.thisProcess(interviewer: "", since: Platform.now)
        let (header, events) = try connection.transaction(what) { tx -> (String?, [String]) in
            let taken = try tx.query("""
                UPDATE cati_in_progress SET holder = \(unescaped: PostgresSchema.currentSession), holder_login = \(me.login),
                       holder_host = \(me.host), holder_pid = \(me.pid), holder_since = \(me.since), last_key = \(me.since)
                WHERE survey = \(survey) AND id = \(id) AND finishing IS NULL
                  AND (holder IS NULL OR holder NOT IN (SELECT cati_live_sessions()))
                RETURNING header::text
                """)
            guard let row = taken.first else { return (nil, []) }
            try tx.query("DELETE FROM cati_places WHERE survey = \(survey) AND interview = \(id) AND holder <> \(unescaped: PostgresSchema.currentSession)")
            return (try row.decode(String.self), try Self.eventLines(tx, survey: survey, id: id))
        }
        guard let header else {
            let held = try connection.query("SELECT finishing IS NOT NULL FROM cati_in_progress WHERE survey = \(survey) AND id = \(id)", what)
            guard let finishing = try held.first?.decode(Bool.self) else { throw StoreError.unknownInterview(id) }
            throw finishing ? StoreError.alreadySaved(id) : StoreError.busy(id)
        }
        let (parsed, decoded) = try decode(id: id, header: header, events: events)
        return ResumedInterview(handle: PostgresInterviewHandle(store: self, header: parsed, nextEvent: events.count),
                                events: decoded)
    }

    public func recordedEvents(of id: String) throws -> (JournalHeader, [JournalEvent]) {
        let (header, events) = try connection.transaction("read interview \(id) in \(location)") { tx -> (String?, [String]) in
            guard let row = try tx.query("SELECT header::text FROM cati_in_progress WHERE survey = \(survey) AND id = \(id)").first else {
                return (nil, [])
            }
            return (try row.decode(String.self), try Self.eventLines(tx, survey: survey, id: id))
        }
        guard let header else { throw StoreError.unknownInterview(id) }
        return try decode(id: id, header: header, events: events)
    }

    static func eventLines(_ tx: PGConnection.Transaction, survey: String, id: String) throws -> [String] {
        try tx.query("SELECT event FROM cati_events WHERE survey = \(survey) AND interview = \(id) ORDER BY n")
            .map { try $0.decode(String.self) }
    }

    private func decode(id: String, header: String, events: [String]) throws -> (JournalHeader, [JournalEvent]) {
        guard let parsed = JournalHeader(serialized: header) else { throw StoreError.damaged("interview \(id) in \(location)") }
        let decoded = try events.map { line -> JournalEvent in
            guard let event = JournalEvent(serialized: line) else { throw StoreError.damaged("an event of interview \(id)") }
            return event
        }
        return (parsed, decoded)
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
            SELECT i.header::text, coalesce(i.holder IN (SELECT cati_live_sessions()), false), i.suspended, i.last_activity,
                   (SELECT count(*) FROM cati_events e WHERE e.survey = i.survey AND e.interview = i.id AND e.action)::integer,
                   i.holder_login, i.holder_host, i.holder_pid, i.holder_since, i.last_key
            FROM cati_in_progress i WHERE i.survey = \(survey) AND i.finishing IS NULL
            ORDER BY i.last_activity DESC
            """, "list interviews in progress in \(location)")
        return try rows.compactMap { row in
            let (text, live, suspended, last, actions, login, host, pid, since, lastKey) =
                try row.decode((String, Bool, Bool, Double, Int32, String?, String?, Int32?, Double?, Double?).self)
            guard let header = JournalHeader(serialized: text) else { return nil }
            let state: InterviewInProgress.State = live ? .held : suspended ? .suspended : .interrupted
            var holder: InterviewHolder?
            if live, let login, let host, let pid, let since {
                holder = InterviewHolder(login: login, interviewer: header.interviewer, host: host, pid: pid, since: since,
                                         lastKey: lastKey ?? since)
            }
            return InterviewInProgress(header: header, state: state, lastActivity: last, actions: Int(actions), holder: holder)
        }
    }

    /// The finish, one statement and so one transaction: the record stored once (a retry
    /// finds it there), its completes counted, its places and in-progress rows gone. One
    /// round trip, and no lock shared with other finishes: readers keep commit order by
    /// transaction id (PostgresStream.swift). Returns whether this call stored it.
    @discardableResult
    func commitFinish(_ record: InterviewRecord) throws -> Bool {
        let json = JSONParser.parseObject(Array(record.line.utf8))
        let cells = json?["quota_cells"]?.objectMembers?.compactMap { m in m.1.stringValue.map { (m.0, $0) } } ?? []
        let complete = record.status == InterviewStatus.complete.rawValue
        let respondent = json?["respondent"]?.stringValue
        let interviewer = json?["interviewer"]?.stringValue
        let cellsJSON = json?["quota_cells"]?.serialized
        let counted = complete ? cells : []
        let rows = try connection.query("""
            WITH stored AS (
                INSERT INTO cati_interviews (survey, id, status, respondent, interviewer, quota_cells, record, line)
                VALUES (\(survey), \(record.id), \(record.status), \(respondent), \(interviewer),
                        \(cellsJSON)::jsonb, \(record.line)::jsonb, \(record.line))
                ON CONFLICT (survey, id) DO NOTHING RETURNING id),
            counted AS (
                INSERT INTO cati_completes (survey, quota, cell, interview)
                SELECT \(survey), q, c, stored.id FROM stored, unnest(\(counted.map(\.0))::text[], \(counted.map(\.1))::text[]) AS t(q, c)
                ON CONFLICT DO NOTHING),
            freed AS (DELETE FROM cati_places WHERE survey = \(survey) AND interview = \(record.id)),
            closed AS (DELETE FROM cati_in_progress WHERE survey = \(survey) AND id = \(record.id))
            SELECT count(*)::integer FROM stored
            """, "save interview \(record.id) in \(location)")
        return try rows.first?.decode(Int32.self) == 1
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

    /// `cati store init`: the schema and the two roles (docs/architecture.md). Run by the
    /// schema's owner.
    public static func initialize(_ endpoint: PostgresEndpoint) throws {
        let connection = PGConnection(endpoint)
        defer { connection.close() }
        try connection.session("create the cati schema and roles in \(endpoint.url.redacted)") { tx in
            try PostgresSchema.initialize(tx)
        }
    }
}

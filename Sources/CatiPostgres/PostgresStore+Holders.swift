import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// Who holds an interview or a case in PostgreSQL (issue 22), and freeing it. The
/// liveness lock says whether a live process holds a row; the row's holder columns say
/// which (login, host, pid, since, last key). A holder on this host is asked to let go
/// as on the folder (SIGHUP, then SIGKILL after two seconds); a holder on another host,
/// which no signal reaches, is cut off by the database itself: its connection is
/// terminated (`pg_terminate_backend`, which needs the `pg_signal_backend` privilege
/// that `cati store init` gives cati_supervisor) and the row's mark cleared, so that the
/// process does not take it back when it reconnects.
extension PostgresStore {
    /// How long a process asked to let go has before it is killed, and how long a killed
    /// process's connection may take to go (as on the folder).
    static let letGoSeconds = 2.0
    static let killSeconds = 3.0

    /// One held row: whether its holder lives, who it is, and its session id.
    struct Held {
        let live: Bool
        let holder: InterviewHolder?
        let session: Int32?
    }

    private func heldInterview(_ id: String) throws -> Held? {
        guard let row = try connection.query("""
            SELECT coalesce(holder IN (SELECT cati_live_sessions()), false), holder, holder_login, holder_host, holder_pid,
                   holder_since, last_key, header->>'interviewer'
            FROM cati_in_progress WHERE survey = \(survey) AND id = \(id) AND finishing IS NULL
            """, "find who holds \(id) in \(location)").first else { return nil }
        let (live, session, login, host, pid, since, lastKey, interviewer) =
            try row.decode((Bool, Int32?, String?, String?, Int32?, Double?, Double?, String?).self)
        var holder: InterviewHolder?
        if let login, let host, let pid, let since {
            holder = InterviewHolder(login: login, interviewer: interviewer ?? login, host: host, pid: pid, since: since,
                                     lastKey: lastKey ?? since)
        }
        return Held(live: live, holder: holder, session: session)
    }

    private func heldCase(_ id: String) throws -> Held? {
        // A row never claimed (no login: made by `claimFirst` for a candidate) is no claim.
        guard let row = try connection.query("""
            SELECT coalesce(holder IN (SELECT cati_live_sessions()), false), holder, login, host, pid, since
            FROM cati_claims WHERE survey = \(survey) AND case_id = \(id) AND login IS NOT NULL
            """, "find who holds case \(id) in \(location)").first else { return nil }
        let (live, session, login, host, pid, since) = try row.decode((Bool, Int32?, String?, String?, Int32?, Double?).self)
        var holder: InterviewHolder?
        if let login, let host, let pid, let since {
            holder = InterviewHolder(login: login, interviewer: login, host: host, pid: pid, since: since, lastKey: since)
        }
        return Held(live: live, holder: holder, session: session)
    }

    public func takeOver(_ id: String, by login: String) throws -> Release {
        guard let held = try heldInterview(id) else { throw StoreError.unknownInterview(id) }
        guard held.live, let session = held.session else { return Release(id: id, holder: nil, how: .wasFree, seconds: 0) }
        guard let holder = held.holder, holder.isOwn(login: login) else {
            throw StoreError.heldBy(id, held.holder ?? InterviewHolder(login: "?", interviewer: "?", host: "?", pid: 0,
                                                                     since: 0, lastKey: 0))
        }
        return try free(id, holder: holder, session: session, table: "cati_in_progress", key: "id")
    }

    public func release(_ id: String) throws -> Release {
        var target = id
        var held = try heldInterview(id)
        if held == nil, let open = try? interviewsInProgress(),
           let match = open.first(where: { $0.respondent == id && $0.isHeld }) ?? open.first(where: { $0.respondent == id }) {
            target = match.header.id
            held = try heldInterview(target)
        }
        if let held {
            guard held.live, let session = held.session, let holder = held.holder else {
                return Release(id: target, holder: nil, how: .wasFree, seconds: 0)
            }
            return try free(target, holder: holder, session: session, table: "cati_in_progress", key: "id")
        }
        guard let claim = try heldCase(id) else { throw StoreError.unknownInterview(id) }
        guard claim.live, let session = claim.session, let holder = claim.holder else {
            return Release(id: id, holder: nil, how: .wasFree, seconds: 0)
        }
        return try free(id, holder: holder, session: session, table: "cati_claims", key: "case_id")
    }

    /// Whether the session's liveness lock is still held (its process lives).
    private func isLive(_ session: Int32) throws -> Bool {
        try connection.query("SELECT \(session) IN (SELECT cati_live_sessions())", "check a holder in \(location)")
            .first?.decode(Bool.self) ?? false
    }

    /// Waits until the session is gone or no longer holds the row.
    private func waitFreed(_ session: Int32, _ id: String, table: String, key: String, _ seconds: Double) throws -> Bool {
        let deadline = Platform.monotonic + seconds
        while try isLive(session), try stillHolds(session, id, table: table, key: key) {
            if Platform.monotonic >= deadline { return false }
            Platform.sleep(milliseconds: 20)
        }
        return true
    }

    /// Frees a held row: the holder asked to let go, then killed (this host), or its
    /// connection terminated (another host).
    private func free(_ id: String, holder: InterviewHolder, session: Int32, table: String, key: String) throws -> Release {
        let started = Platform.monotonic
        if holder.host == Platform.hostName, Platform.processExists(holder.pid) {
            if !Platform.send(.letGo, to: holder.pid), Platform.processExists(holder.pid) {
                throw StoreError.permissionDenied("signal process \(holder.pid) of login \(holder.login) holding \(id)")
            }
            if try waitFreed(session, id, table: table, key: key, Self.letGoSeconds) {
                return Release(id: id, holder: holder, how: .letGo, seconds: Platform.monotonic - started)
            }
            Platform.send(.kill, to: holder.pid)
            if try waitFreed(session, id, table: table, key: key, Self.killSeconds) {
                return Release(id: id, holder: holder, how: .killed, seconds: Platform.monotonic - started)
            }
            throw StoreError.busy(id)
        }
        // Another host: the database cuts the holder's connection; the mark is cleared
        // first, so that its reconnect does not take the row back.
        try connection.query(PostgresQuery(unsafeSQL: """
            UPDATE \(table) SET holder = NULL WHERE survey = $1 AND \(key) = $2 AND holder = $3
            """, binds: Self.binds(survey, id, session)), "release \(id) in \(location)")
        try connection.query("""
            SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND classid = \(PostgresSchema.livenessClass) AND objid = \(session) AND objsubid = 2
            """, "release \(id) in \(location)")
        let deadline = Platform.monotonic + Self.killSeconds
        while try isLive(session), Platform.monotonic < deadline { Platform.sleep(milliseconds: 20) }
        if try !isLive(session) {
            return Release(id: id, holder: holder, how: .killed, seconds: Platform.monotonic - started)
        }
        throw StoreError.busy(id)
    }

    /// Whether the session still holds the row (a process that let go cleared it).
    private func stillHolds(_ session: Int32, _ id: String, table: String, key: String) throws -> Bool {
        try connection.query(PostgresQuery(unsafeSQL: """
            SELECT count(*)::integer FROM \(table) WHERE survey = $1 AND \(key) = $2 AND holder = $3
            """, binds: Self.binds(survey, id, session)), "check \(id) in \(location)").first?.decode(Int32.self) ?? 0 > 0
    }

    static func binds(_ survey: String, _ id: String, _ session: Int32) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(survey)
        binds.append(id)
        binds.append(session)
        return binds
    }
}

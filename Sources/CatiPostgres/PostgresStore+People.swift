import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// Settings, roles and the audit trail in PostgreSQL (issue 19). The settings are one
/// row per survey, in the text the folder's settings.json holds. A person's role is the
/// database's own: a superuser or a member of cati_supervisor is a supervisor, a member
/// of cati_interviewer an interviewer (docs/architecture.md, "Roles"); a login of
/// neither role (a database without `cati store init`) gets the folder's rule over the
/// settings. The audit trail is rows chained as audit.jsonl's lines are: an append holds
/// the survey's audit lock, reads the last line and inserts the next, in one transaction.
extension PostgresStore {
    public func surveySettings() throws -> SurveySettings? {
        guard let row = try connection.query("SELECT settings FROM cati_settings WHERE survey = \(survey)",
                                             "read the settings of \(location)").first else { return nil }
        let text = try row.decode(String.self)
        switch SurveySettings.parse(Array(text.utf8)) {
        case .success(let settings): return settings
        case .failure(let problem):
            throw StoreError.ioFailure(reason: "settings cannot be read", detail: "\(location): \(problem)")
        }
    }

    public func saveSurveySettings(_ settings: SurveySettings) throws {
        try connection.query("""
            INSERT INTO cati_settings (survey, settings) VALUES (\(survey), \(settings.json.serialized))
            ON CONFLICT (survey) DO UPDATE SET settings = EXCLUDED.settings, changed = now()
            """, "save the settings of \(location)")
    }

    public func role(of person: Person) throws -> Role {
        let row = try connection.query("""
            SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
                OR coalesce((SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = 'cati_supervisor'), false),
                coalesce((SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = 'cati_interviewer'), false)
            """, "read the role of \(person.login) in \(location)").first
        let (supervisor, interviewer) = try row?.decode((Bool, Bool).self) ?? (false, false)
        if supervisor { return .supervisor }
        if interviewer { return .interviewer }
        return AccessPolicy.role(login: person.login, groups: person.groups, settings: try surveySettings())
    }

    public func appendAudit(_ entry: AuditEntry) throws {
        guard try surveySettings() != nil else { return }
        try connection.transaction("append to the audit trail of \(location)") { tx in
            try tx.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.auditClass), hashtext(\(survey)))")
            let last = try tx.query("SELECT line FROM cati_audit WHERE survey = \(survey) ORDER BY seq DESC LIMIT 1")
                .first?.decode(String.self)
            let line = AuditChain.line(for: entry, after: last.map { Array($0.utf8) })
            try tx.query("INSERT INTO cati_audit (survey, line) VALUES (\(survey), \(line))")
        }
    }

    public func auditLines() throws -> [[UInt8]] {
        try connection.query("SELECT line FROM cati_audit WHERE survey = \(survey) ORDER BY seq",
                             "read the audit trail of \(location)").map { Array(try $0.decode(String.self).utf8) }
    }
}

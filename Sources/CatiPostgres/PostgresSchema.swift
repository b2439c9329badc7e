import CatiStore
import PostgresNIO

/// The tables of every survey in one database, created on first use and versioned
/// (`cati_schema_version`). Every row carries its survey: several surveys share a
/// database. docs/architecture.md ("The PostgreSQL store") explains each table.
enum PostgresSchema {
    /// The version this build writes and reads.
    static let version = 4

    /// Advisory lock classes (the first key of `pg_advisory_lock(int, int)`): 'cati' and
    /// the next two numbers. Liveness: a process holds (liveness, its session id) for as
    /// long as its connection lives. Quota: (quota, hashtext(survey/quota)) is held while
    /// a place is decided. Schema: (schema, 0) while the schema is created or migrated.
    static let livenessClass: Int32 = 1_667_331_177
    static let quotaClass: Int32 = 1_667_331_178
    static let schemaClass: Int32 = 1_667_331_179
    // 1_667_331_180 and 1_667_331_181 were the record and attempt stream locks of schema
    // versions 1–3 (PostgresStream.swift reads in commit order without them): not reused.
    /// The audit trail: (audit, hashtext(survey)) held by an append until its commit, so
    /// that `seq` grows in commit order.
    static let auditClass: Int32 = 1_667_331_182
    /// Erasures: one at a time per survey.
    static let erasureClass: Int32 = 1_667_331_183

    /// This connection's session id in SQL (set by the store on connecting), so that a
    /// statement always names the holder of the connection it runs on, even right after
    /// a reconnect gave the process a new id.
    static let currentSession = "current_setting('cati.session', true)::integer"

    static let migrations: [Int: [String]] = [1: [
        "CREATE SEQUENCE cati_sessions AS integer CYCLE",
        """
        CREATE TABLE cati_surveys (survey text PRIMARY KEY, generation text NOT NULL,
                                   created timestamptz NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE cati_interviews (
            survey text NOT NULL, id text NOT NULL,
            seq bigserial NOT NULL,
            status text, respondent text, interviewer text,
            finished timestamptz NOT NULL DEFAULT now(),
            quota_cells jsonb, record jsonb NOT NULL, line text NOT NULL,
            PRIMARY KEY (survey, id))
        """,
        "CREATE INDEX cati_interviews_stream ON cati_interviews (survey, seq)",
        "CREATE INDEX cati_interviews_status ON cati_interviews (survey, status)",
        "CREATE INDEX cati_interviews_respondent ON cati_interviews (survey, respondent)",
        """
        CREATE TABLE cati_completes (survey text NOT NULL, quota text NOT NULL, cell text NOT NULL,
                                     interview text NOT NULL, PRIMARY KEY (survey, quota, cell, interview))
        """,
        """
        CREATE TABLE cati_in_progress (
            survey text NOT NULL, id text NOT NULL, header jsonb NOT NULL, respondent text,
            holder integer, holder_login text, holder_host text, holder_pid integer,
            holder_since double precision, last_key double precision,
            suspended boolean NOT NULL DEFAULT false,
            last_activity double precision NOT NULL,
            finishing text, finishing_complete boolean NOT NULL DEFAULT false,
            PRIMARY KEY (survey, id))
        """,
        "CREATE INDEX cati_in_progress_respondent ON cati_in_progress (survey, respondent)",
        """
        CREATE TABLE cati_events (
            survey text NOT NULL, interview text NOT NULL, n integer NOT NULL, action boolean NOT NULL,
            event text NOT NULL, PRIMARY KEY (survey, interview, n),
            FOREIGN KEY (survey, interview) REFERENCES cati_in_progress (survey, id) ON DELETE CASCADE)
        """,
        """
        CREATE TABLE cati_places (survey text NOT NULL, interview text NOT NULL, quota text NOT NULL,
                                  cell text NOT NULL, holder integer NOT NULL,
                                  PRIMARY KEY (survey, interview, quota))
        """,
        "CREATE INDEX cati_places_cell ON cati_places (survey, quota, cell)",
        """
        CREATE TABLE cati_claims (survey text NOT NULL, case_id text NOT NULL, holder integer,
                                  login text, host text, pid integer, since double precision,
                                  PRIMARY KEY (survey, case_id))
        """,
        """
        CREATE TABLE cati_attempts (survey text NOT NULL, seq bigserial NOT NULL, line text NOT NULL,
                                    PRIMARY KEY (survey, seq))
        """,
        """
        CREATE TABLE cati_settings (survey text PRIMARY KEY, settings text NOT NULL,
                                    changed timestamptz NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE cati_audit (survey text NOT NULL, seq bigserial NOT NULL, line text NOT NULL,
                                 login text NOT NULL DEFAULT session_user, PRIMARY KEY (survey, seq))
        """,
        """
        CREATE FUNCTION cati_live_sessions() RETURNS SETOF integer LANGUAGE sql STABLE AS $$
            SELECT objid::text::integer FROM pg_locks
            WHERE locktype = 'advisory' AND classid = \(livenessClass) AND objsubid = 2 AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        $$
        """,
    ],
    // Version 2 (issue 20): erasures, the pseudonym key, and the attempts' generation
    // (a reader of the attempts is told when an erasure rewrote them).
    2: [
        "ALTER TABLE cati_surveys ADD COLUMN attempts_generation integer NOT NULL DEFAULT 0",
        """
        CREATE TABLE cati_erasures (survey text NOT NULL, case_id text NOT NULL, answers boolean NOT NULL,
                                    reason text NOT NULL, at timestamptz NOT NULL DEFAULT now(),
                                    PRIMARY KEY (survey, case_id))
        """,
        "CREATE TABLE cati_keys (survey text PRIMARY KEY, pseudonym_key text NOT NULL)",
    ],
    // Version 3 (issue 19 item 5): the database forces identity. PostgresIdentity.swift.
    3: PostgresIdentity.migration,
    // Version 4: the streams are read in commit order by transaction id (`xid`), so
    // writers no longer queue on a survey-wide lock through their commit's flush
    // (PostgresStream.swift). Rows stored before it have 0 and keep their `seq` order.
    4: PostgresStream.migration]

    /// Creates or migrates the schema (one process at a time), and the survey's row. A
    /// database already at this version needs no DDL (interviewer roles may not create).
    static func prepare(_ tx: PGConnection.Transaction, survey: String?) throws {
        let installed = try installedVersion(tx)
        if installed == version {
            if let survey { try addSurvey(tx, survey) }
            return
        }
        try tx.query("BEGIN")
        do {
            try tx.query("SELECT pg_advisory_xact_lock(\(schemaClass), 0)")
            try tx.query("CREATE TABLE IF NOT EXISTS cati_schema_version (version integer NOT NULL, applied timestamptz NOT NULL DEFAULT now())")
            let current = try tx.query("SELECT coalesce(max(version), 0) FROM cati_schema_version").first?.decode(Int.self) ?? 0
            guard current <= version else {
                throw StoreError.ioFailure(reason: "the database's cati schema is version \(current), newer than this "
                                           + "cati's (\(version))", detail: "upgrade cati on this host")
            }
            for step in (current + 1)...max(current + 1, version) where step <= version {
                for statement in migrations[step] ?? [] { try tx.query(PostgresQuery(unsafeSQL: statement)) }
                try tx.query("INSERT INTO cati_schema_version (version) VALUES (\(step))")
            }
            if let survey { try addSurvey(tx, survey) }
            try tx.query("COMMIT")
        } catch StoreError.permissionDenied(let why) where installed > 0 {
            _ = try? tx.query("ROLLBACK")
            // An interviewer's role may not change tables: the owner upgrades once.
            throw StoreError.permissionDenied(
                "the database's cati schema is version \(installed) and this cati needs version \(version); "
                + "only the schema's owner can upgrade it: run 'cati store init --store URL' once as the owner "
                + "(or any cati command as the owner), then try again (\(why))")
        } catch {
            _ = try? tx.query("ROLLBACK")
            throw error
        }
    }

    static func addSurvey(_ tx: PGConnection.Transaction, _ survey: String) throws {
        try tx.query("""
            INSERT INTO cati_surveys (survey, generation) VALUES (\(survey), gen_random_uuid()::text)
            ON CONFLICT (survey) DO NOTHING
            """)
    }

    /// The schema's version, 0 when there is none (for commands that only read).
    static func installedVersion(_ tx: PGConnection.Transaction) throws -> Int {
        let exists = try tx.query("SELECT to_regclass('cati_schema_version') IS NOT NULL").first?.decode(Bool.self) ?? false
        guard exists else { return 0 }
        return try tx.query("SELECT coalesce(max(version), 0) FROM cati_schema_version").first?.decode(Int.self) ?? 0
    }

    /// The two roles of `cati store init` (NOLOGIN: logins are made members with
    /// `GRANT cati_interviewer TO maria`). Interviewers append events, finish interviews,
    /// take places and claims, and read what their screens need, never the answers of
    /// finished interviews (`record`, `line`); they cannot change or delete a finished
    /// interview. Supervisors read everything and write nothing.
    static let roleStatements: [String] = [
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cati_interviewer') THEN CREATE ROLE cati_interviewer NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cati_supervisor') THEN CREATE ROLE cati_supervisor NOLOGIN; END IF;
        END $$
        """,
        """
        REVOKE ALL ON cati_schema_version, cati_surveys, cati_interviews, cati_completes, cati_in_progress, cati_events,
            cati_places, cati_claims, cati_attempts, cati_settings, cati_audit, cati_erasures, cati_keys FROM PUBLIC
        """,
        "GRANT SELECT ON cati_schema_version, cati_surveys TO cati_interviewer",
        "GRANT INSERT ON cati_surveys TO cati_interviewer",
        """
        GRANT SELECT (survey, id, seq, status, respondent, interviewer, finished, quota_cells)
            ON cati_interviews TO cati_interviewer
        """,
        "GRANT INSERT ON cati_interviews TO cati_interviewer",
        "GRANT SELECT, INSERT ON cati_completes, cati_attempts TO cati_interviewer",
        "GRANT SELECT ON cati_settings, cati_erasures TO cati_interviewer",
        "GRANT SELECT, INSERT ON cati_audit TO cati_interviewer",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON cati_in_progress, cati_events, cati_places, cati_claims TO cati_interviewer",
        "GRANT USAGE ON SEQUENCE cati_sessions, cati_interviews_seq_seq, cati_attempts_seq_seq, cati_audit_seq_seq TO cati_interviewer",
        // Supervisors read everything; they write only what their commands do: the
        // settings, the audit trail, and a release (the holder's mark cleared).
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO cati_supervisor",
        "GRANT INSERT, UPDATE ON cati_settings TO cati_supervisor",
        "GRANT INSERT ON cati_audit TO cati_supervisor",
        // An erasure (issue 20) is a supervisor's: it removes or rewrites rows of the case.
        "GRANT INSERT, UPDATE ON cati_erasures, cati_keys TO cati_supervisor",
        "GRANT UPDATE, DELETE ON cati_interviews, cati_completes, cati_attempts, cati_in_progress, cati_events, cati_places TO cati_supervisor",
        "GRANT UPDATE (attempts_generation) ON cati_surveys TO cati_supervisor",
        "GRANT UPDATE (holder) ON cati_in_progress, cati_claims TO cati_supervisor",
        "GRANT USAGE ON SEQUENCE cati_sessions, cati_audit_seq_seq TO cati_supervisor",
        "GRANT pg_signal_backend TO cati_supervisor",
    ]

    /// `cati store init`: the schema, then the two roles and their privileges.
    static func initialize(_ tx: PGConnection.Transaction) throws {
        try prepare(tx, survey: nil)
        try tx.query("BEGIN")
        do {
            for statement in roleStatements { try tx.query(PostgresQuery(unsafeSQL: statement)) }
            try tx.query("COMMIT")
        } catch {
            _ = try? tx.query("ROLLBACK")
            throw error
        }
    }
}

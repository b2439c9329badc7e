/// The database forces identity (issue 19 item 5, docs/logins.md): whatever a client
/// sends, a finished interview, a call attempt and an audit entry are recorded as the
/// session's user. Over the Unix socket with `peer` authentication that is the Unix
/// login, told by the kernel; over TCP it is the role that authenticated. The program's
/// word is not taken: a `BEFORE INSERT` trigger on each table
///
/// - sets the row's `login` column to `session_user`;
/// - rewrites the line's `"login"` to `session_user` when it says another name (or none);
/// - for a record, rewrites `"interviewer"` to `session_user` (and `"identity"` to
///   `"login"`) unless it is a declared name (`"identity":"declared"`) that the survey
///   allows: no settings (a private survey), or `shared_account` true in them.
///
/// A line that already says the truth is left byte for byte as it was (the program's
/// own, over peer authentication); a rewritten one keeps its members' order and values.
/// The schema's owner and superusers are exempt (`cati store copy` writes other
/// people's records; they own the tables and could drop the trigger anyway). Triggers
/// fire on INSERT only: a supervisor's erasure (an UPDATE) keeps the interviewer's login.
enum PostgresIdentity {
    static let migration: [String] = [
        "ALTER TABLE cati_interviews ADD COLUMN IF NOT EXISTS login text NOT NULL DEFAULT session_user",
        "ALTER TABLE cati_attempts ADD COLUMN IF NOT EXISTS login text NOT NULL DEFAULT session_user",
        // Whether this session may write rows as anyone: a superuser, or a member of the
        // role that owns the cati tables.
        """
        CREATE OR REPLACE FUNCTION cati_trusted_writer() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
                OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'cati_interviews'::regclass), 'MEMBER')
        $$
        """,
        // The line as the session's user wrote it (see above). Members are rebuilt from
        // json_each (which keeps their order and each value's text) only when one changes.
        """
        CREATE OR REPLACE FUNCTION cati_line_as_session_user(line text, survey_name text, is_record boolean)
        RETURNS text LANGUAGE plpgsql STABLE AS $$
        DECLARE
            v json;
            me text := session_user;
            named text;
            kind text;
            shared boolean;
            interviewer_now text;
            identity_now text;
            rebuilt text;
        BEGIN
            BEGIN
                v := line::json;
            EXCEPTION WHEN others THEN
                RAISE EXCEPTION 'a cati line must be JSON' USING ERRCODE = '22P02';
            END;
            IF json_typeof(v) IS DISTINCT FROM 'object' THEN
                RAISE EXCEPTION 'a cati line must be a JSON object' USING ERRCODE = '22023';
            END IF;
            named := v->>'interviewer';
            kind := v->>'identity';
            interviewer_now := named;
            identity_now := kind;
            IF is_record AND named IS NOT NULL AND named <> me THEN
                IF kind = 'declared' THEN
                    SELECT coalesce((s.settings::json->>'shared_account')::boolean, false) INTO shared
                    FROM cati_settings s WHERE s.survey = survey_name;
                    IF FOUND AND NOT shared THEN interviewer_now := me; identity_now := 'login'; END IF;
                ELSE
                    interviewer_now := me; identity_now := 'login';
                END IF;
            END IF;
            IF (v->>'login') IS NOT DISTINCT FROM me AND interviewer_now IS NOT DISTINCT FROM named
               AND identity_now IS NOT DISTINCT FROM kind THEN
                RETURN line;
            END IF;
            SELECT string_agg(to_json(key)::text || ':' || CASE key
                       WHEN 'login' THEN to_json(me)::text
                       WHEN 'interviewer' THEN coalesce(to_json(interviewer_now)::text, value::text)
                       WHEN 'identity' THEN coalesce(to_json(identity_now)::text, value::text)
                       ELSE value::text END, ',' ORDER BY n)
            INTO rebuilt FROM json_each(v) WITH ORDINALITY AS t(key, value, n);
            IF NOT (v::jsonb ? 'login') THEN
                rebuilt := concat_ws(',', rebuilt, '"login":' || to_json(me)::text);
            END IF;
            IF identity_now IS NOT NULL AND NOT (v::jsonb ? 'identity') THEN
                rebuilt := rebuilt || ',"identity":' || to_json(identity_now)::text;
            END IF;
            RETURN '{' || coalesce(rebuilt, '') || '}';
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION cati_record_as_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.login := session_user;
            IF NOT cati_trusted_writer() THEN
                NEW.line := cati_line_as_session_user(NEW.line, NEW.survey, true);
                NEW.record := NEW.line::jsonb;
                NEW.interviewer := NEW.record->>'interviewer';
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION cati_line_row_as_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.login := session_user;
            IF NOT cati_trusted_writer() THEN
                NEW.line := cati_line_as_session_user(NEW.line, NEW.survey, false);
            END IF;
            RETURN NEW;
        END $$
        """,
        "DROP TRIGGER IF EXISTS cati_interviews_login ON cati_interviews",
        """
        CREATE TRIGGER cati_interviews_login BEFORE INSERT ON cati_interviews
            FOR EACH ROW EXECUTE FUNCTION cati_record_as_session_user()
        """,
        "DROP TRIGGER IF EXISTS cati_attempts_login ON cati_attempts",
        """
        CREATE TRIGGER cati_attempts_login BEFORE INSERT ON cati_attempts
            FOR EACH ROW EXECUTE FUNCTION cati_line_row_as_session_user()
        """,
        "DROP TRIGGER IF EXISTS cati_audit_login ON cati_audit",
        """
        CREATE TRIGGER cati_audit_login BEFORE INSERT ON cati_audit
            FOR EACH ROW EXECUTE FUNCTION cati_line_row_as_session_user()
        """,
    ]
}

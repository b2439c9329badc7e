import CatiCore
import CatiStore
import PostgresNIO

/// Sample case claims in PostgreSQL. A claim is a row (survey, case) of `cati_claims`
/// whose holder is the claiming process's session id; a holder whose liveness lock is
/// gone (a dead process, a lost host) holds nothing, so its case comes back at once.
///
/// - `claim(case:)` takes one named case: one `INSERT … ON CONFLICT DO UPDATE … WHERE`
///   the row's holder is not live. The conflicting row is locked before the condition
///   is checked, so exactly one of any number of claimers gets it.
/// - `claimFirst(of:)` takes the first free case of the call desk's ordered offers: a
///   row for each candidate is made sure of (holder NULL), then one `UPDATE … WHERE
///   (survey, case_id) = (SELECT … ORDER BY the offer's rank LIMIT 1 FOR UPDATE SKIP
///   LOCKED)`. Processes asking at once with the same offers do not queue on the first
///   case: each skips the rows the others are locking and gets the next one, in one
///   round trip instead of one per case lost.
///
/// Why it is safe under READ COMMITTED (docs/architecture.md, "Claims and call
/// attempts"): the sub-select locks a row and, when a committed transaction changed it
/// since the statement's snapshot, re-evaluates its WHERE on the newest version (a row
/// claimed meanwhile is passed over and the next one tried: `LIMIT` counts rows locked,
/// not rows looked at). The sub-select may read its set of live sessions before a
/// process that connects meanwhile is live, and that process may claim a row the scan
/// then locks: the UPDATE checks the holder once more, against live sessions read
/// after the row was locked (its own sub-plan, first evaluated on the row it fetches
/// once the sub-select has run). When that check refuses, or a release deleted a row
/// between the snapshot and the lock, the UPDATE returns nothing although another
/// candidate may be free: the statement is run again while one looks free.
extension PostgresStore {
    /// How many times `claimFirst` runs its statement while a candidate looks free.
    static let claimFirstTries = 3

    public func claim(case id: String) throws -> (any CaseClaim)? {
        let me = InterviewHolder.thisProcess(interviewer: Platform.effectiveLogin, since: Platform.now)
        let rows = try connection.query("""
            INSERT INTO cati_claims (survey, case_id, holder, login, host, pid, since)
            VALUES (\(survey), \(id), \(unescaped: PostgresSchema.currentSession), \(me.login), \(me.host), \(me.pid), \(me.since))
            ON CONFLICT (survey, case_id) DO UPDATE SET holder = EXCLUDED.holder, login = EXCLUDED.login,
                host = EXCLUDED.host, pid = EXCLUDED.pid, since = EXCLUDED.since
            WHERE cati_claims.holder IS NULL OR cati_claims.holder NOT IN (SELECT cati_live_sessions())
            RETURNING holder
            """, "claim case \(id) in \(location)")
        return rows.first == nil ? nil : PostgresCaseClaim(store: self, caseID: id)
    }

    public func claimFirst(of cases: [String]) throws -> (any CaseClaim)? {
        guard !cases.isEmpty else { return nil }
        let what = "claim one of \(cases.count) case(s) in \(location)"
        let me = InterviewHolder.thisProcess(interviewer: Platform.effectiveLogin, since: Platform.now)
        let taken: String? = try connection.session(what) { tx in
            for _ in 0..<Self.claimFirstTries {
                try ensureClaimRows(cases, tx)
                if let row = try tx.query("""
                    UPDATE cati_claims SET holder = \(unescaped: PostgresSchema.currentSession), login = \(me.login),
                        host = \(me.host), pid = \(me.pid), since = \(me.since)
                    WHERE (survey, case_id) = (
                        SELECT c.survey, c.case_id FROM cati_claims c
                        JOIN unnest(\(cases)::text[]) WITH ORDINALITY AS t(id, k) ON c.case_id = t.id
                        WHERE c.survey = \(survey)
                          AND (c.holder IS NULL OR c.holder NOT IN (SELECT cati_live_sessions()))
                        ORDER BY t.k LIMIT 1
                        FOR UPDATE OF c SKIP LOCKED)
                      AND (holder IS NULL OR holder NOT IN (SELECT cati_live_sessions()))
                    RETURNING case_id
                    """).first {
                    return try row.decode(String.self)
                }
                guard try anyLooksFree(cases, tx) else { return nil }
            }
            return nil
        }
        return taken.map { PostgresCaseClaim(store: self, caseID: $0) }
    }

    /// A claim row (no holder) for each case that has none, so that the claiming
    /// UPDATE finds every candidate. Inserted in the cases' sorted order: two processes
    /// inserting the same new rows wait for each other in one order, never in a cycle.
    private func ensureClaimRows(_ cases: [String], _ tx: PGConnection.Transaction) throws {
        try tx.query("""
            INSERT INTO cati_claims (survey, case_id)
            SELECT \(survey), id FROM (SELECT DISTINCT id FROM unnest(\(cases)::text[]) AS t(id)) AS d ORDER BY id
            ON CONFLICT (survey, case_id) DO NOTHING
            """)
    }

    /// Whether a candidate has no row or no live holder now (row locks not looked at):
    /// the claiming UPDATE returned nothing, but one may be free.
    private func anyLooksFree(_ cases: [String], _ tx: PGConnection.Transaction) throws -> Bool {
        try tx.query("""
            SELECT EXISTS (SELECT 1 FROM unnest(\(cases)::text[]) AS t(id)
                LEFT JOIN cati_claims c ON c.survey = \(survey) AND c.case_id = t.id
                WHERE c.case_id IS NULL OR c.holder IS NULL OR c.holder NOT IN (SELECT cati_live_sessions()))
            """).first?.decode(Bool.self) ?? false
    }
}

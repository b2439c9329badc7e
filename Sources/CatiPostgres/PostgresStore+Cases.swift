import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// Sample cases and call attempts in PostgreSQL. Which cases are taken (interviewed,
/// in progress, erased, claimed by a live process); the claims themselves are in
/// PostgresStore+Claims.swift. Call attempts are read in commit order
/// (PostgresStream.swift).
extension PostgresStore {
    public func takenCases() throws -> Set<String> {
        try cases(withClaims: true)
    }

    public func startedOrDoneCases() throws -> Set<String> {
        try cases(withClaims: false)
    }

    private func cases(withClaims: Bool) throws -> Set<String> {
        var taken = Set<String>()
        let what = "list taken cases in \(location)"
        for row in try connection.query("""
            SELECT respondent FROM cati_interviews WHERE survey = \(survey) AND respondent IS NOT NULL
            UNION SELECT respondent FROM cati_in_progress WHERE survey = \(survey) AND respondent IS NOT NULL
            """, what) {
            taken.insert(try row.decode(String.self))
        }
        // Erased cases are never offered again.
        for row in try connection.query("SELECT case_id FROM cati_erasures WHERE survey = \(survey)", what) {
            taken.insert(try row.decode(String.self))
        }
        guard withClaims else { return taken }
        for row in try connection.query("""
            SELECT case_id FROM cati_claims WHERE survey = \(survey) AND holder IN (SELECT cati_live_sessions())
            """, what) {
            taken.insert(try row.decode(String.self))
        }
        return taken
    }

    // MARK: Call attempts

    public func appendAttempts(_ attempts: [CallAttempt]) throws {
        guard !attempts.isEmpty else { return }
        // Each attempt carries the login of the process that records it (issue 19).
        let login = Platform.loginName
        let lines = attempts.map { var a = $0; if a.login == nil { a.login = login }; return a.line }
        // One statement, so one transaction: the attempts are stored together or not at all.
        try connection.query("""
            INSERT INTO cati_attempts (survey, line)
            SELECT \(survey), l FROM unnest(\(lines)::text[]) WITH ORDINALITY AS t(l, k) ORDER BY k
            """, "record call attempts in \(location)")
    }

    public func readAttempts(after cursor: RecordCursor) throws -> AttemptBatch {
        var at = StreamPoint(cursor), line = cursor.line
        var batch = AttemptBatch(cursor: cursor)
        // An erasure rewrote the attempts since this cursor: read them again from the first.
        let generation = try attemptsGeneration()
        if !cursor.generation.isEmpty, cursor.generation != generation {
            at = StreamPoint(); line = 0
            batch.restarted = true
        }
        for (point, text) in try streamRows("cati_attempts", after: at, limit: Int64.max, "read call attempts from \(location)") {
            at = point; line += 1
            do {
                guard let json = JSONParser.parseObject(Array(text.utf8)) else { throw CallAttempt.ParseError.missing("{") }
                batch.attempts.append(try CallAttempt(json: json))
            } catch {
                batch.warnings.append(SkippedLine(path: "table cati_attempts (survey \(survey))", line: line,
                                                  reason: "\(error)"))
            }
        }
        batch.cursor = at.cursor(line: line, generation: generation)
        return batch
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

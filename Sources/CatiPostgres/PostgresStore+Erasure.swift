import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// Issue 20 in PostgreSQL: an erasure is one transaction (under the survey's erasure
/// lock): refused `busy` when a live process holds an interview or claim of one of the
/// cases; the cases recorded in `cati_erasures` (so that they are never offered again);
/// with `answers` their records (and completes), interviews in progress (with their
/// events and places) and call attempts deleted; without, the personal columns taken out
/// of their records' answers and interview headers, and the attempts' contact
/// fingerprint. Other rows are not touched; interviewers write on meanwhile (a finish
/// is its own transaction). Readers of the attempts are told to read them again (the
/// survey's attempts generation moves on).
extension PostgresStore {
    public func erase(_ request: ErasureRequest) throws -> ErasureReport {
        let cases = Array(Set(request.cases)).sorted()
        let columns = request.personalColumns
        return try connection.transaction("erase \(cases.count) case(s) in \(location)") { tx in
            try tx.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.erasureClass), hashtext(\(survey)))")
            if let held = try tx.query("""
                SELECT id FROM cati_in_progress WHERE survey = \(survey) AND respondent = ANY(\(cases))
                  AND holder IN (SELECT cati_live_sessions()) ORDER BY id LIMIT 1
                """).first {
                throw StoreError.busy(try held.decode(String.self))
            }
            if let claimed = try tx.query("""
                SELECT case_id FROM cati_claims WHERE survey = \(survey) AND case_id = ANY(\(cases))
                  AND holder IN (SELECT cati_live_sessions()) ORDER BY case_id LIMIT 1
                """).first {
                throw StoreError.busy(try claimed.decode(String.self))
            }
            try tx.query("""
                INSERT INTO cati_erasures (survey, case_id, answers, reason)
                SELECT \(survey), c, \(request.answers), \(request.reason) FROM unnest(\(cases)::text[]) AS t(c)
                ON CONFLICT (survey, case_id) DO UPDATE SET answers = cati_erasures.answers OR EXCLUDED.answers
                """)
            var report = ErasureReport()
            if request.answers {
                let gone = try tx.query("""
                    DELETE FROM cati_interviews WHERE survey = \(survey) AND respondent = ANY(\(cases)) RETURNING id
                    """).map { try $0.decode(String.self) }
                report.records = gone.count
                if !gone.isEmpty {
                    try tx.query("DELETE FROM cati_completes WHERE survey = \(survey) AND interview = ANY(\(gone))")
                }
                report.attempts = try tx.query("""
                    DELETE FROM cati_attempts WHERE survey = \(survey) AND (line::jsonb ->> 'case') = ANY(\(cases)) RETURNING seq
                    """).map { _ in 1 }.count
                let open = try tx.query("""
                    DELETE FROM cati_in_progress WHERE survey = \(survey) AND respondent = ANY(\(cases)) RETURNING id
                    """).map { try $0.decode(String.self) }
                report.journals = open.count
                if !open.isEmpty {
                    try tx.query("DELETE FROM cati_places WHERE survey = \(survey) AND interview = ANY(\(open))")
                }
            } else {
                for row in try tx.query("""
                    SELECT id, line FROM cati_interviews WHERE survey = \(survey) AND respondent = ANY(\(cases))
                    """) {
                    let (id, line) = try row.decode((String, String).self)
                    guard let json = JSONParser.parseObject(Array(line.utf8)),
                          let kept = Self.without(columns, inAnswersOf: json) else { continue }
                    let text = kept.serialized
                    try tx.query("""
                        UPDATE cati_interviews SET line = \(text), record = \(text)::jsonb WHERE survey = \(survey) AND id = \(id)
                        """)
                    report.records += 1
                }
                report.attempts = try tx.query("""
                    UPDATE cati_attempts SET line = (line::jsonb - 'contact')::text
                    WHERE survey = \(survey) AND (line::jsonb ->> 'case') = ANY(\(cases)) AND line::jsonb ? 'contact'
                    RETURNING seq
                    """).map { _ in 1 }.count
                if !columns.isEmpty {
                    report.journals = try tx.query("""
                        UPDATE cati_in_progress SET header = jsonb_set(header, '{sample}', (header -> 'sample') - \(columns)::text[])
                        WHERE survey = \(survey) AND respondent = ANY(\(cases)) AND header ? 'sample'
                          AND (header -> 'sample') ?| \(columns)::text[]
                        RETURNING id
                        """).map { _ in 1 }.count
                }
            }
            if report.attempts > 0 {
                try tx.query("UPDATE cati_surveys SET attempts_generation = attempts_generation + 1 WHERE survey = \(survey)")
            }
            return report
        }
    }

    public func erasedCases() throws -> Set<String> {
        Set(try connection.query("SELECT case_id FROM cati_erasures WHERE survey = \(survey)",
                                 "list erased cases in \(location)").map { try $0.decode(String.self) })
    }

    public func pseudonymKey() throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let what = "read the pseudonym key of \(location)"
        try connection.query("""
            INSERT INTO cati_keys (survey, pseudonym_key) VALUES (\(survey), \(fresh)) ON CONFLICT (survey) DO NOTHING
            """, what)
        guard let hex = try connection.query("SELECT pseudonym_key FROM cati_keys WHERE survey = \(survey)", what)
            .first?.decode(String.self) else { throw StoreError.damaged("the pseudonym key of \(location)") }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            guard let byte = UInt8(hex[index..<next], radix: 16) else { throw StoreError.damaged("the pseudonym key of \(location)") }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    /// The record without the personal columns in its answers; nil when it has none.
    static func without(_ columns: [String], inAnswersOf record: JSON) -> JSON? {
        guard case .object(var members) = record, let k = members.firstIndex(where: { $0.0 == "answers" }),
              case .object(let answers) = members[k].1, answers.contains(where: { columns.contains($0.0) }) else { return nil }
        members[k].1 = .object(answers.filter { !columns.contains($0.0) })
        return .object(members)
    }

    /// The survey's attempts generation (cursors of `readAttempts` name it).
    func attemptsGeneration() throws -> String {
        let n = try connection.query("SELECT attempts_generation FROM cati_surveys WHERE survey = \(survey)",
                                     "read call attempts from \(location)").first?.decode(Int32.self) ?? 0
        return "a\(n)"
    }
}

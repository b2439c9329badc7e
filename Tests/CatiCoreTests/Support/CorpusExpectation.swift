import CatiCore
import Foundation

/// One diagnostic a corpus file says it must produce, written in the file as a comment:
///
/// - `# error: TEXT` / `# warning: TEXT` — on this line, a diagnostic of that severity
///   whose message contains TEXT;
/// - `# error@COL: TEXT` — the same, and at column COL;
/// - `# error-at LINE:COL: TEXT` — at LINE:COL, written on any line (for a place where a
///   comment cannot stand, such as inside an unterminated string);
/// - `# note…` — the same forms, for a note attached to an error (compared with the
///   diagnostics and their notes, flattened).
struct CorpusExpectation: Hashable, CustomStringConvertible {
    var severity: Diagnostic.Severity
    var line: Int
    var column: Int?
    var text: String

    func matches(_ d: Diagnostic) -> Bool {
        d.severity == severity && d.location.line == line
            && (column == nil || d.location.column == column)
            && (text.isEmpty || d.message.contains(text))
    }

    var description: String {
        "\(line):\(column.map(String.init) ?? "*") \(severity.rawValue) containing \"\(text)\""
    }

    /// The expectations written in a file (lines split at LF, a CR before it dropped;
    /// not `String.split`, for which "\r\n" is one character and no "\n").
    static func parse(_ bytes: [UInt8]) -> [CorpusExpectation] {
        let pattern = try! Regex(#"#\s*(error|warning|note)(?:@([0-9]+)|-at\s+([0-9]+):([0-9]+))?:\s*(.*?)\s*$"#)
        var out: [CorpusExpectation] = []
        for (index, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: raw.last == 0x0D ? raw.dropLast() : raw[...], as: UTF8.self)
            if let e = parse(line: line, number: index + 1, pattern) { out.append(e) }
        }
        return out
    }

    private static func parse(line: String, number: Int, _ pattern: Regex<AnyRegexOutput>) -> CorpusExpectation? {
        guard let match = try? pattern.firstMatch(in: line) else { return nil }
        func group(_ i: Int) -> String? { match.output[i].substring.map(String.init) }
        let severity = Diagnostic.Severity(rawValue: group(1) ?? "error") ?? .error
        if let atLine = group(3).flatMap(Int.init), let atColumn = group(4).flatMap(Int.init) {
            return CorpusExpectation(severity: severity, line: atLine, column: atColumn, text: group(5) ?? "")
        }
        return CorpusExpectation(severity: severity, line: number, column: group(2).flatMap(Int.init),
                                 text: group(5) ?? "")
    }

    /// Pairs expectations with diagnostics, each diagnostic used once: the ones whose
    /// column is pinned first. Returns what is missing and what is left over.
    static func compare(expected: [CorpusExpectation], actual: [Diagnostic])
        -> (missing: [CorpusExpectation], unexpected: [Diagnostic]) {
        var left = actual
        var missing: [CorpusExpectation] = []
        for e in expected.sorted(by: { ($0.column != nil ? 0 : 1) < ($1.column != nil ? 0 : 1) }) {
            if let i = left.firstIndex(where: e.matches) {
                left.remove(at: i)
            } else {
                missing.append(e)
            }
        }
        return (missing, left)
    }
}

/// How a diagnostic reads in a failure message.
func describe(_ d: Diagnostic) -> String {
    "\(d.location.line):\(d.location.column) \(d.severity.rawValue): \(d.message)"
}

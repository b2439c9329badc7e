/// The sample file of data.md: a header row with a required, unique `id` column; `phone`
/// and `name` shown to the interviewer; other columns feed `sample` variables and
/// `preload` questions. Rows that do not fit are reported by line and left out; the
/// others are usable.
public struct SampleFile: Sendable {
    public let rows: [SampleRecord]
    public let problems: [String]

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case empty
        case noIDColumn
        case headerNotUTF8(SampleText.BadByte)
        public var description: String {
            switch self {
            case .headerNotUTF8(let bad):
                return "line 1 (the header row): \(bad.description); save the file as UTF-8"
            case .empty: return "the sample file is empty: it needs a header row with an 'id' column"
            case .noIDColumn: return "the sample file has no 'id' column in its header row"
            }
        }
    }

    /// `badBytes`: lines with a byte that is not UTF-8 (`SampleText`); a row on such a
    /// line is reported and left out.
    public static func parse(_ text: String, for questionnaire: Questionnaire, file: String = "sample",
                             badBytes: [Int: SampleText.BadByte] = [:]) throws -> SampleFile {
        var csv = CSV.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard !csv.isEmpty else { throw Failure.empty }
        if let bad = badBytes.filter({ $0.key < (csv.count > 1 ? csv[1].line : Int.max) }).min(by: { $0.key < $1.key }) {
            throw Failure.headerNotUTF8(bad.value)
        }
        let header = csv.removeFirst().fields.map { $0.trimmingSpaces() }
        // The lines each row spans (a quoted field may hold line breaks): up to the next row's.
        let nextLines = csv.dropFirst().map(\.line) + [Int.max]
        guard let idColumn = header.firstIndex(of: "id") else { throw Failure.noIDColumn }
        let fed = questionnaire.variables.filter { v in
            if v.role == .sample { return true }
            if case .question(let q) = v.role { return questionnaire.questions[q].preload }
            return false
        }
        var rows: [SampleRecord] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for (k, row) in csv.enumerated() {
            if let (line, bad) = badBytes.filter({ $0.key >= row.line && $0.key < nextLines[k] }).min(by: { $0.key < $1.key }) {
                problems.append("\(file):\(line): \(bad.description) (save the file as UTF-8); row left out")
                continue
            }
            guard row.fields.count == header.count else {
                problems.append("\(file):\(row.line): \(row.fields.count) fields, the header has \(header.count); row left out")
                continue
            }
            let id = row.fields[idColumn].trimmingSpaces()
            guard !id.isEmpty else {
                problems.append("\(file):\(row.line): missing id; row left out")
                continue
            }
            if let first = seen[id] {
                problems.append("\(file):\(row.line): duplicate id '\(id)' (first at line \(first)); row left out")
                continue
            }
            var fields: [String: String] = [:]
            for (k, name) in header.enumerated() where k != idColumn { fields[name] = row.fields[k] }
            let record = SampleRecord(id: id, fields: fields, line: row.line)
            let rowProblems = fed.compactMap { SampleValues.problem(of: $0, in: record, questionnaire: questionnaire) }
            if let problem = rowProblems.first {
                problems.append("\(file):\(row.line): \(problem); row left out")
                continue
            }
            seen[id] = row.line
            rows.append(record)
        }
        return SampleFile(rows: rows, problems: problems)
    }

    public func row(id: String) -> SampleRecord? { rows.first { $0.id == id } }
}

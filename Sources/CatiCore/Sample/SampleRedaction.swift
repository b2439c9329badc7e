/// A sample file with the personal cells of some cases emptied (`cati erase --sample`,
/// `cati purge --sample`; docs/privacy.md). The case keeps its row, its id and its other
/// columns (so the call record still adds up); every other line keeps its bytes.
public enum SampleRedaction {
    /// The text with the cells of `columns` emptied in the rows of `cases` (all rows
    /// when `cases` is nil); nil when nothing changes.
    public static func redact(_ text: String, cases: Set<String>?, columns: [String]) -> (text: String, rows: Int)? {
        let bom = text.hasPrefix("\u{FEFF}")
        let body = bom ? String(text.dropFirst()) : text
        let rows = CSV.parse(body)
        guard let header = rows.first?.fields.map({ $0.trimmingSpaces() }),
              let idColumn = header.firstIndex(of: "id") else { return nil }
        let personal = Set(header.indices.filter { columns.contains(header[$0]) })
        guard !personal.isEmpty else { return nil }
        // Lines with their endings (by byte: "\r\n" is one Character), so that untouched
        // rows keep their bytes.
        let bytes = Array(body.utf8)
        var lines: [String] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = end
        }
        var replaced: [Int: String] = [:]   // first line (0-based) of a row → its new text
        var dropped = Set<Int>()
        var count = 0
        for (k, row) in rows.enumerated().dropFirst() where row.fields.count == header.count {
            let id = row.fields[idColumn].trimmingSpaces()
            guard cases?.contains(id) ?? true,
                  personal.contains(where: { !row.fields[$0].isEmpty }) else { continue }
            let first = row.line - 1
            let next = min(lines.count, k + 1 < rows.count ? rows[k + 1].line - 1 : lines.count)
            guard first < next else { continue }
            let ending = lines[next - 1].hasSuffix("\r\n") ? "\r\n" : lines[next - 1].hasSuffix("\n") ? "\n" : ""
            let fields = row.fields.enumerated().map { personal.contains($0.offset) ? "" : $0.element }
            replaced[first] = fields.map(quoted).joined(separator: ",") + ending
            for line in first + 1..<max(first + 1, next) { dropped.insert(line) }
            count += 1
        }
        guard count > 0 else { return nil }
        var out = bom ? "\u{FEFF}" : ""
        for (k, line) in lines.enumerated() where !dropped.contains(k) { out += replaced[k] ?? line }
        return (out, count)
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// RFC 4180 CSV: fields separated by commas, quoted with `"` (doubled inside), records
/// ended by CRLF or LF, line breaks allowed inside quotes.
public enum CSV {
    public struct Row: Sendable, Equatable {
        public let fields: [String]
        /// The line the record starts on (1-based).
        public let line: Int
    }

    public static func parse(_ text: String) -> [Row] {
        var rows: [Row] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var sawAnything = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return chars.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                sawAnything = true
            case ",":
                fields.append(field); field = ""; sawAnything = true
            case "\n", "\r\n", "\r":
                if sawAnything || !field.isEmpty {
                    fields.append(field)
                    rows.append(Row(fields: fields, line: rowLine))
                }
                fields = []; field = ""; sawAnything = false
                line += 1
                rowLine = line
            default:
                field.append(c); sawAnything = true
            }
        }
        if sawAnything || !field.isEmpty {
            fields.append(field)
            rows.append(Row(fields: fields, line: rowLine))
        }
        return rows
    }
}

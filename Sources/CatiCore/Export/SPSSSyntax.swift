/// The `.sps` syntax that PSPP (or SPSS) runs to turn the export's data file into a
/// labelled `.sav`: `GET DATA /TYPE=TXT` with every column's format, `VARIABLE LABELS`,
/// `VALUE LABELS` (codes and missing codes), `MISSING VALUES`, line breaks in texts
/// restored, `SAVE OUTFILE`.
///
/// SPSS limits a variable label to 255 bytes and a value label to 120: longer texts are
/// cut at a character boundary (the codebook keeps them whole).
public struct SPSSSyntax {
    public let layout: ExportLayout
    /// The longest text of each column in bytes, as `DelimitedRowWriter.widths` measured.
    public let widths: [Int]
    public let dataPath: String
    public let savPath: String
    public let delimiter: UInt8

    /// Words SPSS and PSPP do not accept as variable names.
    public static let reservedWords: Set<String> = ["all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not",
                                                    "or", "to", "with"]

    public static let variableLabelLimit = 255
    public static let valueLabelLimit = 120

    public init(layout: ExportLayout, widths: [Int], dataPath: String, savPath: String, delimiter: UInt8) {
        self.layout = layout
        self.widths = widths
        self.dataPath = dataPath
        self.savPath = savPath
        self.delimiter = delimiter
    }

    public var text: String {
        let book = layout.codebook
        var out = "* Encoding: UTF-8.\n"
        out += "* \(oneLine(book.title)): survey \(book.survey), version \(book.version), exported by cati.\n"
        out += "* Run: pspp THIS_FILE.sps (or open it in SPSS and run all).\n"
        out += "SET DECIMAL=DOT.\n"
        let delimiterText = delimiter == 0x09 ? "\\t" : String(UnicodeScalar(delimiter))
        out += "GET DATA /TYPE=TXT /FILE=\(quote(dataPath)) /ENCODING='UTF8' /ARRANGEMENT=DELIMITED /DELCASE=LINE\n"
        out += "  /FIRSTCASE=2 /DELIMITERS=\"\(delimiterText)\" /QUALIFIER='\"'\n  /VARIABLES=\n"
        for (i, column) in layout.columns.enumerated() {
            out += "    \(column.name) \(inputFormat(i))\n"
        }
        out += "  .\n"
        let numeric = layout.columns.indices.filter { layout.columns[$0].isNumeric }
        out += "FORMATS\n" + numeric.map { "  \(layout.columns[$0].name) (\(displayFormat($0)))" }.joined(separator: "\n") + ".\n"
        out += "VARIABLE LABELS\n"
        out += layout.columns.indices.map { "  \(layout.columns[$0].name) \(quote(cut(label(of: $0), SPSSSyntax.variableLabelLimit)))" }
            .joined(separator: "\n  /") + ".\n"
        for column in layout.columns {
            let labels = valueLabels(of: column)
            guard !labels.isEmpty else { continue }
            out += "VALUE LABELS \(column.name)\n"
            out += labels.map { "  \($0.0) \(quote(cut($0.1, SPSSSyntax.valueLabelLimit)))" }.joined(separator: "\n") + ".\n"
        }
        for column in layout.columns {
            guard let missing = column.missing, !missing.isEmpty else { continue }
            let values = [missing.dk, missing.refused].compactMap { $0 }
            let listed = column.isNumeric ? values.joined(separator: ", ") : values.map(quote).joined(separator: ", ")
            out += "MISSING VALUES \(column.name) (\(listed)).\n"
        }
        for i in layout.textColumns {
            let name = layout.columns[i].name
            out += "COMPUTE \(name) = REPLACE(REPLACE(\(name), X'1E', X'0A'), X'1D', X'0D').\n"
        }
        out += "EXECUTE.\n"
        out += "SAVE OUTFILE=\(quote(savPath)).\n"
        return out
    }

    /// What the data file holds in the column: a string of its measured width, or a number.
    private func inputFormat(_ i: Int) -> String {
        let column = layout.columns[i]
        if !column.isNumeric {
            let least = column.missing.map { $0.isEmpty ? 1 : 8 } ?? 1
            return "A\(min(32767, max(least, widths[i])))"
        }
        return "F40.\(decimals(of: column))"
    }

    private func displayFormat(_ i: Int) -> String {
        let column = layout.columns[i]
        let d = decimals(of: column)
        var digits = 8
        if let entry = column.entry.map({ layout.codebook.entries[$0] }) {
            switch column.source {
            case .multiCode: digits = 1
            default:
                let high = max(abs(entry.range?.upperBound ?? 0), abs(entry.range?.lowerBound ?? 0),
                               Double(entry.values.map { abs($0.code) }.max() ?? 0), 1)
                digits = String(Int(high.rounded(.up))).count + ((entry.range?.lowerBound ?? 0) < 0 ? 1 : 0)
                if entry.kind == .computedNumber || entry.kind == .sampleNumber { digits = 8 }
            }
            if let refused = column.missing?.refused ?? column.missing?.dk { digits = max(digits, refused.count) }
        }
        return "F\(digits + (d > 0 ? d + 1 : 0)).\(d)"
    }

    private func decimals(of column: ExportLayout.Column) -> Int {
        switch column.source {
        case .secondsTotal, .seconds: return 1
        case .notesCount, .multiCode, .field, .multiBits: return 0
        case .answer:
            guard let entry = column.entry.map({ layout.codebook.entries[$0] }) else { return 0 }
            switch entry.kind {
            case .number: return entry.decimals
            case .computedNumber, .sampleNumber: return 2
            default: return 0
            }
        }
    }

    /// The column's variable label.
    func label(of i: Int) -> String {
        let column = layout.columns[i]
        switch column.source {
        case .field(let f): return SPSSSyntax.fieldLabels[f]
        case .secondsTotal: return "Seconds spent on the questions"
        case .notesCount: return "Interviewer notes"
        case .seconds(let q): return "Seconds on " + layout.questionNames[q]
        case .multiCode(_, let code):
            let entry = layout.codebook.entries[column.entry!]
            let codeLabel = entry.values.first { $0.code == code }?.label ?? String(code)
            return oneLine(codeLabel + " — " + entry.questionText)
        case .answer, .multiBits:
            let entry = layout.codebook.entries[column.entry!]
            if column.name == entry.otherTextName { return oneLine("Other (specify) — " + entry.questionText) }
            return oneLine(entry.questionText.isEmpty ? entry.computeExpression.map { entry.name + " = " + $0 } ?? entry.name
                                                      : entry.questionText)
        }
    }

    static let fieldLabels = ["Interview id", "Respondent (sample id)", "Interviewer", "Final status",
                              "Started (UTC)", "Finished (UTC)"]

    /// Codes and their labels for the column (missing codes included).
    func valueLabels(of column: ExportLayout.Column) -> [(String, String)] {
        guard column.isNumeric, let index = column.entry else { return [] }
        let entry = layout.codebook.entries[index]
        var labels: [(String, String)] = []
        switch column.source {
        case .multiCode:
            let chosen = layout.codebook.language == .it ? ("non scelto", "scelto") : ("not chosen", "chosen")
            labels = [("0", chosen.0), ("1", chosen.1)]
        case .answer where column.name == entry.name:
            labels = entry.values.map { (String($0.code), $0.label) }
        default: return []
        }
        if let dk = entry.missing.dk { labels.append((dk, entry.missing.dkLabel)) }
        if let refused = entry.missing.refused { labels.append((refused, entry.missing.refusedLabel)) }
        return labels
    }

    func quote(_ s: String) -> String {
        "'" + oneLine(s).split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    func oneLine(_ s: String) -> String { String(s.map { $0 == "\n" || $0 == "\r" ? " " : $0 }) }

    /// At most `limit` UTF-8 bytes, cut before a character that would cross it.
    public static func cut(_ s: String, _ limit: Int) -> String {
        var bytes = 0
        var out = ""
        for ch in s {
            let n = String(ch).utf8.count
            if bytes + n > limit { break }
            bytes += n
            out.append(ch)
        }
        return out
    }

    func cut(_ s: String, _ limit: Int) -> String { SPSSSyntax.cut(oneLine(s), limit) }
}

/// Triple-S XML metadata (version 2.0, CSV data) for an export written with
/// `ExportLayout.MultiStyle.bitString`: one `<variable>` per column, in the same order;
/// `single` for codes (every code of a scale listed, labelled by its anchor or its
/// number), `multiple` for a multi (one `0`/`1` per code value, position = code),
/// `quantity` for numbers, `logical` for a computed condition, `character` for texts
/// and record fields. "Don't know" and "refused" are labelled codes of their variable.
public struct TripleSMetadata {
    public let layout: ExportLayout
    public let widths: [Int]
    public let dataFileName: String
    /// `YYYY-MM-DD` of the export.
    public let date: String

    public init(layout: ExportLayout, widths: [Int], dataFileName: String, date: String) {
        self.layout = layout
        self.widths = widths
        self.dataFileName = dataFileName
        self.date = date
    }

    public var xml: String {
        let book = layout.codebook
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sss version=\"2.0\">\n"
        out += "  <date>\(date)</date>\n  <origin>cati</origin>\n"
        out += "  <survey>\n    <name>\(escape(book.survey))</name>\n"
        out += "    <title>\(escape(book.title))</title>\n"
        out += "    <record ident=\"A\" format=\"csv\" skip=\"1\" href=\"\(escape(dataFileName))\">\n"
        for (i, column) in layout.columns.enumerated() {
            out += variable(i, column)
        }
        out += "    </record>\n  </survey>\n</sss>\n"
        return out
    }

    private func variable(_ i: Int, _ column: ExportLayout.Column) -> String {
        let spss = SPSSSyntax(layout: layout, widths: widths, dataPath: "", savPath: "", delimiter: 0x2C)
        let entry = column.entry.map { layout.codebook.entries[$0] }
        var type = "character"
        var body = ""
        switch column.source {
        case .field: body = size(i)
        case .secondsTotal, .seconds: type = "quantity"; body = range("0.0", "99999.9")
        case .notesCount: type = "quantity"; body = range("0", "9999")
        case .multiBits: type = "multiple"; body = values(entry!)
        case .multiCode: type = "single"; body = values(entry!)
        case .answer:
            guard let entry, column.isNumeric, column.name == entry.name else { body = size(i); break }
            switch entry.kind {
            case .computedCondition: type = "logical"
            case .number, .computedNumber, .sampleNumber:
                type = "quantity"
                let d = entry.decimals > 0 ? entry.decimals : (entry.kind == .number ? 0 : 4)
                let lo = entry.range?.lowerBound ?? -999999, hi = entry.range?.upperBound ?? 999999
                body = range(fixed(lo, d), fixed(hi, d), labelled: missingCodes(entry))
            default:
                type = "single"
                body = values(entry)
            }
        }
        var out = "      <variable ident=\"\(i + 1)\" type=\"\(type)\">\n"
        out += "        <name>\(escape(column.name))</name>\n"
        out += "        <label>\(escape(spss.label(of: i)))</label>\n"
        out += "        <position start=\"\(i + 1)\"/>\n"
        out += body
        out += "      </variable>\n"
        return out
    }

    private func size(_ i: Int) -> String { "        <size>\(max(1, widths[i]))</size>\n" }

    /// A quantity's range, with labelled special values (its missing codes).
    private func range(_ from: String, _ to: String, labelled: [(Int, String)] = []) -> String {
        var out = "        <values>\n          <range from=\"\(from)\" to=\"\(to)\"/>\n"
        for (code, label) in labelled { out += "          <value code=\"\(code)\">\(escape(label))</value>\n" }
        return out + "        </values>\n"
    }

    /// Codes and labels (a scale's every code), then the missing codes.
    private func values(_ entry: CodebookEntry) -> String {
        var codes = entry.values.map { ($0.code, $0.label) }
        if let r = entry.range, entry.kind == .scale || entry.kind == .gridItem {
            codes = (Int(r.lowerBound)...Int(r.upperBound)).map { code in
                (code, entry.values.first { $0.code == code }?.label ?? String(code))
            }
        }
        if let dk = entry.missing.dkCode { codes.append((dk, entry.missing.dkLabel)) }
        if let refused = entry.missing.refusedCode { codes.append((refused, entry.missing.refusedLabel)) }
        var out = "        <values>\n"
        for (code, label) in codes { out += "          <value code=\"\(code)\">\(escape(label))</value>\n" }
        return out + "        </values>\n"
    }

    private func missingCodes(_ entry: CodebookEntry) -> [(Int, String)] {
        var codes: [(Int, String)] = []
        if let dk = entry.missing.dkCode { codes.append((dk, entry.missing.dkLabel)) }
        if let refused = entry.missing.refusedCode { codes.append((refused, entry.missing.refusedLabel)) }
        return codes
    }

    private func fixed(_ x: Double, _ decimals: Int) -> String {
        guard decimals > 0 else { return ConditionText.number(x) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let n = Int((abs(x) * scale).rounded())
        var frac = String(n % Int(scale))
        while frac.count < decimals { frac = "0" + frac }
        return (x < 0 ? "-" : "") + String(n / Int(scale)) + "." + frac
    }

    func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}

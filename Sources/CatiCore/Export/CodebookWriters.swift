/// The codebook as Markdown (to read) and as CSV (to load beside the data): for each
/// variable its columns, question text, kind, codes and labels, missing codes and the
/// routing condition under which it is asked.
public enum CodebookWriters {
    /// The words the codebook shows for a missing code.
    static func missingNote(_ kind: String) -> String { kind == "dk" ? "missing: don't know" : "missing: refused" }

    public static func markdown(_ layout: ExportLayout) -> String {
        let book = layout.codebook
        var out = "# Codebook: \(book.survey) (version \(book.version))\n\n\(book.title)\n\n"
        out += "Each variable: its data columns, question text, kind, codes and labels, the codes written for "
        out += "\"don't know\" and \"refused\" (declared missing in SPSS), and the routing condition under which "
        out += "it is asked. An empty cell means: not asked (or no answer to an optional question).\n\n"
        out += "Record columns first: " + ExportLayout.fieldNames.map { "`\($0)`" }.joined(separator: ", ") + "; "
        out += "paradata last: `\(ExportLayout.secondsTotalName)` (seconds spent on the questions), "
        out += "`\(ExportLayout.notesCountName)` (interviewer notes).\n"
        var lastGrid: String?
        for (index, entry) in book.entries.enumerated() {
            if let grid = entry.grid, grid != lastGrid {
                let items = book.entries.filter { $0.grid == grid }
                out += "\n## `\(grid)` (grid)\n\n" + markdownText(entry.gridText ?? "") + "\n\n"
                out += "- kind: grid, " + describe(entry).dropFirst(CodebookEntry.Kind.gridItem.rawValue.count + 2)
                    + "; each item is a variable of its own\n"
                out += "- items: " + items.map { "`\($0.name)`" }.joined(separator: ", ") + "\n"
                out += "- asked when: " + (entry.condition.map { "`\($0)`" } ?? "always") + "\n"
            }
            lastGrid = entry.grid
            out += "\n\(entry.grid == nil ? "##" : "###") `\(entry.name)`\n\n"
            if let item = entry.itemText {
                out += markdownText(item) + "\n\n"
            } else if !entry.questionText.isEmpty {
                out += markdownText(entry.questionText) + "\n\n"
            }
            out += "- kind: \(describe(entry))\n"
            out += "- columns: " + columns(of: index, layout).map { "`\($0)`" }.joined(separator: ", ") + "\n"
            if let compute = entry.computeExpression { out += "- computed as: `\(compute)`\n" }
            out += "- asked when: " + (entry.condition.map { "`\($0)`" } ?? "always") + "\n"
            let codes = codeRows(entry)
            if !codes.isEmpty {
                out += "\n| code | label |\n| ---: | --- |\n"
                for row in codes {
                    let label = markdownCell(row.label) + (row.missing.map { " (\(missingNote($0)))" } ?? "")
                    out += "| \(row.code) | \(label) |\n"
                }
            }
        }
        return out
    }

    public static let csvHeader = ["variable", "columns", "kind", "grid", "question", "range", "code", "label", "missing",
                                   "condition"]

    public static func csv(_ layout: ExportLayout, options: DelimitedRowWriter.Options) -> [UInt8] {
        var out = DelimitedRowWriter.textRow(csvHeader, options: options)
        for (index, entry) in layout.codebook.entries.enumerated() {
            let cols = columns(of: index, layout).joined(separator: " ")
            let range = entry.range.map { ConditionText.number($0.lowerBound) + ".." + ConditionText.number($0.upperBound) } ?? ""
            let head = [entry.name, cols, entry.kind.rawValue, entry.grid ?? "", entry.questionText, range]
            let tail = [entry.condition ?? ""]
            let codes = codeRows(entry)
            if codes.isEmpty {
                out += DelimitedRowWriter.textRow(head + ["", "", ""] + tail, options: options)
            }
            for row in codes {
                out += DelimitedRowWriter.textRow(head + [row.code, row.label, row.missing ?? ""] + tail, options: options)
            }
        }
        return out
    }

    struct CodeRow { let code: String; let label: String; let missing: String? }

    /// Codes with labels, then the missing codes.
    static func codeRows(_ entry: CodebookEntry) -> [CodeRow] {
        var rows = entry.values.map { CodeRow(code: String($0.code), label: $0.label, missing: nil) }
        if let dk = entry.missing.dk { rows.append(CodeRow(code: dk, label: entry.missing.dkLabel, missing: "dk")) }
        if let refused = entry.missing.refused {
            rows.append(CodeRow(code: refused, label: entry.missing.refusedLabel, missing: "refused"))
        }
        return rows
    }

    static func columns(of entry: Int, _ layout: ExportLayout) -> [String] {
        layout.columns.filter { $0.entry == entry }.map(\.name)
    }

    static func describe(_ entry: CodebookEntry) -> String {
        var text = entry.kind.rawValue
        if let r = entry.range { text += ", " + ConditionText.number(r.lowerBound) + ".." + ConditionText.number(r.upperBound) }
        if entry.kind == .number, entry.decimals > 0 { text += ", \(entry.decimals) decimals" }
        if let max = entry.maxLength { text += ", at most \(max) characters" }
        if entry.kind == .multi { text += "; one column per code: 1 chosen, 0 not chosen" }
        return text
    }

    private static func markdownText(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }

    private static func markdownCell(_ s: String) -> String {
        String(s.map { $0 == "|" ? "/" : ($0 == "\n" ? " " : $0) })
    }
}

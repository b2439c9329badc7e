/// `cati doc` as Markdown or as one self-contained HTML page.
extension QuestionnaireDoc {
    public var markdown: String {
        var out = ["# \(title.replacingPipes())", "", "Survey `\(survey)`, version \(version). Fills are marked `{name}`: "
            + "the answer to that question (or the sample column, or the interviewer) is put in their place."]
        out += ["", "## Questions"]
        for step in steps {
            switch step {
            case .question(let q):
                out += ["", "### \(q.number). \(q.name) — \(q.kind)", ""]
                if !q.askedIf.isEmpty { out += ["*Asked if:* " + q.askedIf.joined(separator: "; and "), ""] }
                out += q.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
                if !q.codes.isEmpty {
                    out += ["", "| code | name | label | |", "| ---: | --- | --- | --- |"]
                    for c in q.codes { out.append("| \(c.code) | \(c.name) | \(c.label.replacingPipes()) | \(c.notes) |") }
                }
                if !q.items.isEmpty {
                    out += ["", "| item | text |", "| --- | --- |"]
                    for item in q.items { out.append("| \(item.name) | \(item.text.replacingPipes()) |") }
                }
                out.append("")
                if !q.validation.isEmpty { out.append("- Valid answer: " + q.validation.joined(separator: "; ") + ".") }
                out.append("- Allowed besides an answer: " + (q.allowed.isEmpty ? "nothing (an answer is required)" : q.allowed.joined(separator: ", ")) + ".")
            case .ending(let text, let condition, let askedIf):
                out += ["", "**The interview ends" + (condition.map { " if " + $0 } ?? "") + "**"
                    + (askedIf.isEmpty ? "" : " (where " + askedIf.joined(separator: " and ") + ")") + ": “\(text)”"]
            case .rule(let isHard, let condition, let message, let askedIf):
                let head = isHard ? "**Check** (must hold, else the interviewer goes back): " : "**Warning** (shown when this holds; the interviewer may confirm): "
                out += ["", head + condition + (askedIf.isEmpty ? "" : " (where " + askedIf.joined(separator: " and ") + ")"),
                        "", "> \(message)"]
            case .compute(let name, let formula, let askedIf):
                out += ["", "*Computed:* `\(name)` = \(formula)" + (askedIf.isEmpty ? "" : " (where " + askedIf.joined(separator: " and ") + ")")]
            }
        }
        if !quotas.isEmpty {
            out += ["", "## Quotas"]
            for quota in quotas {
                out += ["", "### \(quota.name)" + (quota.title.map { " — " + $0.replacingPipes() } ?? ""), "",
                        "By \(quota.variables.joined(separator: ", ")); a cell's interviews stop at its target.", "",
                        "| cell | target |", "| --- | ---: |"]
                for c in quota.cells { out.append("| \(c.cell) | \(c.target) |") }
                out.append("| **total** | \(quota.cells.reduce(0) { $0 + $1.target }) |")
                if let full = quota.fullText { out += ["", "When the cell is full: “\(full)”"] }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public var html: String {
        func esc(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "\n": out += "<br>"
                default: out.append(c)
                }
            }
            return out
        }
        /// Fills `{name}` shown as marked spans.
        func marked(_ s: String) -> String {
            var out = ""
            var fill: String?
            for c in esc(s) {
                if c == "{", fill == nil { fill = ""; continue }
                if c == "}", let f = fill { out += "<span class=\"fill\">{\(f)}</span>"; fill = nil; continue }
                if fill != nil { fill! += String(c) } else { out.append(c) }
            }
            if let f = fill { out += "{" + f }
            return out
        }
        var b = ["<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(esc(title))</title><style>",
                 "body{font-family:\"DejaVu Sans\",Arial,sans-serif;max-width:55rem;margin:2rem auto;padding:0 1rem;color:#222;font-size:14px}",
                 "section{border-top:1px solid #ccc;padding:.4rem 0;break-inside:avoid}.kind{color:#666;font-weight:normal}",
                 ".cond{color:#3b6ea5}.text{background:#f6f6f6;padding:.4rem .6rem;border-left:3px solid #999}.fill{background:#ffe9a8;font-family:monospace}",
                 "table{border-collapse:collapse}th,td{padding:.1rem .5rem;border-bottom:1px solid #ddd;text-align:left}.end{color:#b00020}",
                 "@media print{body{margin:0;max-width:none}}</style></head><body>",
                 "<h1>\(esc(title))</h1><p>Survey <code>\(esc(survey))</code>, version \(version). Fills are marked "
                    + "<span class=\"fill\">{name}</span>.</p><h2>Questions</h2>"]
        for step in steps {
            switch step {
            case .question(let q):
                var s = "<section><h3>\(q.number). \(esc(q.name)) <span class=\"kind\">— \(esc(q.kind))</span></h3>"
                if !q.askedIf.isEmpty { s += "<p class=\"cond\">Asked if: \(esc(q.askedIf.joined(separator: "; and ")))</p>" }
                s += "<p class=\"text\">\(marked(q.text))</p>"
                if !q.codes.isEmpty {
                    s += "<table><tr><th>code</th><th>name</th><th>label</th><th></th></tr>"
                    for c in q.codes { s += "<tr><td>\(c.code)</td><td>\(esc(c.name))</td><td>\(marked(c.label))</td><td>\(esc(c.notes))</td></tr>" }
                    s += "</table>"
                }
                if !q.items.isEmpty {
                    s += "<table><tr><th>item</th><th>text</th></tr>"
                    for item in q.items { s += "<tr><td>\(esc(item.name))</td><td>\(marked(item.text))</td></tr>" }
                    s += "</table>"
                }
                s += "<ul>"
                if !q.validation.isEmpty { s += "<li>Valid answer: \(esc(q.validation.joined(separator: "; ")))</li>" }
                s += "<li>Allowed besides an answer: \(esc(q.allowed.isEmpty ? "nothing (an answer is required)" : q.allowed.joined(separator: ", ")))</li></ul></section>"
                b.append(s)
            case .ending(let text, let condition, let askedIf):
                b.append("<section class=\"end\"><strong>The interview ends\(condition.map { " if " + esc($0) } ?? "")</strong>"
                    + (askedIf.isEmpty ? "" : " (where \(esc(askedIf.joined(separator: " and "))))") + ": “\(marked(text))”</section>")
            case .rule(let isHard, let condition, let message, let askedIf):
                b.append("<section><strong>\(isHard ? "Check" : "Warning")</strong> \(isHard ? "(must hold)" : "(shown when this holds)"): "
                    + "<span class=\"cond\">\(esc(condition))</span>" + (askedIf.isEmpty ? "" : " (where \(esc(askedIf.joined(separator: " and "))))")
                    + "<p class=\"text\">\(marked(message))</p></section>")
            case .compute(let name, let formula, let askedIf):
                b.append("<section><em>Computed:</em> <code>\(esc(name))</code> = \(esc(formula))"
                    + (askedIf.isEmpty ? "" : " (where \(esc(askedIf.joined(separator: " and "))))") + "</section>")
            }
        }
        if !quotas.isEmpty {
            b.append("<h2>Quotas</h2>")
            for quota in quotas {
                var s = "<section><h3>\(esc(quota.name))\(quota.title.map { " — " + esc($0) } ?? "")</h3><p>By \(esc(quota.variables.joined(separator: ", "))).</p>"
                s += "<table><tr><th>cell</th><th>target</th></tr>"
                for c in quota.cells { s += "<tr><td>\(esc(c.cell))</td><td>\(c.target)</td></tr>" }
                s += "<tr><th>total</th><th>\(quota.cells.reduce(0) { $0 + $1.target })</th></tr></table>"
                if let full = quota.fullText { s += "<p>When the cell is full: “\(marked(full))”</p>" }
                b.append(s + "</section>")
            }
        }
        b.append("</body></html>\n")
        return b.joined(separator: "\n")
    }
}

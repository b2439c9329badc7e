/// `cati report --format markdown`: the same sections as the terminal, as Markdown
/// tables (GitHub-flavoured), stable for the same data.
extension Report {
    public var markdown: String {
        let T = ReportText.self
        var out: [String] = []
        func cell(_ s: String) -> String { s.replacingPipes() }
        out.append("# \(cell(title))")
        out.append("")
        out.append("Survey `\(survey)`, version \(version): **\(T.count(completes)) complete interview\(completes == 1 ? "" : "s")**."
            + (statuses.isEmpty ? "" : " Records: " + statuses.map { "\($0.0) \(T.count($0.1))" }.joined(separator: ", ") + "."))
        if !notices.isEmpty {
            out.append("")
            for n in notices { out.append("> **Note:** \(cell(n))") }
        }
        guard completes > 0 else { return out.joined(separator: "\n") + "\n" }

        out += ["", "## Completes against targets"]
        for q in quotas {
            out += ["", "### \(q.name)" + (q.title.map { " — \(cell($0))" } ?? ""), "", "| cell | target | complete | % |", "| --- | ---: | ---: | ---: |"]
            for c in q.cells {
                out.append("| \(cell(c.label)) | \(c.target) | \(c.complete) | \(c.target > 0 ? T.pct(100 * Double(c.complete) / Double(c.target)) : "–") |")
            }
            let target = q.cells.reduce(0) { $0 + $1.target }, done = q.cells.reduce(0) { $0 + $1.complete }
            out.append("| **total** | \(target) | \(done) | \(target > 0 ? T.pct(100 * Double(done) / Double(target)) : "–") |")
        }

        if let w = weighting {
            out += ["", "## Weights", "",
                    "Post-stratified to the \(cell(w.source)). Effective sample size \(T.fixed(w.effectiveN, 1)) of \(completes) "
                    + "(design effect \(T.fixed(w.designEffect, 3))); weights from \(T.fixed(w.minWeight, 3)) to \(T.fixed(w.maxWeight, 3)).",
                    "", "| cell | population share | completes | weight |", "| --- | ---: | ---: | ---: |"]
            for c in w.cells { out.append("| \(cell(c.label)) | \(T.pct(100 * c.share)) | \(c.complete) | \(T.fixed(c.weight, 3)) |") }
        }

        if !aspects.isEmpty {
            out += ["", "## Aspects by % dissatisfied", "", "| aspect | % dissatisfied | weighted | |", "| --- | ---: | ---: | --- |"]
            for a in aspects {
                out.append("| \(a.name) — \(cell(a.label)) | \(T.pct(a.dissatisfiedPct)) | \(T.pct(a.weightedDissatisfiedPct)) | \(a.flag.map { "**\($0.rawValue)**" } ?? "") |")
            }
            let under = aspects.filter { $0.flag == .under5 }.map(\.name), over = aspects.filter { $0.flag == .over10 }.map(\.name)
            out.append("")
            out.append("Under 5% dissatisfied: \(under.isEmpty ? "none" : under.joined(separator: ", ")). "
                + "Over 10%: \(over.isEmpty ? "none" : over.joined(separator: ", ")).")
        }

        out += ["", "## Scales"]
        for s in scales {
            let f = s.figures
            out += ["", "### \(s.name)", "", "\(cell(s.label))", ""]
            out.append("Scale \(s.range.lowerBound)–\(s.range.upperBound); dissatisfied: \(s.dissatisfiedMax) or less.")
            out.append("")
            out.append("| | n | mean | 95% CI | sd | % dissatisfied | % dk/refused |")
            out.append("| --- | ---: | ---: | --- | ---: | ---: | ---: |")
            out.append("| unweighted | \(f.n) | \(T.fixed(f.mean, 2)) | \(T.interval(f.ci95)) | \(T.fixed(f.sd, 2)) | \(T.pct(f.dissatisfiedPct)) | \(T.pct(f.missingPct)) |")
            if let w = s.weighted {
                out.append("| weighted (n_eff \(T.fixed(w.effectiveN, 0))) | \(w.n) | \(T.fixed(w.mean, 2)) | \(T.interval(w.ci95)) | \(T.fixed(w.sd, 2)) | \(T.pct(w.dissatisfiedPct)) | \(T.pct(w.missingPct)) |")
            }
            if f.n > 0 {
                out += ["", "| mark | " + s.distribution.indices.map { "\(s.range.lowerBound + $0)" }.joined(separator: " | ") + " |",
                        "| --- |" + String(repeating: " ---: |", count: s.distribution.count),
                        "| % | " + s.distribution.map { T.pct(100 * Double($0) / Double(f.n)) }.joined(separator: " | ") + " |"]
            }
            for b in s.by {
                out += ["", "| by \(b.name) | n | mean | 95% CI | % dissatisfied | weighted mean | weighted % dissatisfied |",
                        "| --- | ---: | ---: | --- | ---: | ---: | ---: |"]
                for g in b.groups {
                    out.append("| \(cell(g.label)) | \(g.figures.n) | \(T.fixed(g.figures.mean, 2)) | \(T.interval(g.figures.ci95)) | "
                        + "\(T.pct(g.figures.dissatisfiedPct)) | \(T.fixed(g.weighted?.mean, 2)) | \(T.pct(g.weighted?.dissatisfiedPct)) |")
                }
            }
        }

        if !multis.isEmpty {
            out += ["", "## Multiple choice"]
            for m in multis {
                out += ["", "### \(m.name)", "", cell(m.label), "",
                        "\(m.respondents) respondents\(m.dk + m.refused > 0 ? " (\(m.dk) dk, \(m.refused) refused)" : "").", "",
                        "| code | label | count | % of respondents | weighted % |", "| ---: | --- | ---: | ---: | ---: |"]
                for o in m.options { out.append("| \(o.code) | \(cell(o.label)) | \(o.count) | \(T.pct(o.pct)) | \(T.pct(o.weightedPct)) |") }
            }
        }
        if !numbers.isEmpty {
            out += ["", "## Numbers", "", "| question | n | mean | 95% CI | weighted mean | min | Q1 | median | Q3 | max | dk | refused |",
                    "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
            for n in numbers {
                out.append("| \(n.name) | \(n.n) | \(T.fixed(n.mean, 2)) | \(T.interval(n.ci95)) | \(T.fixed(n.weightedMean, 2)) | "
                    + "\(T.fixed(n.min, 2)) | \(T.fixed(n.q1, 2)) | \(T.fixed(n.median, 2)) | \(T.fixed(n.q3, 2)) | \(T.fixed(n.max, 2)) | \(n.dk) | \(n.refused) |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// For a Markdown table cell: `|` escaped, line breaks as spaces.
    func replacingPipes() -> String {
        var out = ""
        for c in self {
            switch c {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}

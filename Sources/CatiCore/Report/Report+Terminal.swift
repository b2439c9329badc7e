/// `cati report` in a terminal: plain text that fits `width` columns, bar charts in
/// block characters, ANSI colour only when asked (a terminal, NO_COLOR unset).
extension Report {
    public func terminal(width: Int = 80, colour: Bool = false) -> String {
        var out: [String] = []
        func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func red(_ s: String) -> String { colour ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
        func green(_ s: String) -> String { colour ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
        func heading(_ s: String) { out.append(""); out.append(bold(s.uppercased())) }
        let T = ReportText.self

        out.append(bold(T.firstLine(title, width)))
        out += wrap("\(survey), version \(version) · \(T.count(completes)) complete interview\(completes == 1 ? "" : "s")"
            + (statuses.isEmpty ? "" : " · records: " + statuses.map { "\($0.0) \(T.count($0.1))" }.joined(separator: ", ")),
            width, indent: "  ")
        for notice in notices { out += wrap("! " + notice, width, indent: "  ") }
        guard completes > 0 else { return out.joined(separator: "\n") + "\n" }

        heading("Completes against targets")
        for q in quotas {
            out.append(T.firstLine(q.name + (q.title.map { " — " + $0 } ?? ""), width))
            let labelWidth = min(24, max(5, q.cells.map(\.label.count).max() ?? 5))
            for c in q.cells {
                let f = c.target > 0 ? Double(c.complete) / Double(c.target) : 0
                out.append("  " + T.padRight(c.label, labelWidth) + " " + T.padLeft("\(c.complete)/\(c.target)", 9) + " "
                    + T.bar(f, width: 20) + " " + T.padLeft(c.target > 0 ? "\(Int((100 * f).rounded()))%" : "–", 4))
            }
            let target = q.cells.reduce(0) { $0 + $1.target }, done = q.cells.reduce(0) { $0 + $1.complete }
            out.append("  " + T.padRight("total", labelWidth) + " " + T.padLeft("\(done)/\(target)", 9)
                + (q.outside > 0 ? "   (\(q.outside) in no cell)" : ""))
        }

        if let w = weighting {
            heading("Weights")
            out += wrap("Post-stratified to the \(w.source). Effective sample size \(T.fixed(w.effectiveN, 1)) of "
                + "\(T.count(completes)) (design effect \(T.fixed(w.designEffect, 3))); weights \(T.fixed(w.minWeight, 3))"
                + "–\(T.fixed(w.maxWeight, 3)).", width, indent: "")
            let labelWidth = min(30, max(5, w.cells.map(\.label.count).max() ?? 5))
            out.append("  " + T.padRight("cell", labelWidth) + T.padLeft("share", 8) + T.padLeft("completes", 11) + T.padLeft("weight", 9))
            for c in w.cells {
                out.append("  " + T.padRight(c.label, labelWidth) + T.padLeft(T.pct(100 * c.share), 8)
                    + T.padLeft("\(c.complete)", 11) + T.padLeft(T.fixed(c.weight, 3), 9))
            }
        }

        if !aspects.isEmpty {
            heading("Aspects by % dissatisfied")
            let nameWidth = min(14, aspects.map(\.name.count).max() ?? 5)
            for a in aspects {
                let flag = a.flag.map { $0 == .over10 ? red("over 10%") : green("under 5%") } ?? ""
                out.append("  " + T.padRight(a.name, nameWidth) + " " + T.padLeft(T.pct(a.dissatisfiedPct), 6) + " "
                    + T.bar(a.dissatisfiedPct / 25, width: 25) + " " + T.padLeft(a.weightedDissatisfiedPct.map { "w " + T.pct($0) } ?? "", 8)
                    + " " + flag)
            }
            let thresholds = Set(scales.map { "\($0.dissatisfiedMax) or less on \($0.range.lowerBound)–\($0.range.upperBound)" })
            out.append("  (dissatisfied: a mark of \(thresholds.sorted().joined(separator: "; ")); bar full at 25%; w = weighted)")
        }

        heading("Scales")
        for s in scales { out += scaleBlock(s, width: width, T: T) }

        if !multis.isEmpty {
            heading("Multiple choice (% of respondents)")
            for m in multis {
                out.append(bold(m.name) + " — " + T.firstLine(m.label, width - m.name.count - 3))
                out.append("  \(m.respondents) respondents" + (m.dk + m.refused > 0 ? ", \(m.dk) dk, \(m.refused) refused" : ""))
                for o in m.options {
                    out.append("  " + T.padRight(o.label, 26) + T.padLeft("\(o.count)", 6) + " " + T.padLeft(T.pct(o.pct), 6) + " "
                        + T.bar((o.pct ?? 0) / 100, width: 25) + (o.weightedPct.map { " w " + T.pct($0) } ?? ""))
                }
            }
        }
        if !numbers.isEmpty {
            heading("Numbers")
            for n in numbers {
                out.append(bold(n.name) + " — " + T.firstLine(n.label, width - n.name.count - 3))
                out.append("  n \(n.n)  mean \(T.fixed(n.mean, 2)) (\(T.interval(n.ci95)))  median \(T.fixed(n.median, 1))"
                    + "  Q1–Q3 \(T.fixed(n.q1, 1))–\(T.fixed(n.q3, 1))")
                out.append("  range \(T.fixed(n.min, 1))–\(T.fixed(n.max, 1))  " + (n.weightedMean.map { "weighted mean \(T.fixed($0, 2))  " } ?? "") + "dk \(n.dk), refused \(n.refused)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func scaleBlock(_ s: Scale, width: Int, T: ReportText.Type) -> [String] {
        var out = [""]
        out.append(T.firstLine(s.name + " — " + s.label, width))
        let f = s.figures
        if f.n == 0 {
            out.append("  no numeric answer" + (f.asked > 0 ? " (\(f.asked) asked: \(f.dk) dk, \(f.refused) refused)" : " (never asked)"))
            return out
        }
        out.append("  n \(f.n)  mean \(T.fixed(f.mean, 2))  95% CI \(T.interval(f.ci95))  sd \(T.fixed(f.sd, 2))  "
            + "dissatisfied \(T.pct(f.dissatisfiedPct))  dk/ref \(T.pct(f.missingPct))")
        if let w = s.weighted {
            out.append("  weighted: mean \(T.fixed(w.mean, 2))  95% CI \(T.interval(w.ci95))  dissatisfied \(T.pct(w.dissatisfiedPct))"
                + "  n_eff \(T.fixed(w.effectiveN, 0))")
        }
        let top = max(1, s.distribution.max() ?? 1)
        for (i, c) in s.distribution.enumerated() {
            let mark = s.range.lowerBound + i
            let share = f.n > 0 ? 100 * Double(c) / Double(f.n) : 0
            out.append("  " + T.padLeft("\(mark)", 3) + " " + T.bar(Double(c) / Double(top), width: 36) + " "
                + T.padLeft(T.pct(share), 6) + T.padLeft("\(c)", 7) + (mark == s.dissatisfiedMax ? "  ← dissatisfied ≤ here" : ""))
        }
        for b in s.by {
            out.append("  " + T.padRight("by " + b.name, 28) + T.padLeft("n", 6) + T.padLeft("mean", 7) + T.padLeft("95% CI", 13)
                + T.padLeft("dissat.", 9) + T.padLeft("w.mean", 8))
            for g in b.groups {
                out.append("  " + T.padRight("  " + g.label, 28) + T.padLeft("\(g.figures.n)", 6) + T.padLeft(T.fixed(g.figures.mean, 2), 7)
                    + T.padLeft(T.interval(g.figures.ci95), 13) + T.padLeft(T.pct(g.figures.dissatisfiedPct), 9)
                    + T.padLeft(T.fixed(g.weighted?.mean, 2), 8))
            }
        }
        return out
    }

    /// Words wrapped to `width`, continuation lines indented.
    func wrap(_ text: String, _ width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.isEmpty || line == indent ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

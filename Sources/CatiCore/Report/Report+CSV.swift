/// `cati report --format csv`: one long table, one row per figure set, for a
/// spreadsheet: scales (overall and per breakdown group), multiple-choice codes, numbers.
extension Report {
    public var csv: String {
        let T = ReportText.self
        var rows: [[String]] = [["kind", "question", "by", "code", "label", "n", "asked", "mean", "ci_low", "ci_high", "sd",
                                 "dissatisfied_pct", "dk_pct", "pct", "weighted_mean", "weighted_ci_low", "weighted_ci_high",
                                 "weighted_dissatisfied_pct", "weighted_pct", "effective_n"]]
        func n(_ x: Double?, _ d: Int) -> String { T.fixed(x, d, none: "") }
        func scaleRow(_ name: String, by: String, code: String, label: String, _ f: Figures, _ w: Figures?) -> [String] {
            ["scale", name, by, code, label, "\(f.n)", "\(f.asked)", n(f.mean, 4), n(f.ci95?.0, 4), n(f.ci95?.1, 4), n(f.sd, 4),
             n(f.dissatisfiedPct, 2), n(f.missingPct, 2), "", n(w?.mean, 4), n(w?.ci95?.0, 4), n(w?.ci95?.1, 4),
             n(w?.dissatisfiedPct, 2), "", n(w?.effectiveN, 1)]
        }
        for s in scales {
            rows.append(scaleRow(s.name, by: "", code: "", label: s.label, s.figures, s.weighted))
            for b in s.by {
                for g in b.groups { rows.append(scaleRow(s.name, by: b.name, code: "\(g.code)", label: g.label, g.figures, g.weighted)) }
            }
        }
        for m in multis {
            for o in m.options {
                rows.append(["multi", m.name, "", "\(o.code)", o.label, "\(o.count)", "\(m.respondents + m.dk + m.refused)", "", "", "",
                             "", "", "", n(o.pct, 2), "", "", "", "", n(o.weightedPct, 2), ""])
            }
        }
        for x in numbers {
            rows.append(["number", x.name, "", "", x.label, "\(x.n)", "\(x.n + x.dk + x.refused)", n(x.mean, 4), n(x.ci95?.0, 4),
                         n(x.ci95?.1, 4), n(x.sd, 4), "", "", "", n(x.weightedMean, 4), "", "", "", "", ""])
        }
        return rows.map { $0.map(Report.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }
}

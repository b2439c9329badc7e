/// `cati report --format html`: one self-contained page (inline CSS, inline SVG charts,
/// no script, no external file) that prints cleanly on A4.
extension Report {
    public var html: String {
        let T = ReportText.self
        var b: [String] = []
        b.append("<!DOCTYPE html>\n<html lang=\"\(languageTag)\"><head><meta charset=\"utf-8\">")
        b.append("<title>\(esc(title))</title>\n<style>\(Report.css)</style></head><body>")
        b.append("<h1>\(esc(title))</h1>")
        b.append("<p class=\"meta\">Survey <code>\(esc(survey))</code>, version \(version): <strong>\(T.count(completes)) complete interview\(completes == 1 ? "" : "s")</strong>"
            + (statuses.isEmpty ? "" : ". Records: " + statuses.map { "\(esc($0.0)) \(T.count($0.1))" }.joined(separator: ", ")) + ".</p>")
        for n in notices { b.append("<p class=\"notice\">\(esc(n))</p>") }
        if completes > 0 {
            if !aspects.isEmpty { b.append(aspectSection()) }
            b.append(quotaSection())
            if let w = weighting { b.append(weightSection(w)) }
            b.append("<h2>Scales</h2>")
            for s in scales { b.append(scaleSection(s)) }
            if !multis.isEmpty { b.append(multiSection()) }
            if !numbers.isEmpty { b.append(numberSection()) }
        }
        b.append("</body></html>\n")
        return b.joined(separator: "\n")
    }

    private var languageTag: String { "en" }

    static let css = """
    body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;font-size:14px}
    h1{font-size:1.5rem;margin-bottom:.2rem}h2{border-bottom:2px solid #3b6ea5;padding-bottom:.2rem;margin-top:2rem}
    h3{margin:1.2rem 0 .3rem}table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.15rem .5rem;border-bottom:1px solid #ddd;text-align:right}
    th:first-child,td:first-child{text-align:left}.meta{color:#555}.notice{background:#fff4d6;border-left:4px solid #e0a800;padding:.3rem .6rem}
    .over{color:#b00020;font-weight:bold}.under{color:#1b7a35;font-weight:bold}section.scale{page-break-inside:avoid;break-inside:avoid}
    .label{color:#555;margin:.1rem 0 .4rem}svg{display:block;margin:.3rem 0}svg text{font-family:"DejaVu Sans",Arial,sans-serif}
    @media print{body{margin:0;max-width:none;font-size:11px}h2{page-break-after:avoid}table,svg{page-break-inside:avoid}}
    """

    private func esc(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    private func num(_ x: Double) -> String { NumberFormat.formatFixed(x, decimals: 1) }

    private func aspectSection() -> String {
        let T = ReportText.self
        let rowH = 24, labelW = 300, chartW = 360, width = labelW + chartW + 80
        let top = max(15, (aspects.map(\.dissatisfiedPct).max() ?? 0) * 1.1)
        var svg = "<svg class=\"chart aspects\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(rowH * aspects.count + 30)\" role=\"img\" aria-label=\"Aspects by percent dissatisfied\">"
        for (mark, colour) in [(5.0, "#1b7a35"), (10.0, "#b00020")] where mark <= top {
            let x = Double(labelW) + Double(chartW) * mark / top
            svg += "<line x1=\"\(num(x))\" y1=\"0\" x2=\"\(num(x))\" y2=\"\(rowH * aspects.count)\" stroke=\"\(colour)\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(num(x))\" y=\"\(rowH * aspects.count + 14)\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(colour)\">\(Int(mark))%</text>"
        }
        for (k, a) in aspects.enumerated() {
            let y = k * rowH
            let w = Double(chartW) * a.dissatisfiedPct / top
            let colour = a.flag == .over10 ? "#b00020" : a.flag == .under5 ? "#1b7a35" : "#3b6ea5"
            svg += "<text x=\"\(labelW - 6)\" y=\"\(y + 16)\" font-size=\"12\" text-anchor=\"end\">\(esc(a.label.count > 42 ? String(a.label.prefix(41)) + "…" : a.label))</text>"
            svg += "<rect x=\"\(labelW)\" y=\"\(y + 4)\" width=\"\(num(w))\" height=\"\(rowH - 8)\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(num(Double(labelW) + w + 4))\" y=\"\(y + 16)\" font-size=\"12\">\(T.pct(a.dissatisfiedPct))</text>"
        }
        svg += "</svg>"
        let under = aspects.filter { $0.flag == .under5 }.map { esc($0.name) }, over = aspects.filter { $0.flag == .over10 }.map { esc($0.name) }
        return "<h2>Aspects by % dissatisfied</h2>\(svg)<p>Under 5% dissatisfied: <span class=\"under\">\(under.isEmpty ? "none" : under.joined(separator: ", "))</span>. "
            + "Over 10%: <span class=\"over\">\(over.isEmpty ? "none" : over.joined(separator: ", "))</span>.</p>"
    }

    private func quotaSection() -> String {
        let T = ReportText.self
        var h = "<h2>Completes against targets</h2>"
        for q in quotas {
            h += "<h3>\(esc(q.name))\(q.title.map { " — " + esc($0) } ?? "")</h3><table><tr><th>cell</th><th>target</th><th>complete</th><th>%</th><th></th></tr>"
            for c in q.cells {
                let f = c.target > 0 ? min(1, Double(c.complete) / Double(c.target)) : 0
                h += "<tr><td>\(esc(c.label))</td><td>\(c.target)</td><td>\(c.complete)</td><td>\(c.target > 0 ? T.pct(100 * Double(c.complete) / Double(c.target)) : "–")</td>"
                    + "<td><svg width=\"120\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"120\" height=\"10\" fill=\"#e6e6e6\"/><rect width=\"\(num(120 * f))\" height=\"10\" fill=\"#3b6ea5\"/></svg></td></tr>"
            }
            h += "</table>"
        }
        return h
    }

    private func weightSection(_ w: Weighting) -> String {
        let T = ReportText.self
        var h = "<h2>Weights</h2><p>Post-stratified to the \(esc(w.source)). Effective sample size \(T.fixed(w.effectiveN, 1)) of \(completes) "
            + "(design effect \(T.fixed(w.designEffect, 3))); weights from \(T.fixed(w.minWeight, 3)) to \(T.fixed(w.maxWeight, 3)).</p>"
        h += "<table><tr><th>cell</th><th>population share</th><th>completes</th><th>weight</th></tr>"
        for c in w.cells { h += "<tr><td>\(esc(c.label))</td><td>\(T.pct(100 * c.share))</td><td>\(c.complete)</td><td>\(T.fixed(c.weight, 3))</td></tr>" }
        return h + "</table>"
    }

    private func scaleSection(_ s: Scale) -> String {
        let T = ReportText.self
        let f = s.figures
        var h = "<section class=\"scale\"><h3>\(esc(s.name))</h3><p class=\"label\">\(esc(s.label))</p>"
        h += "<table><tr><th></th><th>n</th><th>mean</th><th>95% CI</th><th>sd</th><th>% dissatisfied (≤ \(s.dissatisfiedMax))</th><th>% dk/refused</th></tr>"
        h += "<tr><td>unweighted</td><td>\(f.n)</td><td>\(T.fixed(f.mean, 2))</td><td>\(T.interval(f.ci95))</td><td>\(T.fixed(f.sd, 2))</td><td>\(T.pct(f.dissatisfiedPct))</td><td>\(T.pct(f.missingPct))</td></tr>"
        if let w = s.weighted {
            h += "<tr><td>weighted (n<sub>eff</sub> \(T.fixed(w.effectiveN, 0)))</td><td>\(w.n)</td><td>\(T.fixed(w.mean, 2))</td><td>\(T.interval(w.ci95))</td><td>\(T.fixed(w.sd, 2))</td><td>\(T.pct(w.dissatisfiedPct))</td><td>\(T.pct(w.missingPct))</td></tr>"
        }
        h += "</table>"
        if f.n > 0 { h += distributionChart(s) } else { h += "<p class=\"notice\">No numeric answer: no mean.</p>" }
        for b in s.by {
            h += "<table><tr><th>by \(esc(b.name))</th><th>n</th><th>mean</th><th>95% CI</th><th>% dissatisfied</th><th>weighted mean</th></tr>"
            for g in b.groups {
                h += "<tr><td>\(esc(g.label))</td><td>\(g.figures.n)</td><td>\(T.fixed(g.figures.mean, 2))</td><td>\(T.interval(g.figures.ci95))</td>"
                    + "<td>\(T.pct(g.figures.dissatisfiedPct))</td><td>\(T.fixed(g.weighted?.mean, 2))</td></tr>"
            }
            h += "</table>" + meansChart(s, b)
        }
        return h + "</section>"
    }

    /// Columns per mark, the dissatisfied ones in red.
    private func distributionChart(_ s: Scale) -> String {
        let colW = 40, chartH = 120, n = max(1, s.figures.n)
        let top = Double(max(1, s.distribution.max() ?? 1))
        var svg = "<svg class=\"chart distribution\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(colW * s.distribution.count + 20)\" height=\"\(chartH + 40)\" role=\"img\" aria-label=\"Distribution of \(esc(s.name))\">"
        for (i, c) in s.distribution.enumerated() {
            let mark = s.range.lowerBound + i
            let hgt = Double(chartH) * Double(c) / top
            let x = 10 + i * colW
            svg += "<rect x=\"\(x + 4)\" y=\"\(num(Double(chartH) - hgt + 14))\" width=\"\(colW - 8)\" height=\"\(num(hgt))\" fill=\"\(mark <= s.dissatisfiedMax ? "#c8553d" : "#3b6ea5")\"/>"
            svg += "<text x=\"\(x + colW / 2)\" y=\"\(num(Double(chartH) - hgt + 10))\" font-size=\"10\" text-anchor=\"middle\">\(Int((100 * Double(c) / Double(n)).rounded()))%</text>"
            svg += "<text x=\"\(x + colW / 2)\" y=\"\(chartH + 30)\" font-size=\"12\" text-anchor=\"middle\">\(mark)</text>"
        }
        return svg + "</svg>"
    }

    /// Each group's mean with its 95% interval, on the scale's range.
    private func meansChart(_ s: Scale, _ b: Breakdown) -> String {
        let rowH = 20, labelW = 260, chartW = 360
        let lo = Double(s.range.lowerBound), hi = Double(s.range.upperBound)
        func x(_ v: Double) -> String { num(Double(labelW) + Double(chartW) * (v - lo) / max(1, hi - lo)) }
        var svg = "<svg class=\"chart means\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelW + chartW + 20)\" height=\"\(rowH * b.groups.count + 24)\" role=\"img\" aria-label=\"Mean of \(esc(s.name)) by \(esc(b.name))\">"
        svg += "<line x1=\"\(x(lo))\" y1=\"\(rowH * b.groups.count + 2)\" x2=\"\(x(hi))\" y2=\"\(rowH * b.groups.count + 2)\" stroke=\"#999\"/>"
        for v in s.range { svg += "<text x=\"\(x(Double(v)))\" y=\"\(rowH * b.groups.count + 16)\" font-size=\"10\" text-anchor=\"middle\">\(v)</text>" }
        for (k, g) in b.groups.enumerated() {
            let y = k * rowH + rowH / 2
            svg += "<text x=\"\(labelW - 6)\" y=\"\(y + 4)\" font-size=\"11\" text-anchor=\"end\">\(esc(g.label.count > 38 ? String(g.label.prefix(37)) + "…" : g.label))</text>"
            if let ci = g.figures.ci95 {
                svg += "<line x1=\"\(x(max(lo, ci.0)))\" y1=\"\(y)\" x2=\"\(x(min(hi, ci.1)))\" y2=\"\(y)\" stroke=\"#3b6ea5\" stroke-width=\"2\"/>"
            }
            if let m = g.figures.mean { svg += "<circle cx=\"\(x(m))\" cy=\"\(y)\" r=\"4\" fill=\"#3b6ea5\"/>" }
        }
        return svg + "</svg>"
    }

    private func multiSection() -> String {
        let T = ReportText.self
        var h = "<h2>Multiple choice</h2>"
        for m in multis {
            h += "<section class=\"scale\"><h3>\(esc(m.name))</h3><p class=\"label\">\(esc(m.label))</p><p>\(m.respondents) respondents.</p>"
                + "<table><tr><th>label</th><th>code</th><th>count</th><th>% of respondents</th><th>weighted %</th><th></th></tr>"
            for o in m.options {
                h += "<tr><td>\(esc(o.label))</td><td>\(o.code)</td><td>\(o.count)</td><td>\(T.pct(o.pct))</td><td>\(T.pct(o.weightedPct))</td>"
                    + "<td><svg width=\"150\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"\(num(1.5 * (o.pct ?? 0)))\" height=\"10\" fill=\"#3b6ea5\"/></svg></td></tr>"
            }
            h += "</table></section>"
        }
        return h
    }

    private func numberSection() -> String {
        let T = ReportText.self
        var h = "<h2>Numbers</h2><table><tr><th>question</th><th>n</th><th>mean</th><th>95% CI</th><th>weighted mean</th><th>Q1</th><th>median</th><th>Q3</th><th>dk</th></tr>"
        for n in numbers {
            h += "<tr><td>\(esc(n.name))</td><td>\(n.n)</td><td>\(T.fixed(n.mean, 2))</td><td>\(T.interval(n.ci95))</td><td>\(T.fixed(n.weightedMean, 2))</td>"
                + "<td>\(T.fixed(n.q1, 1))</td><td>\(T.fixed(n.median, 1))</td><td>\(T.fixed(n.q3, 1))</td><td>\(n.dk)</td></tr>"
        }
        return h + "</table>"
    }
}

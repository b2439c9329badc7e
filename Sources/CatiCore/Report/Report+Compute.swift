extension Report {
    /// The report of a finished tally.
    public init(tally t: ReportTally) {
        let plan = t.plan
        let q = plan.questionnaire
        survey = q.survey
        title = q.title
        version = q.version
        versions = plan.options.versions
        completes = t.completes
        statuses = t.statuses.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        completesByVersion = t.completesByVersion.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        otherVersionCompletes = t.otherVersionCompletes
        otherFileCompletes = t.otherFileCompletes

        quotas = plan.quotas.enumerated().map { k, slots in
            QuotaProgress(name: slots.quota.name, title: slots.quota.title,
                          cells: slots.quota.cells.enumerated().map { c, cell in
                              QuotaCell(label: cell.label, target: cell.target, complete: t.quotaCounts[k][c])
                          },
                          outside: t.quotaCounts[k].last ?? 0)
        }

        let weights = Report.strataWeights(t)
        weighting = weights.map { Report.weighting(t, $0) }

        var scales: [Scale] = []
        for (k, spec) in plan.scales.enumerated() {
            let figures = Report.figures(t, scale: k, group: 0, weights: nil)
            let weighted = weights.map { Report.figures(t, scale: k, group: 0, weights: $0) }
            var distribution = Array(repeating: 0, count: spec.bins)
            for s in 0..<t.strataCount {
                for (i, c) in t.counts(scale: k, group: 0, stratum: s).prefix(spec.bins).enumerated() { distribution[i] += c }
            }
            let by = plan.breakdowns.map { b in
                Breakdown(name: b.name, groups: b.options.enumerated().map { i, option in
                    Group(code: option.code, label: option.label,
                          figures: Report.figures(t, scale: k, group: b.firstGroup + i, weights: nil),
                          weighted: weights.map { Report.figures(t, scale: k, group: b.firstGroup + i, weights: $0) })
                })
            }
            scales.append(Scale(name: spec.name, label: spec.label, range: spec.range, dissatisfiedMax: spec.dissatisfiedMax,
                                figures: figures, weighted: weighted, distribution: distribution, by: by))
        }
        self.scales = scales
        multis = plan.multis.enumerated().map { k, spec in Report.multi(t, k, spec, weights) }
        numbers = plan.numbers.enumerated().map { k, spec in Report.number(t, k, spec, weights) }

        aspects = scales.compactMap { s -> Aspect? in
            guard let pct = s.figures.dissatisfiedPct else { return nil }
            let flag: Aspect.Flag? = pct > 10 ? .over10 : pct < 5 ? .under5 : nil
            return Aspect(name: s.name, label: s.label, dissatisfiedPct: pct,
                          weightedDissatisfiedPct: s.weighted?.dissatisfiedPct, flag: flag)
        }.sorted { $0.dissatisfiedPct != $1.dissatisfiedPct ? $0.dissatisfiedPct > $1.dissatisfiedPct : $0.name < $1.name }

        var notices: [String] = []
        let records = t.statuses.values.reduce(0, +)
        if t.completes == 0 {
            notices.append(records == 0
                ? "No interviews yet: the data holds no record, so there is nothing to report."
                : "No complete interviews among the \(records) records\(t.otherVersionCompletes > 0 ? " of this version" : ""): there is nothing to report yet.")
        }
        if t.otherVersionCompletes > 0 {
            let others = t.completesByVersion.filter { !t.keeps(version: $0.key) }.sorted { $0.key < $1.key }
                .map { "version \($0.key): \($0.value)" }.joined(separator: ", ")
            let unversioned = t.otherVersionCompletes - t.completesByVersion.filter { !t.keeps(version: $0.key) }.values.reduce(0, +)
            notices.append("\(t.otherVersionCompletes) complete interview\(t.otherVersionCompletes == 1 ? " is" : "s are") "
                + "of another questionnaire version (\(others)\(unversioned > 0 ? (others.isEmpty ? "" : ", ") + "no version: \(unversioned)" : "")) "
                + "and not in these figures; --version all includes them, --version N reports version N.")
        }
        if t.otherFileCompletes > 0 {
            notices.append("\(t.otherFileCompletes) of these complete interview\(t.otherFileCompletes == 1 ? " was" : "s were") recorded with "
                + "another file of the questionnaire (its questionnaire_sha256 differs, the version does not): "
                + "if codes or scales changed without a new version, their answers may not mean the same.")
        }
        if t.outOfRange > 0 {
            notices.append("\(t.outOfRange) mark\(t.outOfRange == 1 ? " is" : "s are") outside the scale's range and left out (another questionnaire version?).")
        }
        for s in scales where s.figures.asked > 0 && s.figures.n == 0 {
            notices.append("\(s.name): every answer is don't know or refused (\(s.figures.asked) asked): no mean.")
        }
        if let w = weighting {
            let empty = w.cells.filter { $0.weight == nil && $0.share > 0 }
            if !empty.isEmpty, t.completes > 0 {
                notices.append("Weights: \(empty.count) cell\(empty.count == 1 ? " has" : "s have") no complete yet "
                    + "(\(empty.prefix(5).map(\.label).joined(separator: "; "))\(empty.count > 5 ? "; …" : "")); "
                    + "the other cells' shares are scaled up to stand for them.")
            }
            if w.outside > 0 {
                notices.append("Weights: \(w.outside) complete\(w.outside == 1 ? " is" : "s are") in no weighting cell and keep weight 1.")
            }
        }
        self.notices = notices
    }

    /// Weight per stratum (the last: outside every cell, weight 1); nil when unweighted.
    static func strataWeights(_ t: ReportTally) -> [Double]? {
        let cells = t.plan.strata.cells
        guard !cells.isEmpty else { return nil }
        let covered = cells.indices.filter { t.strataCounts[$0] > 0 }
        let coveredShare = covered.reduce(0.0) { $0 + cells[$1].share }
        let inside = covered.reduce(0) { $0 + t.strataCounts[$1] }
        var weights = Array(repeating: 0.0, count: cells.count + 1)
        for s in covered where coveredShare > 0 {
            weights[s] = cells[s].share / coveredShare * Double(inside) / Double(t.strataCounts[s])
        }
        weights[cells.count] = 1
        return weights
    }

    static func weighting(_ t: ReportTally, _ weights: [Double]) -> Weighting {
        var m = Moments()
        for s in 0..<t.strataCount { m.add(0, count: t.strataCounts[s], weight: weights[s]) }
        let used = (0..<t.strataCount).filter { t.strataCounts[$0] > 0 }.map { weights[$0] }
        return Weighting(
            source: t.plan.strata.source,
            cells: t.plan.strata.cells.enumerated().map { s, cell in
                WeightCell(label: cell.label, share: cell.share, complete: t.strataCounts[s],
                           weight: t.strataCounts[s] > 0 ? weights[s] : nil)
            },
            outside: t.strataCounts.last ?? 0,
            effectiveN: m.effectiveN,
            designEffect: m.effectiveN > 0 ? Double(m.n) / m.effectiveN : 1,
            minWeight: used.min() ?? 1, maxWeight: used.max() ?? 1)
    }

    static func figures(_ t: ReportTally, scale k: Int, group g: Int, weights: [Double]?) -> Figures {
        let spec = t.plan.scales[k]
        var f = Figures()
        var m = Moments()
        var dissatisfied = 0.0
        var missingW = 0.0, askedW = 0.0
        var marks = Array(repeating: 0.0, count: spec.bins)
        for s in 0..<t.strataCount {
            let w = weights?[s] ?? 1
            let counts = t.counts(scale: k, group: g, stratum: s)
            let base = counts.startIndex
            for i in 0..<spec.bins {
                let c = counts[base + i]
                guard c > 0 else { continue }
                let mark = spec.range.lowerBound + i
                m.add(Double(mark), count: c, weight: w)
                marks[i] += Double(c) * w
                if mark <= spec.dissatisfiedMax { dissatisfied += Double(c) * w }
            }
            let dk = counts[base + spec.bins], refused = counts[base + spec.bins + 1]
            f.dk += dk
            f.refused += refused
            missingW += Double(dk + refused) * w
            askedW += Double(dk + refused) * w
        }
        askedW += m.w
        f.n = m.n
        f.asked = m.n + f.dk + f.refused
        f.mean = m.mean
        f.sd = m.sd
        f.ci95 = m.ci95
        f.effectiveN = m.effectiveN
        if m.w > 0 {
            f.dissatisfiedPct = 100 * dissatisfied / m.w
            f.distributionPct = marks.map { 100 * $0 / m.w }
        }
        if askedW > 0 { f.missingPct = 100 * missingW / askedW }
        return f
    }

    static func multi(_ t: ReportTally, _ k: Int, _ spec: ReportPlan.Multi, _ weights: [Double]?) -> Multi {
        let width = 3 + spec.options.count
        var respondents = 0, dk = 0, refused = 0
        var counts = Array(repeating: 0, count: spec.options.count)
        var answeredW = 0.0
        var countsW = Array(repeating: 0.0, count: spec.options.count)
        for s in 0..<t.strataCount {
            let w = weights?[s] ?? 1
            let row = t.multiCounts[k][(s * width)..<((s + 1) * width)]
            let b = row.startIndex
            let answered = row[b] - row[b + 1] - row[b + 2]
            respondents += answered
            dk += row[b + 1]
            refused += row[b + 2]
            answeredW += Double(answered) * w
            for i in 0..<spec.options.count {
                counts[i] += row[b + 3 + i]
                countsW[i] += Double(row[b + 3 + i]) * w
            }
        }
        return Multi(name: spec.name, label: spec.label, respondents: respondents, dk: dk, refused: refused,
                     options: spec.options.enumerated().map { i, o in
                         MultiOption(code: o.code, label: o.label, count: counts[i],
                                     pct: respondents > 0 ? 100 * Double(counts[i]) / Double(respondents) : nil,
                                     weightedPct: weights != nil && answeredW > 0 ? 100 * countsW[i] / answeredW : nil)
                     })
    }

    static func number(_ t: ReportTally, _ k: Int, _ spec: ReportPlan.Number, _ weights: [Double]?) -> Number {
        var all: [Double: Int] = [:]
        var m = Moments(), mw = Moments()
        var dk = 0, refused = 0
        for s in 0..<t.strataCount {
            for (value, count) in t.numberValues[k][s] {
                all[value, default: 0] += count
                m.add(value, count: count)
                mw.add(value, count: count, weight: weights?[s] ?? 1)
            }
            dk += t.numberMissing[k][2 * s]
            refused += t.numberMissing[k][2 * s + 1]
        }
        let sorted = all.sorted { $0.key < $1.key }
        return Number(name: spec.name, label: spec.label, n: m.n, dk: dk, refused: refused, mean: m.mean,
                      weightedMean: weights == nil ? nil : mw.mean, sd: m.sd, ci95: m.ci95,
                      min: sorted.first?.key, q1: quantile(sorted, n: m.n, 0.25), median: quantile(sorted, n: m.n, 0.5),
                      q3: quantile(sorted, n: m.n, 0.75), max: sorted.last?.key)
    }

    /// The p-quantile by linear interpolation between order statistics (R's type 7,
    /// pandas' and numpy's default), from value counts in ascending order.
    static func quantile(_ sorted: [(key: Double, value: Int)], n: Int, _ p: Double) -> Double? {
        guard n > 0 else { return nil }
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        func at(_ index: Int) -> Double {
            var seen = 0
            for (value, count) in sorted {
                seen += count
                if index < seen { return value }
            }
            return sorted.last!.key
        }
        let a = at(lo), b = at(min(lo + 1, n - 1))
        return a + (h - Double(lo)) * (b - a)
    }
}

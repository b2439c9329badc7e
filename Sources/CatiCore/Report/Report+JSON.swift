/// `cati report --format json`: the Report section of fieldwork.md (`completes`, and per
/// scale and grid item `name`, `n`, `mean`, `ci95`, `dissatisfied_pct`, `dk_pct`, `by`),
/// plus documented extensions (docs/report.md). Means and intervals are rounded to 2
/// decimals, percentages to 1; a figure that cannot be computed is null.
extension Report {
    public var json: JSON {
        var top: [(String, JSON)] = [("completes", .int(completes))]
        top.append(("questions", .array(scales.map(Report.json))))
        top.append(("survey", .string(survey)))
        top.append(("version", .int(version)))
        top.append(("records", .object(statuses.map { ($0.0, .int($0.1)) })))
        top.append(("completes_by_version", .object(completesByVersion.map { (String($0.0), .int($0.1)) })))
        top.append(("other_versions_excluded", .int(otherVersionCompletes)))
        top.append(("other_file_completes", .int(otherFileCompletes)))
        top.append(("quotas", .array(quotas.map { q in
            .object([("name", .string(q.name)), ("title", q.title.map(JSON.string) ?? .null),
                     ("cells", .array(q.cells.map { c in
                         .object([("cell", .string(c.label)), ("target", .int(c.target)), ("complete", .int(c.complete))])
                     })),
                     ("target", .int(q.cells.reduce(0) { $0 + $1.target })),
                     ("complete", .int(q.cells.reduce(0) { $0 + $1.complete })), ("outside", .int(q.outside))])
        })))
        if let w = weighting {
            top.append(("weighting", .object([
                ("source", .string(w.source)),
                ("effective_n", Report.number(w.effectiveN, 1)),
                ("design_effect", Report.number(w.designEffect, 3)),
                ("min_weight", Report.number(w.minWeight, 4)), ("max_weight", Report.number(w.maxWeight, 4)),
                ("outside", .int(w.outside)),
                ("cells", .array(w.cells.map { c in
                    .object([("cell", .string(c.label)), ("share", Report.number(c.share, 6)), ("complete", .int(c.complete)),
                             ("weight", c.weight.map { Report.number($0, 6) } ?? .null)])
                })),
            ])))
        } else {
            top.append(("weighting", .null))
        }
        top.append(("aspects", .array(aspects.map { a in
            .object([("name", .string(a.name)), ("dissatisfied_pct", Report.number(a.dissatisfiedPct, 1)),
                     ("weighted_dissatisfied_pct", a.weightedDissatisfiedPct.map { Report.number($0, 1) } ?? .null),
                     ("flag", a.flag.map { .string($0 == .over10 ? "over_10" : "under_5") } ?? .null)])
        })))
        top.append(("multi", .array(multis.map { m in
            .object([("name", .string(m.name)), ("respondents", .int(m.respondents)), ("dk", .int(m.dk)),
                     ("refused", .int(m.refused)),
                     ("codes", .array(m.options.map { o in
                         .object([("code", .int(o.code)), ("label", .string(o.label)), ("count", .int(o.count)),
                                  ("pct", Report.optional(o.pct, 1)), ("weighted_pct", Report.optional(o.weightedPct, 1))])
                     }))])
        })))
        top.append(("numbers", .array(numbers.map { n in
            .object([("name", .string(n.name)), ("n", .int(n.n)), ("dk", .int(n.dk)), ("refused", .int(n.refused)),
                     ("mean", Report.optional(n.mean, 2)), ("ci95", Report.interval(n.ci95)), ("sd", Report.optional(n.sd, 2)),
                     ("weighted_mean", Report.optional(n.weightedMean, 2)),
                     ("min", Report.optional(n.min, 2)), ("q1", Report.optional(n.q1, 2)), ("median", Report.optional(n.median, 2)),
                     ("q3", Report.optional(n.q3, 2)), ("max", Report.optional(n.max, 2))])
        })))
        top.append(("notices", .array(notices.map(JSON.string))))
        return .object(top)
    }

    static func json(_ s: Scale) -> JSON {
        var members: [(String, JSON)] = [("name", .string(s.name))]
        members += core(s.figures)
        members.append(("by", .object(s.by.map { b in
            (b.name, .array(b.groups.map { g in
                var group: [(String, JSON)] = [("code", .int(g.code)), ("label", .string(g.label))]
                group += core(g.figures)
                if let w = g.weighted { group.append(("weighted", .object(core(w) + [("effective_n", number(w.effectiveN, 1))]))) }
                return .object(group)
            }))
        })))
        members.append(("label", .string(s.label)))
        members.append(("scale", .array([.int(s.range.lowerBound), .int(s.range.upperBound)])))
        members.append(("dissatisfied_max", .int(s.dissatisfiedMax)))
        members.append(("asked", .int(s.figures.asked)))
        members.append(("dk", .int(s.figures.dk)))
        members.append(("refused", .int(s.figures.refused)))
        members.append(("sd", optional(s.figures.sd, 2)))
        members.append(("distribution", .object(s.distribution.enumerated().map { (String(s.range.lowerBound + $0), .int($1)) })))
        if let w = s.weighted { members.append(("weighted", .object(core(w) + [("effective_n", number(w.effectiveN, 1))]))) }
        return .object(members)
    }

    /// The contract's members in its order: n, mean, ci95, dissatisfied_pct, dk_pct.
    static func core(_ f: Figures) -> [(String, JSON)] {
        [("n", .int(f.n)), ("mean", optional(f.mean, 2)), ("ci95", interval(f.ci95)),
         ("dissatisfied_pct", optional(f.dissatisfiedPct, 1)), ("dk_pct", optional(f.missingPct, 1))]
    }

    static func interval(_ ci: (Double, Double)?) -> JSON {
        guard let ci else { return .null }
        return .array([number(ci.0, 2), number(ci.1, 2)])
    }

    static func optional(_ x: Double?, _ decimals: Int) -> JSON { x.map { number($0, decimals) } ?? .null }

    static func number(_ x: Double, _ decimals: Int) -> JSON {
        guard x.isFinite else { return .null }
        return .double(rounded(x, decimals))
    }

    public static func rounded(_ x: Double, _ decimals: Int) -> Double {
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        return (x * scale).rounded() / scale
    }
}

/// The counts a report is computed from, built one complete interview at a time in
/// memory that does not grow with the number of records: for every scale and grid
/// item a histogram of its marks (plus dk and refused) per breakdown group and per
/// weighting stratum, so that weighted and unweighted figures, means, intervals and
/// shares all come from the same counts after one pass.
public struct ReportTally: Sendable {
    public let plan: ReportPlan
    /// Records read, by status (every version).
    public var statuses: [String: Int] = [:]
    /// Complete interviews counted in the report.
    public var completes = 0
    /// Complete interviews by questionnaire version (every version, kept or not).
    public var completesByVersion: [Int: Int] = [:]
    /// Complete interviews left out by the version filter.
    public var otherVersionCompletes = 0
    /// Reported completes recorded with another file of the questionnaire (same version).
    public var otherFileCompletes = 0
    /// Marks outside a scale's range (another version of the questionnaire, or damage).
    public var outOfRange = 0
    /// Per stratum (the last: outside every cell) the number of completes.
    public var strataCounts: [Int]
    /// Per scale: groups × strata × (marks + dk + refused).
    public var scaleCounts: [[Int]]
    /// Per multi: strata × (asked, dk, refused, then one per option).
    public var multiCounts: [[Int]]
    /// Per number: per stratum, count of each value; dk and refused per stratum.
    public var numberValues: [[[Double: Int]]]
    public var numberMissing: [[Int]]
    /// Per quota: per cell, completes (the last: outside every cell).
    public var quotaCounts: [[Int]]

    public var strataCount: Int { plan.strata.cells.count + 1 }

    /// Scratch space reused from record to record (no allocation per record).
    private var groupBuffer: [Int] = []
    private var codeBuffer: [Int] = []
    private var strataBuffer: [Int?] = []

    public init(plan: ReportPlan) {
        self.plan = plan
        let s = plan.strata.cells.count + 1
        strataCounts = Array(repeating: 0, count: s)
        scaleCounts = plan.scales.map { Array(repeating: 0, count: plan.groupCount * s * ($0.bins + 2)) }
        multiCounts = plan.multis.map { Array(repeating: 0, count: s * (3 + $0.options.count)) }
        numberValues = plan.numbers.map { _ in Array(repeating: [:], count: s) }
        numberMissing = plan.numbers.map { _ in Array(repeating: 0, count: 2 * s) }
        quotaCounts = plan.quotas.map { Array(repeating: 0, count: $0.quota.cells.count + 1) }
        groupBuffer.reserveCapacity(1 + plan.breakdowns.count)
        codeBuffer.reserveCapacity(8)
        strataBuffer.reserveCapacity(plan.strataSlots.count)
    }

    /// Adds another tally of the same plan (a part of the same file read on another core).
    public mutating func merge(_ other: ReportTally) {
        for (k, v) in other.statuses { statuses[k, default: 0] += v }
        completes += other.completes
        for (k, v) in other.completesByVersion { completesByVersion[k, default: 0] += v }
        otherVersionCompletes += other.otherVersionCompletes
        outOfRange += other.outOfRange
        otherFileCompletes += other.otherFileCompletes
        func add(_ a: inout [Int], _ b: [Int]) { for i in a.indices { a[i] += b[i] } }
        add(&strataCounts, other.strataCounts)
        for k in scaleCounts.indices { add(&scaleCounts[k], other.scaleCounts[k]) }
        for k in multiCounts.indices { add(&multiCounts[k], other.multiCounts[k]) }
        for k in numberMissing.indices { add(&numberMissing[k], other.numberMissing[k]) }
        for k in quotaCounts.indices { add(&quotaCounts[k], other.quotaCounts[k]) }
        for k in numberValues.indices {
            for s in numberValues[k].indices {
                for (value, count) in other.numberValues[k][s] { numberValues[k][s][value, default: 0] += count }
            }
        }
    }

    /// Whether a complete interview of this version is reported.
    public func keeps(version: Int?) -> Bool {
        switch plan.options.versions {
        case .all: return true
        case .current: return version == plan.questionnaire.version
        case .only(let v): return version == v
        }
    }

    /// Counts one record of any status; only a complete one of a kept version is tallied.
    public mutating func add(status: String, _ values: RecordValues) {
        statuses[status, default: 0] += 1
        guard status == "complete" else { return }
        if let v = values.version { completesByVersion[v, default: 0] += 1 }
        guard keeps(version: values.version) else {
            otherVersionCompletes += 1
            return
        }
        if values.otherFile { otherFileCompletes += 1 }
        addComplete(values)
    }

    mutating func addComplete(_ values: RecordValues) {
        completes += 1
        let stratum = stratum(of: values)
        strataCounts[stratum] += 1
        for (q, quota) in plan.quotas.enumerated() {
            codeBuffer.removeAll(keepingCapacity: true)
            for slot in quota.slots { if let c = values.code(slot) { codeBuffer.append(c) } }
            let cell = codeBuffer.count == quota.slots.count ? quota.quota.cells.firstIndex { $0.matches(codeBuffer) } : nil
            quotaCounts[q][cell ?? quota.quota.cells.count] += 1
        }
        // The groups this record belongs to: every complete, and one option per breakdown.
        groupBuffer.removeAll(keepingCapacity: true)
        groupBuffer.append(0)
        for b in plan.breakdowns {
            if let c = values.code(b.slot), let g = b.group(ofCode: c) { groupBuffer.append(g) }
        }
        let groups = groupBuffer
        let strata = strataCount
        for (k, scale) in plan.scales.enumerated() {
            let width = scale.bins + 2
            let bin: Int
            switch values.state[scale.slot] {
            case .absent: continue
            case .dk: bin = scale.bins
            case .refused: bin = scale.bins + 1
            case .value:
                guard let c = values.code(scale.slot), scale.range.contains(c) else { outOfRange += 1; continue }
                bin = c - scale.range.lowerBound
            }
            for g in groups { scaleCounts[k][(g * strata + stratum) * width + bin] += 1 }
        }
        for (k, multi) in plan.multis.enumerated() {
            let base = stratum * (3 + multi.options.count)
            switch values.state[multi.slot] {
            case .absent: continue
            case .dk: multiCounts[k][base] += 1; multiCounts[k][base + 1] += 1
            case .refused: multiCounts[k][base] += 1; multiCounts[k][base + 2] += 1
            case .value:
                multiCounts[k][base] += 1
                for code in values.codes[multi.slot] {
                    if let i = multi.options.firstIndex(where: { $0.code == code }) { multiCounts[k][base + 3 + i] += 1 }
                }
            }
        }
        for (k, number) in plan.numbers.enumerated() {
            switch values.state[number.slot] {
            case .absent: continue
            case .dk: numberMissing[k][2 * stratum] += 1
            case .refused: numberMissing[k][2 * stratum + 1] += 1
            case .value: numberValues[k][stratum][values.value[number.slot], default: 0] += 1
            }
        }
    }

    mutating func stratum(of values: RecordValues) -> Int {
        strataBuffer.removeAll(keepingCapacity: true)
        for slot in plan.strataSlots { strataBuffer.append(values.code(slot)) }
        return plan.strata.cell(for: strataBuffer) ?? plan.strata.cells.count
    }

    /// One scale's counts for a group and a stratum: marks low to high, then dk, refused.
    public func counts(scale k: Int, group g: Int, stratum s: Int) -> ArraySlice<Int> {
        let width = plan.scales[k].bins + 2
        let start = (g * strataCount + s) * width
        return scaleCounts[k][start..<(start + width)]
    }
}

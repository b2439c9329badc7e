/// Counts per time bucket (hour or minute numbers since 1970) for times that mostly
/// arrive in order: an array from the first bucket seen, a dictionary for anything
/// before it or too far after it. Adding is an array index, not a hash.
public struct TimeBuckets: Sendable, Equatable {
    private var base: Int?
    private var counts: [Int] = []
    private var others: [Int: Int] = [:]
    /// Buckets kept in the array at most (beyond: the dictionary).
    static let span = 1 << 20

    public init() {}

    public static func == (a: TimeBuckets, b: TimeBuckets) -> Bool { a.all == b.all }

    public mutating func add(_ bucket: Int, _ n: Int = 1) {
        if base == nil { base = bucket }
        let k = bucket - base!
        if k >= 0, k < Self.span {
            if k >= counts.count { counts += Array(repeating: 0, count: max(k + 1 - counts.count, counts.count / 2)) }
            counts[k] += n
        } else {
            others[bucket, default: 0] += n
        }
    }

    public subscript(bucket: Int) -> Int {
        guard let base, bucket - base >= 0, bucket - base < counts.count else { return others[bucket] ?? 0 }
        return counts[bucket - base] + (others[bucket] ?? 0)
    }

    /// Every non-empty bucket and its count.
    public var all: [Int: Int] {
        var out = others
        if let base { for (k, n) in counts.enumerated() where n > 0 { out[base + k, default: 0] += n } }
        return out
    }

    /// Sum of the buckets at or after `first`, and the number of non-empty buckets overall.
    public func total(from first: Int) -> Int {
        var sum = others.reduce(0) { $0 + ($1.key >= first ? $1.value : 0) }
        if let base { for k in max(0, first - base)..<max(max(0, first - base), counts.count) { sum += counts[k] } }
        return sum
    }

    public var nonEmpty: (buckets: Int, total: Int) {
        var buckets = others.count, total = others.values.reduce(0, +)
        for n in counts where n > 0 { buckets += 1; total += n }
        return (buckets, total)
    }

    public mutating func merge(_ other: TimeBuckets) {
        for (bucket, n) in other.all { add(bucket, n) }
    }
}

/// Interview lengths in whole seconds, counted per second (an exact median): an array
/// up to 6 hours, a dictionary beyond.
public struct LengthCounts: Sendable, Equatable {
    private var counts: [Int32] = []
    private var longer: [Int: Int] = [:]
    public private(set) var total = 0
    static let arrayLimit = 6 * 3600

    public init() {}

    public mutating func add(_ seconds: Int, _ n: Int = 1) {
        total += n
        if seconds < Self.arrayLimit {
            if seconds >= counts.count { counts += Array(repeating: 0, count: seconds + 1 - counts.count) }
            counts[seconds] += Int32(n)
        } else {
            longer[seconds, default: 0] += n
        }
    }

    public mutating func merge(_ other: LengthCounts) {
        for (s, n) in other.counts.enumerated() where n > 0 { add(s, Int(n)) }
        for (s, n) in other.longer { add(s, n) }
    }

    public static func == (a: LengthCounts, b: LengthCounts) -> Bool {
        func used(_ c: [Int32]) -> ArraySlice<Int32> { c[..<(c.lastIndex { $0 != 0 }.map { $0 + 1 } ?? 0)] }
        return a.total == b.total && a.longer == b.longer && used(a.counts) == used(b.counts)
    }

    /// The lower middle length (nil when empty).
    public var median: Int? {
        guard total > 0 else { return nil }
        var seen = 0
        for (s, n) in counts.enumerated() {
            seen += Int(n)
            if seen * 2 >= total { return s }
        }
        for (s, n) in longer.sorted(by: { $0.key < $1.key }) {
            seen += n
            if seen * 2 >= total { return s }
        }
        return nil
    }
}

/// Records per status: the five statuses of data.md in an array, any other in a dictionary.
public struct StatusCounts: Sendable, Equatable {
    private var known = [Int](repeating: 0, count: 5)
    private var other: [String: Int] = [:]

    public init() {}

    static func ordinal(_ s: InterviewStatus) -> Int {
        switch s {
        case .complete: 0
        case .screenedOut: 1
        case .overQuota: 2
        case .refused: 3
        case .breakOff: 4
        }
    }

    public subscript(_ s: InterviewStatus) -> Int { known[Self.ordinal(s)] }

    public mutating func add(_ record: MonitorRecord) {
        if let kind = record.kind { known[Self.ordinal(kind)] += 1 } else { other[record.status, default: 0] += 1 }
    }

    public mutating func merge(_ o: StatusCounts) {
        for k in 0..<5 { known[k] += o.known[k] }
        other.merge(o.other, uniquingKeysWith: +)
    }

    public var total: Int { known.reduce(0, +) + other.values.reduce(0, +) }

    /// Every status with records, by name.
    public var byName: [String: Int] {
        var out = other
        for s in InterviewStatus.allCases where self[s] > 0 { out[s.rawValue] = self[s] }
        return out
    }
}

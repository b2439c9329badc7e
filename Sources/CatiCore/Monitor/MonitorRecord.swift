/// What the supervisor screen keeps of one finished interview: who, how it ended,
/// when, and its quota cells. Built from a parsed record (`init?(json:)`, tests and
/// small files) or by the store's byte scanner (large files), never holding answers.
public struct MonitorRecord: Sendable, Equatable {
    public var interviewer: String
    public var status: String
    /// `status` as one of data.md's statuses (nil: another word).
    public var kind: InterviewStatus?
    /// Seconds since 1970; nil when the record has no readable time.
    public var started: Double?
    public var finished: Double?
    public var cells: [QuotaCellName]

    public init(interviewer: String, status: String, started: Double?, finished: Double?, cells: [QuotaCellName] = [],
                kind: InterviewStatus?? = nil) {
        self.interviewer = interviewer
        self.status = status
        self.kind = kind ?? InterviewStatus(rawValue: status)
        self.started = started
        self.finished = finished
        self.cells = cells
    }

    /// A record of data.md; nil when it is not an object with a status.
    public init?(json: JSON) {
        guard let status = json["status"]?.stringValue else { return nil }
        var cells: [QuotaCellName] = []
        for (quota, cell) in json["quota_cells"]?.objectMembers ?? [] {
            if let cell = cell.stringValue { cells.append(QuotaCellName(quota: quota, cell: cell)) }
        }
        self.init(interviewer: json["interviewer"]?.stringValue ?? "?", status: status,
                  started: json["started"]?.stringValue.flatMap(Timestamp.parse),
                  finished: json["finished"]?.stringValue.flatMap(Timestamp.parse), cells: cells)
    }

    /// Interview length in whole seconds (records carry whole seconds), when known.
    public var seconds: Int? {
        guard let started, let finished, finished >= started else { return nil }
        return Int(finished - started)
    }

    public var isComplete: Bool { kind == .complete }
}

/// A quota and one of its cells, as `quota_cells` writes them.
public struct QuotaCellName: Sendable, Hashable {
    public let quota: String
    public let cell: String

    public init(quota: String, cell: String) {
        self.quota = quota
        self.cell = cell
    }
}

extension Timestamp {
    /// `parse` on the bytes of a time as written by `rfc3339` (no String made).
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count == 20, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 90 else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                n = n * 10 + d
            }
            return n
        }
        guard let y0 = num(0, 4), let m = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let s = num(17, 2), (1...12).contains(m) else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + h * 3600 + mi * 60 + s)
    }
}

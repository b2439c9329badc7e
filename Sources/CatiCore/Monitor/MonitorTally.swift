/// Everything the supervisor screen counts from finished interviews, kept up to date
/// record by record (`add`), never by reading the whole file again. Two tallies of
/// different parts of a file merge (`merge`): a first long read is split between
/// processors. Nothing here depends on the clock: "today" and "the last hour" are
/// asked with a time (`MonitorFigures`).
public struct MonitorTally: Sendable {
    /// Seconds east of UTC of the supervisor's day (its midnight starts "today").
    public let utcOffset: Int
    public private(set) var records = 0
    public private(set) var statusCounts: [String: Int] = [:]
    /// Completes per quota and cell (`quota_cells` of complete records).
    public private(set) var completes: [String: [String: Int]] = [:]
    public private(set) var interviewers: [String: InterviewerTally] = [:]
    /// Completes per hour (hours since 1970, by `finished`), all quotas: "" ; per quota: its name.
    public private(set) var completesByHour: [String: [Int: Int]] = [:]
    /// Completes per minute (by `finished`), for the last hour's pace.
    public private(set) var completesByMinute: [Int: Int] = [:]
    /// Earliest `started` of all records, per day (the fieldwork's first day and each day's start).
    public private(set) var firstStarted: Double?
    public private(set) var dayFirstStarted: [Int: Double] = [:]

    public init(utcOffset: Int = 0) {
        self.utcOffset = utcOffset
    }

    /// The supervisor's day number of a time.
    public func day(of time: Double) -> Int { Self.floorDiv(Int(time) + utcOffset, 86_400) }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }

    public mutating func add(_ record: MonitorRecord) {
        records += 1
        statusCounts[record.status, default: 0] += 1
        let day = (record.finished ?? record.started).map(day(of:))
        interviewers[record.interviewer, default: InterviewerTally()].add(record, day: day)
        if let started = record.started {
            if firstStarted.map({ started < $0 }) ?? true { firstStarted = started }
            let d = self.day(of: started)
            if dayFirstStarted[d].map({ started < $0 }) ?? true { dayFirstStarted[d] = started }
        }
        guard record.isComplete else { return }
        for c in record.cells { completes[c.quota, default: [:]][c.cell, default: 0] += 1 }
        if let finished = record.finished {
            let hour = Self.floorDiv(Int(finished), 3600)
            completesByHour["", default: [:]][hour, default: 0] += 1
            for c in record.cells { completesByHour[c.quota, default: [:]][hour, default: 0] += 1 }
            completesByMinute[Self.floorDiv(Int(finished), 60), default: 0] += 1
        }
    }

    /// Adds the counts of another part of the records (read in parallel).
    public mutating func merge(_ other: MonitorTally) {
        records += other.records
        statusCounts.merge(other.statusCounts, uniquingKeysWith: +)
        for (q, cells) in other.completes { completes[q, default: [:]].merge(cells, uniquingKeysWith: +) }
        for (name, t) in other.interviewers { interviewers[name, default: InterviewerTally()].merge(t) }
        for (q, hours) in other.completesByHour { completesByHour[q, default: [:]].merge(hours, uniquingKeysWith: +) }
        completesByMinute.merge(other.completesByMinute, uniquingKeysWith: +)
        if let f = other.firstStarted, firstStarted.map({ f < $0 }) ?? true { firstStarted = f }
        dayFirstStarted.merge(other.dayFirstStarted, uniquingKeysWith: min)
    }

    public var totalCompletes: Int { statusCounts[InterviewStatus.complete.rawValue] ?? 0 }
}

/// One interviewer's figures: over the survey, and per day.
public struct InterviewerTally: Sendable, Equatable {
    public var total = PeriodTally()
    public var days: [Int: PeriodTally] = [:]
    public var lastFinished: Double?
    /// Call attempts and their outcomes: filled once calls are recorded (call
    /// outcomes, issue 13); empty until then, and the screen leaves the columns out.
    public var calls = CallTally()

    public init() {}

    mutating func add(_ record: MonitorRecord, day: Int?) {
        total.add(record)
        if let day { days[day, default: PeriodTally()].add(record) }
        if let f = record.finished, lastFinished.map({ f > $0 }) ?? true { lastFinished = f }
    }

    mutating func merge(_ other: InterviewerTally) {
        total.merge(other.total)
        for (d, p) in other.days { days[d, default: PeriodTally()].merge(p) }
        if let f = other.lastFinished, lastFinished.map({ f > $0 }) ?? true { lastFinished = f }
        calls.merge(other.calls)
    }
}

/// Interviews of one interviewer in a period: by status, time spent interviewing, and
/// the lengths' distribution in whole seconds (an exact median without keeping a
/// value per interview).
public struct PeriodTally: Sendable, Equatable {
    public var statusCounts: [String: Int] = [:]
    public var seconds = 0
    public var lengths: [Int: Int] = [:]
    public var interviews: Int { statusCounts.values.reduce(0, +) }

    public init() {}

    public func count(_ status: InterviewStatus) -> Int { statusCounts[status.rawValue] ?? 0 }

    mutating func add(_ record: MonitorRecord) {
        statusCounts[record.status, default: 0] += 1
        if let s = record.seconds {
            seconds += s
            lengths[s, default: 0] += 1
        }
    }

    mutating func merge(_ other: PeriodTally) {
        statusCounts.merge(other.statusCounts, uniquingKeysWith: +)
        seconds += other.seconds
        lengths.merge(other.lengths, uniquingKeysWith: +)
    }

    /// The median length in seconds (the lower middle value for an even count).
    public var medianSeconds: Int? {
        let n = lengths.values.reduce(0, +)
        guard n > 0 else { return nil }
        var seen = 0
        for (s, k) in lengths.sorted(by: { $0.key < $1.key }) {
            seen += k
            if seen * 2 >= n { return s }
        }
        return nil
    }

    /// Completes per hour spent interviewing; nil before any time was spent.
    public var completesPerHour: Double? {
        seconds > 0 ? Double(count(.complete)) * 3600 / Double(seconds) : nil
    }
}

/// Call attempts of one interviewer (see issue 13): the place for call figures.
public struct CallTally: Sendable, Equatable {
    public var attempts = 0
    public var outcomes: [String: Int] = [:]
    /// Seconds over which the attempts were made (for calls per hour).
    public var seconds = 0

    public init() {}

    public mutating func add(outcome: String, seconds: Int) {
        attempts += 1
        outcomes[outcome, default: 0] += 1
        self.seconds += seconds
    }

    mutating func merge(_ other: CallTally) {
        attempts += other.attempts
        outcomes.merge(other.outcomes, uniquingKeysWith: +)
        seconds += other.seconds
    }

    public var callsPerHour: Double? { seconds > 0 ? Double(attempts) * 3600 / Double(seconds) : nil }
}

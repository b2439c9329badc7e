/// Everything the supervisor screen counts from finished interviews, kept up to date
/// record by record (`add`), never by reading the whole file again. Two tallies of
/// different parts of a file merge (`merge`): a first long read is split between
/// processors. Nothing here depends on the clock: "today" and "the last hour" are
/// asked with a time (`MonitorFigures`).
public struct MonitorTally: Sendable {
    /// Seconds east of UTC of the supervisor's day (its midnight starts "today").
    public let utcOffset: Int
    public private(set) var records = 0
    public private(set) var statuses = StatusCounts()
    public var statusCounts: [String: Int] { statuses.byName }
    /// Completes per quota and cell (`quota_cells` of complete records).
    public private(set) var completes: [String: [String: Int]] = [:]
    public private(set) var interviewers: [String: InterviewerTally] = [:]
    /// Completes per hour (hours since 1970, by `finished`): of all quotas, and per quota.
    public private(set) var completesByHour = TimeBuckets()
    private var quotaHours: [(quota: String, hours: TimeBuckets)] = []
    /// Completes per minute (by `finished`), for the last hour's pace.
    public private(set) var completesByMinute = TimeBuckets()
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
        statuses.add(record)
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
            completesByHour.add(hour)
            for c in record.cells { addHour(c.quota, hour) }
            completesByMinute.add(Self.floorDiv(Int(finished), 60))
        }
    }

    private mutating func addHour(_ quota: String, _ hour: Int, _ n: Int = 1) {
        if let k = quotaHours.firstIndex(where: { $0.quota == quota }) {
            quotaHours[k].hours.add(hour, n)
        } else {
            var b = TimeBuckets()
            b.add(hour, n)
            quotaHours.append((quota, b))
        }
    }

    /// Completes per hour of one quota.
    public func completesByHour(of quota: String) -> TimeBuckets {
        quotaHours.first { $0.quota == quota }?.hours ?? TimeBuckets()
    }

    /// Adds the counts of another part of the records (read in parallel).
    public mutating func merge(_ other: MonitorTally) {
        records += other.records
        statuses.merge(other.statuses)
        for (q, cells) in other.completes { completes[q, default: [:]].merge(cells, uniquingKeysWith: +) }
        for (name, t) in other.interviewers { interviewers[name, default: InterviewerTally()].merge(t) }
        completesByHour.merge(other.completesByHour)
        for (q, hours) in other.quotaHours { for (h, n) in hours.all { addHour(q, h, n) } }
        completesByMinute.merge(other.completesByMinute)
        if let f = other.firstStarted, firstStarted.map({ f < $0 }) ?? true { firstStarted = f }
        dayFirstStarted.merge(other.dayFirstStarted, uniquingKeysWith: min)
    }

    public var totalCompletes: Int { statuses[.complete] }

    /// Puts each interviewer's call attempts in (they come from the call log, not from
    /// the records): an interviewer with calls and no interview yet is listed too.
    public mutating func setCalls(_ calls: [String: CallTally]) {
        for name in interviewers.keys { interviewers[name]?.calls = CallTally() }
        for (name, tally) in calls { interviewers[name, default: InterviewerTally()].calls = tally }
    }
}

/// One interviewer's figures: over the survey, and per day.
public struct InterviewerTally: Sendable, Equatable {
    public var total = PeriodTally()
    /// Per day, but the latest day added to, which is in `current`.
    private var earlierDays: [Int: PeriodTally] = [:]
    private var current: (day: Int, tally: PeriodTally)?
    public var lastFinished: Double?
    /// Call attempts and their outcomes: filled once calls are recorded (call
    /// outcomes, issue 13); empty until then, and the screen leaves the columns out.
    public var calls = CallTally()

    public init() {}

    public static func == (a: InterviewerTally, b: InterviewerTally) -> Bool {
        a.total == b.total && a.days == b.days && a.lastFinished == b.lastFinished && a.calls == b.calls
    }

    /// The interviews of one day.
    public func day(_ day: Int) -> PeriodTally? {
        current?.day == day ? current!.tally : earlierDays[day]
    }

    public var days: [Int: PeriodTally] {
        var out = earlierDays
        if let current { out[current.day] = current.tally }
        return out
    }

    private mutating func addToDay(_ day: Int, _ body: (inout PeriodTally) -> Void) {
        if current?.day != day {
            if let current { earlierDays[current.day] = current.tally }
            current = (day, earlierDays.removeValue(forKey: day) ?? PeriodTally())
        }
        body(&current!.tally)
    }

    mutating func add(_ record: MonitorRecord, day: Int?) {
        total.add(record)
        if let day { addToDay(day) { $0.add(record) } }
        if let f = record.finished, lastFinished.map({ f > $0 }) ?? true { lastFinished = f }
    }

    mutating func merge(_ other: InterviewerTally) {
        total.merge(other.total)
        for (d, p) in other.days { addToDay(d) { $0.merge(p) } }
        if let f = other.lastFinished, lastFinished.map({ f > $0 }) ?? true { lastFinished = f }
        calls.merge(other.calls)
    }
}

/// Interviews of one interviewer in a period: by status, time spent interviewing, and
/// the lengths' distribution in whole seconds (an exact median without keeping a
/// value per interview).
public struct PeriodTally: Sendable, Equatable {
    public var statuses = StatusCounts()
    public var seconds = 0
    public var lengths = LengthCounts()
    public var interviews: Int { statuses.total }

    public init() {}

    public func count(_ status: InterviewStatus) -> Int { statuses[status] }

    mutating func add(_ record: MonitorRecord) {
        statuses.add(record)
        if let s = record.seconds {
            seconds += s
            lengths.add(s)
        }
    }

    mutating func merge(_ other: PeriodTally) {
        statuses.merge(other.statuses)
        seconds += other.seconds
        lengths.merge(other.lengths)
    }

    /// The median length in seconds (the lower middle value for an even count).
    public var medianSeconds: Int? { lengths.median }

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

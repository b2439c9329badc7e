/// The supervisor screen's figures at one moment: the tally of finished interviews,
/// the interviews in progress and the quota places they hold, read against the
/// questionnaire's quotas and the clock. Pure: the same inputs give the same figures.
public struct MonitorFigures: Sendable {
    public let survey: String
    public let now: Double
    public let quotas: [QuotaFigure]
    public let live: [LiveInterview]
    public let interviewers: [InterviewerFigure]
    public let summary: SurveyFigure

    public init(questionnaire: Questionnaire, tally: MonitorTally, live: [LiveInterview],
                places: [String: [String: Int]], now: Double, until: Double? = nil) {
        survey = questionnaire.survey
        self.now = now
        let pace = Pace(tally: tally, now: now)
        quotas = questionnaire.quotas.map { QuotaFigure(quota: $0, questionnaire: questionnaire, tally: tally,
                                                        places: places[$0.name] ?? [:], pace: pace) }
        self.live = live.sorted { ($0.state != .active ? 1 : 0, $0.started) < ($1.state != .active ? 1 : 0, $1.started) }
        let today = tally.day(of: now)
        var names = Set(tally.interviewers.keys)
        for l in live where l.state == .active { names.insert(l.interviewer) }
        interviewers = names.sorted().map { name in
            let t = tally.interviewers[name] ?? InterviewerTally()
            let interviewing = live.contains { $0.interviewer == name && $0.state == .active }
            let recent = t.lastFinished.map { now - $0 <= InterviewerFigure.betweenCallsWindow } ?? false
            return InterviewerFigure(name: name, state: interviewing ? .inInterview : recent ? .betweenCalls : .away,
                                     today: t.day(today) ?? PeriodTally(), total: t.total, calls: t.calls)
        }
        summary = SurveyFigure(tally: tally, live: live, quotas: quotas, pace: pace, now: now, until: until)
    }
}

/// Completes per hour: over the last hour, and over today since its first interview
/// started (the pace used for estimates); before any complete today, over the hours of
/// the survey in which something was completed.
struct Pace {
    let tally: MonitorTally
    let now: Double

    var lastHour: Int {
        let minute = MonitorTally.floorDiv(Int(now), 60)
        return ((minute - 59)...minute).reduce(0) { $0 + tally.completesByMinute[$1] }
    }

    /// Completes per hour of `quota` ("" : all).
    func perHour(_ quota: String) -> Double? {
        let hours = quota.isEmpty ? tally.completesByHour : tally.completesByHour(of: quota)
        let today = tally.day(of: now)
        if let start = tally.dayFirstStarted[today] {
            let done = hours.total(from: MonitorTally.floorDiv(Int(start), 3600))
            if done > 0 { return Double(done) * 3600 / max(900, now - start) }
        }
        let active = hours.nonEmpty
        guard active.buckets > 0 else { return nil }
        return Double(active.total) / Double(active.buckets)
    }
}

public struct QuotaFigure: Sendable, Equatable {
    public let name: String
    public let title: String?
    public let cells: [CellFigure]
    /// Completes per hour in this quota at the current pace; nil before any.
    public let perHour: Double?
    public var target: Int { cells.reduce(0) { $0 + $1.target } }
    public var complete: Int { cells.reduce(0) { $0 + $1.complete } }
    public var inProgress: Int { cells.reduce(0) { $0 + $1.inProgress } }
    public var remaining: Int { cells.reduce(0) { $0 + $1.remaining } }
    /// Hours of interviewing until every cell is full at the current pace.
    public var hoursToFull: Double? {
        guard remaining > 0 else { return 0 }
        return perHour.flatMap { $0 > 0 ? Double(remaining) / $0 : nil }
    }

    /// A quota is judged for lagging or racing cells once it has this many completes.
    public static let judgedFrom = 10

    init(quota: Quota, questionnaire: Questionnaire, tally: MonitorTally, places: [String: Int], pace: Pace) {
        name = quota.name
        title = quota.title
        let done = tally.completes[quota.name] ?? [:]
        let raw = quota.cells.map { c in (c, done[c.label] ?? 0, places[c.label] ?? 0) }
        let target = raw.reduce(0) { $0 + $1.0.target }
        let quotaComplete = raw.reduce(0) { $0 + $1.1 }
        let quotaShare = target > 0 ? Double(quotaComplete) / Double(target) : 0
        cells = raw.map { c, complete, held in
            let share = c.target > 0 ? Double(complete) / Double(c.target) : 1
            var mark = CellFigure.Mark.none
            if complete + held >= c.target {
                mark = .full
            } else if quotaComplete >= Self.judgedFrom {
                if share < quotaShare * CellFigure.behindRatio { mark = .behind }
                else if share > quotaShare * CellFigure.aheadRatio { mark = .ahead }
            }
            return CellFigure(cell: c.label, label: Self.label(of: c, in: quota, questionnaire), target: c.target,
                              complete: complete, inProgress: held, mark: mark)
        }
        perHour = pace.perHour(quota.name)
    }

    /// "privato,anagrafe" as the code labels say it: "Privato · Anagrafe".
    static func label(of cell: Quota.Cell, in quota: Quota, _ questionnaire: Questionnaire) -> String {
        zip(cell.codes, quota.variables).map { code, variable in
            guard let code else { return "*" }
            let option = questionnaire.variables[variable].codes?.option(code: code)
            return option.map { $0.label.plain } ?? String(code)
        }.joined(separator: " · ")
    }
}

public struct CellFigure: Sendable, Equatable {
    public enum Mark: String, Sendable, Equatable {
        case none = ""
        /// Completes and places held reach the target.
        case full = "FULL"
        /// At the current pace it fills in more than twice the time the quota needs.
        case behind = "behind"
        /// At the current pace it fills in less than half the time the quota needs.
        case ahead = "ahead"
    }

    /// A cell's share of its target under this fraction of the quota's share: behind.
    public static let behindRatio = 0.5
    /// Over this multiple: ahead (fills long before the others).
    public static let aheadRatio = 2.0

    public let cell: String
    public let label: String
    public let target: Int
    public let complete: Int
    public let inProgress: Int
    public let mark: Mark
    public var remaining: Int { max(0, target - complete - inProgress) }
    public var isAtRisk: Bool { mark == .behind || mark == .ahead }
}

public struct InterviewerFigure: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        case inInterview = "in interview"
        case betweenCalls = "between calls"
        case away
    }

    /// An interviewer whose last interview ended this recently, and who is not in one
    /// now, is between calls; beyond it, away.
    public static let betweenCallsWindow = 15.0 * 60

    public let name: String
    public let state: State
    public let today: PeriodTally
    public let total: PeriodTally
    public let calls: CallTally
}

public struct SurveyFigure: Sendable, Equatable {
    public let records: Int
    /// Finished interviews by status, in the order of `InterviewStatus`, then others.
    public let byStatus: [(status: String, count: Int)]
    public let inProgress: Int
    public let interrupted: Int
    public let suspended: Int
    public let completesLastHour: Int
    public let completesToday: Int
    /// Completes per hour today (since its first interview started); nil before any.
    public let perHourToday: Double?
    public let pacing: Pacing?

    public static func == (a: SurveyFigure, b: SurveyFigure) -> Bool {
        a.records == b.records && a.byStatus.map(\.status) == b.byStatus.map(\.status)
            && a.byStatus.map(\.count) == b.byStatus.map(\.count) && a.inProgress == b.inProgress
            && a.interrupted == b.interrupted && a.suspended == b.suspended
            && a.completesLastHour == b.completesLastHour && a.completesToday == b.completesToday
            && a.perHourToday == b.perHourToday && a.pacing == b.pacing
    }

    /// Completes expected by now if the survey's target is reached evenly between the
    /// first interview and the end of fieldwork, against the completes made.
    public struct Pacing: Sendable, Equatable {
        public let start: Double
        public let until: Double
        /// The last day of fieldwork, YYYY-MM-DD in the supervisor's time zone.
        public let lastDay: String
        public let target: Int
        public let expected: Int
        public let actual: Int
        /// Completes per day needed from now to reach the target by `until`.
        public let neededPerDay: Double?
    }

    init(tally: MonitorTally, live: [LiveInterview], quotas: [QuotaFigure], pace: Pace, now: Double, until: Double?) {
        records = tally.records
        let order = InterviewStatus.allCases.map(\.rawValue)
        byStatus = order.map { ($0, tally.statusCounts[$0] ?? 0) }
            + tally.statusCounts.keys.filter { !order.contains($0) }.sorted().map { ($0, tally.statusCounts[$0]!) }
        inProgress = live.filter { $0.state == .active }.count
        interrupted = live.filter { $0.state == .interrupted }.count
        suspended = live.filter { $0.state == .suspended }.count
        completesLastHour = pace.lastHour
        let today = tally.day(of: now)
        let doneToday = tally.interviewers.values.reduce(0) { $0 + ($1.day(today)?.count(.complete) ?? 0) }
        completesToday = doneToday
        perHourToday = tally.dayFirstStarted[today].flatMap { start in
            doneToday > 0 ? Double(doneToday) * 3600 / max(900, now - start) : nil
        }
        let target = quotas.map(\.target).max() ?? 0
        if let until, let start = tally.firstStarted, until > start, target > 0 {
            let share = min(1, max(0, (now - start) / (until - start)))
            let actual = tally.totalCompletes
            let daysLeft = (until - now) / 86_400
            pacing = Pacing(start: start, until: until,
                            lastDay: String(Timestamp.rfc3339(until - 1 + Double(tally.utcOffset)).prefix(10)), target: target, expected: Int((Double(target) * share).rounded()),
                            actual: actual, neededPerDay: daysLeft > 0 ? Double(max(0, target - actual)) / daysLeft : nil)
        } else {
            pacing = nil
        }
    }
}

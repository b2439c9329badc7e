import CatiCore

/// The four panels of the supervisor screen as rows of text, from `MonitorFigures`.
/// Each panel gives its rows for a width and a filter (case-insensitive, on interviewer
/// names and on cells, by label, code names or quota name); the screen scrolls them.
public enum MonitorPanel: Int, CaseIterable, Sendable {
    case quotas = 1, now, interviewers, survey

    public var title: String {
        switch self {
        case .quotas: "Quotas"
        case .now: "Now"
        case .interviewers: "Interviewers"
        case .survey: "Survey"
        }
    }
}

public struct MonitorPanels {
    public let figures: MonitorFigures
    public let filter: String

    public init(figures: MonitorFigures, filter: String = "") {
        self.figures = figures
        self.filter = filter
    }

    public func rows(_ panel: MonitorPanel, width: Int) -> [Row] {
        switch panel {
        case .quotas: quotaRows(width: width)
        case .now: nowRows()
        case .interviewers: interviewerRows()
        case .survey: surveyRows()
        }
    }

    func matches(_ texts: String...) -> Bool {
        let f = filter.trimmingSpaces.lowercased()
        return f.isEmpty || texts.contains { $0.lowercased().contains(f) }
    }

    // MARK: Quotas

    static let barWidth = 20

    func quotaRows(width: Int) -> [Row] {
        guard !figures.quotas.isEmpty else { return [Row("This questionnaire has no quotas.", style: .dim)] }
        var rows: [Row] = []
        let longest = figures.quotas.flatMap(\.cells).map { DisplayWidth.of($0.label) + 1 }.max() ?? 0
        let labelWidth = min(longest, max(12, width - 4 * 7 - 2 - Self.barWidth - 8))
        for quota in figures.quotas {
            let cells = quota.cells.filter { matches($0.label, $0.cell, quota.name) }
            guard !cells.isEmpty else { continue }
            rows.append(Row(quota.title.map { "\(quota.name) — \($0)" } ?? quota.name, style: .bold))
            rows.append(Row(Self.pad("cell", labelWidth) + Self.numbers(["target", "done", "now", "left"])
                            + "  " + Self.pad("progress", Self.barWidth), style: .dim))
            for c in cells {
                var row = Row(Self.pad(c.label, labelWidth)
                              + Self.numbers([c.target, c.complete, c.inProgress, c.remaining].map(String.init)) + "  ")
                row = row + Self.bar(target: c.target, complete: c.complete, inProgress: c.inProgress)
                switch c.mark {
                case .none: break
                case .full: row.append("  " + c.mark.rawValue, style: .error)
                case .behind, .ahead: row.append("  " + c.mark.rawValue, style: .warning)
                }
                rows.append(row)
            }
            rows.append(Row(Self.pad("total", labelWidth)
                            + Self.numbers([quota.target, quota.complete, quota.inProgress, quota.remaining].map(String.init))
                            + "  " + Self.eta(quota), style: .bold))
            rows.append(.empty)
        }
        if rows.isEmpty { rows.append(Row("No cell matches '\(filter)'.", style: .dim)) }
        return rows
    }

    /// █ completes, ▒ in progress, ░ what is left, in `barWidth` columns.
    static func bar(target: Int, complete: Int, inProgress: Int) -> Row {
        guard target > 0 else { return Row(String(repeating: "░", count: barWidth), style: .dim) }
        let done = min(barWidth, complete * barWidth / target)
        let held = min(barWidth - done, (complete + inProgress) * barWidth / target - done)
        return Row([Span(String(repeating: "█", count: done)), Span(String(repeating: "▒", count: held)),
                    Span(String(repeating: "░", count: barWidth - done - held), style: .dim)])
    }

    static func eta(_ quota: QuotaFigure) -> String {
        if quota.remaining == 0 { return "full" }
        guard let h = quota.hoursToFull else { return "no pace yet" }
        return "full in ~" + hours(h) + " at \(oneDecimal(quota.perHour ?? 0))/h"
    }

    // MARK: Now

    /// "login@host pid N".
    static let holderWidth = 24

    func nowRows() -> [Row] {
        let live = figures.live.filter { matches($0.interviewer, $0.respondent ?? "", $0.question ?? "") }
        let s = figures.summary
        // Who holds each one (issue 22): a column when the store names holders.
        let holders = live.contains { $0.holder != nil }
        var rows = [Row("\(s.inProgress) in progress · \(s.interrupted) interrupted · \(s.suspended) suspended", style: .bold),
                    Row(Self.pad("interviewer", 14) + Self.pad("respondent", 12) + Self.pad("question", 22)
                        + Self.pad("min", 6, right: true) + Self.pad("idle", 6, right: true)
                        + (holders ? "  " + Self.pad("held by", Self.holderWidth) : "") + "  state", style: .dim)]
        if live.isEmpty { rows.append(Row(filter.isEmpty ? "No interview in progress." : "None matches '\(filter)'.", style: .dim)) }
        for l in live {
            let minutes = String(max(0, Int((figures.now - l.started) / 60)))
            // Idle: since the last key of a held one (issue 22), else the last answer.
            let idle = String(max(0, Int((figures.now - max(l.lastActivity, l.lastKey ?? 0)) / 60)))
            var row = Row(Self.pad(l.interviewer, 14) + Self.pad(l.respondent ?? "—", 12) + Self.pad(l.question ?? "?", 22)
                          + Self.pad(minutes, 6, right: true) + Self.pad(idle, 6, right: true) + "  ")
            if holders { row.append(Self.pad(l.holder ?? "", Self.holderWidth) + "  ", style: .dim) }
            if l.isStale(at: figures.now) {
                row.append("stale", style: .warning)
            } else {
                row.append(l.state.rawValue, style: l.state == .interrupted ? .warning : l.state == .suspended ? .dim : .ok)
            }
            rows.append(row)
        }
        return rows
    }

    // MARK: Interviewers

    func interviewerRows() -> [Row] {
        let people = figures.interviewers.filter { matches($0.name) }
        let withCalls = figures.interviewers.contains { $0.calls.attempts > 0 }
        var head = Self.pad("", 14) + Self.pad("", 10) + Self.pad("  today", 18) + "  " + Self.pad("  survey", 42)
        if withCalls { head += " calls" }
        var rows = [Row(head, style: .dim),
                    Row(Self.pad("interviewer", 14) + Self.pad("now", 10) + Self.numbers(["done", "c/h", "med"], 6)
                        + "  " + Self.numbers(["done", "c/h", "med", "refus", "break", "scrn", "ovq"], 6)
                        + (withCalls ? Self.numbers(["calls", "c/h"], 6) : ""), style: .dim)]
        if people.isEmpty { rows.append(Row(filter.isEmpty ? "No interviews yet." : "No interviewer matches '\(filter)'.", style: .dim)) }
        for p in people {
            let t = p.today, a = p.total
            var row = Row(Self.pad(p.name, 14))
            row.append(Self.pad(p.state == .inInterview ? "interview" : p.state == .betweenCalls ? "between" : "away", 10),
                       style: p.state == .inInterview ? .ok : p.state == .away ? .dim : .normal)
            row.append(Self.numbers([String(t.count(.complete)), Self.rate(t.completesPerHour), Self.length(t.medianSeconds)], 6)
                       + "  " + Self.numbers([String(a.count(.complete)), Self.rate(a.completesPerHour),
                                              Self.length(a.medianSeconds), String(a.count(.refused)),
                                              String(a.count(.breakOff)), String(a.count(.screenedOut)),
                                              String(a.count(.overQuota))], 6)
                       + (withCalls ? Self.numbers([String(p.calls.attempts), Self.rate(p.calls.callsPerHour)], 6) : ""))
            rows.append(row)
        }
        return rows
    }

    // MARK: Survey

    func surveyRows() -> [Row] {
        let s = figures.summary
        var rows = [Row("Finished interviews: \(s.records)", style: .bold)]
        for (status, count) in s.byStatus { rows.append(Row("  " + Self.pad(status, 14) + Self.pad(String(count), 8, right: true))) }
        rows.append(.empty)
        rows.append(Row("Now: \(s.inProgress) in progress · \(s.interrupted) interrupted · \(s.suspended) suspended"))
        rows.append(Row("Completes: \(s.completesLastHour) in the last hour · \(s.completesToday) today"
                        + (s.perHourToday.map { " (\(Self.oneDecimal($0))/h)" } ?? "")))
        rows.append(.empty)
        if !figures.quotas.isEmpty {
            rows.append(Row("Quotas at the current pace", style: .bold))
            for q in figures.quotas where matches(q.name) {
                rows.append(Row("  " + Self.pad(q.name, 20) + Self.pad("\(q.complete)/\(q.target)", 12, right: true)
                                + "  " + Self.eta(q)))
            }
            rows.append(.empty)
        }
        if let p = s.pacing {
            let diff = p.actual - p.expected
            let share = p.expected > 0 ? " (\(p.actual * 100 / p.expected)% of plan)" : ""
            rows.append(Row("Pacing to \(p.lastDay): expected by now \(p.expected) of \(p.target),"
                            + " actual \(p.actual), \(diff >= 0 ? "+" : "")\(diff)\(share)",
                            style: diff < 0 ? .warning : .ok))
            if let need = p.neededPerDay { rows.append(Row("  \(Self.oneDecimal(need)) completes a day needed from now")) }
        } else {
            rows.append(Row("Pacing: start with --until YYYY-MM-DD (end of fieldwork) to compare completes with the plan.",
                            style: .dim))
        }
        return rows
    }

    // MARK: Formatting

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let cut = TextLayout.truncate(s, width: width - 1)
        let fill = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return right ? fill + cut : cut + fill
    }

    static func numbers(_ values: [String], _ width: Int = 7) -> String {
        values.map { pad($0, width, right: true) }.joined()
    }

    /// A rate in at most 5 characters: one decimal under 100, whole above.
    static func rate(_ r: Double?) -> String {
        guard let r else { return "—" }
        return r < 99.95 ? oneDecimal(r) : r < 99_999.5 ? String(Int(r.rounded())) : "many"
    }

    static func length(_ seconds: Int?) -> String {
        guard let seconds else { return "—" }
        let s = seconds % 60
        return "\(seconds / 60):\(s < 10 ? "0" : "")\(s)"
    }

    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func hours(_ h: Double) -> String {
        h < 1 ? "\(max(1, Int((h * 60).rounded()))) min" : "\(oneDecimal(h)) h"
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

extension MonitorPanels {
    /// Every panel one after the other, as plain text (`cati monitor --plain`).
    public func plainText(width: Int = 100) -> String {
        var lines: [String] = []
        for panel in MonitorPanel.allCases {
            lines.append("== \(panel.title) ==")
            lines += rows(panel, width: width).map { Frame.trimmingTrailingSpaces($0.clipped(to: width).text) }
            if lines.last != "" { lines.append("") }
        }
        return lines.joined(separator: "\n")
    }
}

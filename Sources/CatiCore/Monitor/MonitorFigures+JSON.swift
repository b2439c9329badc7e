/// `cati monitor --json`: every figure of the four panels, once, for scripts.
extension MonitorFigures {
    public var json: JSON {
        func num(_ x: Double?) -> JSON { x.map { .double(($0 * 100).rounded() / 100) } ?? .null }
        func period(_ p: PeriodTally) -> JSON {
            .object([("interviews", .int(p.interviews)), ("complete", .int(p.count(.complete))),
                     ("refused", .int(p.count(.refused))), ("break_off", .int(p.count(.breakOff))),
                     ("screened_out", .int(p.count(.screenedOut))), ("over_quota", .int(p.count(.overQuota))),
                     ("seconds", .int(p.seconds)), ("completes_per_hour", num(p.completesPerHour)),
                     ("median_seconds", p.medianSeconds.map { .int($0) } ?? .null)])
        }
        let s = summary
        var survey: [(String, JSON)] = [
            ("records", .int(s.records)),
            ("by_status", .object(s.byStatus.map { ($0.status, .int($0.count)) })),
            ("in_progress", .int(s.inProgress)), ("interrupted", .int(s.interrupted)), ("suspended", .int(s.suspended)),
            ("completes_last_hour", .int(s.completesLastHour)), ("completes_today", .int(s.completesToday)),
            ("completes_per_hour_today", num(s.perHourToday)),
        ]
        if let p = s.pacing {
            survey.append(("pacing", .object([
                ("start", .string(Timestamp.rfc3339(p.start))), ("until", .string(Timestamp.rfc3339(p.until))),
                ("target", .int(p.target)), ("expected", .int(p.expected)), ("actual", .int(p.actual)),
                ("needed_per_day", num(p.neededPerDay)),
            ])))
        }
        return .object([
            ("survey", .string(self.survey)), ("at", .string(Timestamp.rfc3339(now))),
            ("quotas", .array(quotas.map { q in
                var members: [(String, JSON)] = [("name", .string(q.name))]
                if let title = q.title { members.append(("title", .string(title))) }
                members.append(("cells", .array(q.cells.map { c in
                    .object([("cell", .string(c.cell)), ("label", .string(c.label)), ("target", .int(c.target)),
                             ("complete", .int(c.complete)), ("in_progress", .int(c.inProgress)),
                             ("remaining", .int(c.remaining)), ("mark", c.mark == .none ? .null : .string(c.mark.rawValue))])
                })))
                members.append(("total", .object([("target", .int(q.target)), ("complete", .int(q.complete)),
                                                  ("in_progress", .int(q.inProgress)), ("remaining", .int(q.remaining))])))
                members.append(("completes_per_hour", num(q.perHour)))
                members.append(("hours_to_full", num(q.hoursToFull)))
                return .object(members)
            })),
            ("now", .array(live.map { l in
                .object([("id", .string(l.id)), ("interviewer", .string(l.interviewer)),
                         ("respondent", l.respondent.map { .string($0) } ?? .null),
                         ("question", l.question.map { .string($0) } ?? .null),
                         ("started", .string(Timestamp.rfc3339(l.started))), ("state", .string(l.state.rawValue))])
            })),
            ("interviewers", .array(interviewers.map { i in
                var members: [(String, JSON)] = [("name", .string(i.name)), ("state", .string(i.state.rawValue)),
                                                 ("today", period(i.today)), ("survey", period(i.total))]
                if i.calls.attempts > 0 {
                    members.append(("calls", .object([("attempts", .int(i.calls.attempts)),
                                                      ("per_hour", num(i.calls.callsPerHour)),
                                                      ("outcomes", .object(i.calls.outcomes.sorted { $0.key < $1.key }
                                                        .map { ($0.key, .int($0.value)) }))])))
                }
                return .object(members)
            })),
            ("survey_figures", .object(survey)),
        ])
    }
}

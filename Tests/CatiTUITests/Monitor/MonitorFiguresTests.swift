import CatiCore
@testable import CatiTUI
import Testing

/// The supervisor's figures from records: cells with target, completes, places held
/// and what is left, full and at-risk marks, interviewers today and over the survey,
/// the survey's pace and pacing against an end date.
@Suite struct MonitorFiguresTests {
    typealias F = MonitorFixtures

    @Test func cellsCountCompletesOnlyAndPlacesHeldAsInProgress() throws {
        let records = [F.record("maria", endedMinutesAgo: 5), F.record("maria", endedMinutesAgo: 15),
                       F.record("luca", .screenedOut, tipo: nil, endedMinutesAgo: 20),
                       F.record("luca", .refused, tipo: "ente", endedMinutesAgo: 25)]
        let figures = try F.figures(records, places: ["per_tipo": ["azienda": 2]])
        let cells = figures.quotas[0].cells
        #expect(cells.map(\.cell) == ["privato", "azienda", "ente"])
        #expect(cells.map(\.label) == ["Privato cittadino", "Azienda", "Ente pubblico"])
        #expect(cells.map(\.complete) == [2, 0, 0])
        #expect(cells.map(\.inProgress) == [0, 2, 0])
        #expect(cells.map(\.remaining) == [18, 2, 10])
        #expect(figures.quotas[0].complete == 2 && figures.quotas[0].target == 34)
    }

    @Test func aCellWhoseCompletesAndPlacesReachItsTargetIsFull() throws {
        let done = (0..<3).map { F.record("maria", tipo: "azienda", endedMinutesAgo: Double($0)) }
        let notYet = try F.figures(done)
        #expect(notYet.quotas[0].cells[1].mark != .full)
        let held = try F.figures(done, places: ["per_tipo": ["azienda": 1]])
        #expect(held.quotas[0].cells[1].mark == .full)
        let complete = try F.figures(done + [F.record("luca", tipo: "azienda", endedMinutesAgo: 1)])
        #expect(complete.quotas[0].cells[1].mark == .full)
        #expect(complete.quotas[0].cells[1].remaining == 0)
    }

    @Test func cellsFarBehindOrAheadOfTheirQuotaAreAtRisk() throws {
        // Quota: 12 of 34 done (35%). privato 1/20 (5%): behind; ente 9/10 (90%): ahead;
        // azienda 2/4 (50%): on pace.
        var records = [F.record("maria", endedMinutesAgo: 1)]
        records += (0..<2).map { F.record("maria", tipo: "azienda", endedMinutesAgo: Double($0)) }
        records += (0..<9).map { F.record("luca", tipo: "ente", endedMinutesAgo: Double($0)) }
        let cells = try F.figures(records).quotas[0].cells
        #expect(cells.map(\.mark) == [.behind, .none, .ahead])
    }

    @Test func fewCompletesAreNotJudged() throws {
        let records = (0..<9).map { F.record("luca", tipo: "ente", endedMinutesAgo: Double($0)) }
        let cells = try F.figures(records).quotas[0].cells
        #expect(cells.allSatisfy { $0.mark == .none })
    }

    @Test func interviewerFiguresTodayAndOverTheSurvey() throws {
        let yesterday = 24.0 * 60
        let records = [
            F.record("maria", endedMinutesAgo: 10, seconds: 240), F.record("maria", endedMinutesAgo: 30, seconds: 360),
            F.record("maria", .refused, tipo: nil, endedMinutesAgo: 40, seconds: 60),
            F.record("maria", endedMinutesAgo: yesterday, seconds: 600),
            F.record("luca", .breakOff, tipo: nil, endedMinutesAgo: 120, seconds: 120),
        ]
        let figures = try F.figures(records, live: [F.live("paolo", .active)])
        #expect(figures.interviewers.map(\.name) == ["luca", "maria", "paolo"])
        let maria = figures.interviewers[1]
        #expect(maria.today.count(.complete) == 2)
        #expect(maria.total.count(.complete) == 3)
        #expect(maria.total.count(.refused) == 1)
        #expect(maria.today.medianSeconds == 240)   // 60, 240, 360
        #expect(maria.total.medianSeconds == 240)
        // 3 completes in 60+240+360+600 s = 1260 s of interviewing.
        #expect(abs((maria.total.completesPerHour ?? 0) - 3 * 3600 / 1260.0) < 1e-9)
        #expect(maria.state == .betweenCalls)
        #expect(figures.interviewers[0].state == .away)
        #expect(figures.interviewers[0].total.count(.breakOff) == 1)
        #expect(figures.interviewers[2].state == .inInterview)
    }

    @Test func surveyFiguresByStatusLastHourTodayAndInProgress() throws {
        let records = [F.record("maria", endedMinutesAgo: 10), F.record("maria", endedMinutesAgo: 50),
                       F.record("maria", endedMinutesAgo: 70),
                       F.record("luca", .screenedOut, tipo: nil, endedMinutesAgo: 5),
                       F.record("luca", .overQuota, tipo: nil, endedMinutesAgo: 6)]
        let live = [F.live("a", .active), F.live("b", .interrupted), F.live("c", .suspended), F.live("d", .suspended)]
        let s = try F.figures(records, live: live).summary
        #expect(s.records == 5)
        #expect(s.byStatus.first { $0.status == "complete" }?.count == 3)
        #expect(s.byStatus.first { $0.status == "over-quota" }?.count == 1)
        #expect(s.completesLastHour == 2)
        #expect(s.completesToday == 3)
        #expect((s.inProgress, s.interrupted, s.suspended) == (1, 1, 2))
    }

    @Test func pacingComparesCompletesWithAnEvenPlan() throws {
        // First interview started 10 days before now; fieldwork ends 10 days after:
        // half the target (34) is expected by now.
        let start = F.record("maria", endedMinutesAgo: 10 * 24 * 60, seconds: 0)
        let records = [start] + (0..<5).map { F.record("maria", endedMinutesAgo: Double($0)) }
        let s = try F.figures(records, until: F.now + 10 * 86_400).summary
        let pacing = try #require(s.pacing)
        #expect(pacing.target == 34)
        #expect(pacing.expected == 17)
        #expect(pacing.actual == 6)
        #expect(abs((pacing.neededPerDay ?? 0) - 28.0 / 10) < 1e-9)
        #expect(try F.figures(records).summary.pacing == nil)
    }

    @Test func anEmptySurveyHasZerosNotFailures() throws {
        let figures = try F.figures([])
        #expect(figures.quotas[0].cells.map(\.complete) == [0, 0, 0])
        #expect(figures.quotas[0].hoursToFull == nil)
        #expect(figures.interviewers.isEmpty)
        #expect(figures.summary.records == 0 && figures.summary.perHourToday == nil)
    }

    @Test func tallyOfTwoHalvesMergedEqualsTallyOfTheWhole() throws {
        let records = (0..<40).map { k in
            F.record(["maria", "luca", "sara"][k % 3], k % 4 == 0 ? .screenedOut : .complete,
                     tipo: ["privato", "azienda", "ente"][k % 3], endedMinutesAgo: Double(k * 37), seconds: Double(60 + k))
        }
        var whole = MonitorTally(), first = MonitorTally(), second = MonitorTally()
        for r in records { whole.add(r) }
        for r in records.prefix(17) { first.add(r) }
        for r in records.dropFirst(17) { second.add(r) }
        first.merge(second)
        #expect(first.statusCounts == whole.statusCounts)
        #expect(first.completes == whole.completes)
        #expect(first.interviewers == whole.interviewers)
        #expect(first.completesByMinute == whole.completesByMinute)
        #expect(first.firstStarted == whole.firstStarted)
    }

    @Test func aRecordParsedFromJSONKeepsWhoWhenAndCells() throws {
        let line = #"{"id":"X","interviewer":"maria","status":"complete","started":"2026-11-29T09:12:03Z","# +
            #""finished":"2026-11-29T09:18:44Z","answers":{"status":"nope"},"quota_cells":{"per_tipo":"ente"}}"#
        let json = try #require(JSONParser.parseObject(Array(line.utf8)))
        let r = try #require(MonitorRecord(json: json))
        #expect(r.interviewer == "maria" && r.status == "complete")
        #expect(r.seconds == 401)
        #expect(r.cells == [QuotaCellName(quota: "per_tipo", cell: "ente")])
        let bytes = Array("2026-11-29T09:12:03Z".utf8)
        #expect(bytes.withUnsafeBufferPointer { Timestamp.parse(utf8: $0) } == Timestamp.parse("2026-11-29T09:12:03Z"))
    }
}

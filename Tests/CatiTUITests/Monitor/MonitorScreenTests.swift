import CatiCore
@testable import CatiTUI
import Foundation
import Testing

/// The supervisor screen as rows of text: every panel, full and at-risk cells standing
/// out, scrolling a table longer than the screen, filtering, an empty survey, a survey
/// with no quotas, and the below-minimum message.
@Suite struct MonitorScreenTests {
    typealias F = MonitorFixtures
    static let size = Size(width: 100, height: 30)

    static func frame(_ figures: MonitorFigures, keys: [Key] = [], size: Size = size) -> (Frame, MonitorScreen) {
        var screen = MonitorScreen()
        for key in keys { _ = screen.handle(key, figures: figures, size: size) }
        return (screen.frame(figures, size: size, records: figures.summary.records, clock: "10:00:00"), screen)
    }

    static func line(_ frame: Frame, containing text: String) -> Int? {
        frame.lines.firstIndex { $0.contains(text) }
    }

    @Test func quotasPanelShowsEveryCellWithLabelsFiguresBarAndMarks() throws {
        var records = (0..<4).map { F.record("maria", tipo: "azienda", endedMinutesAgo: Double($0)) }
        records += (0..<8).map { F.record("luca", tipo: "ente", endedMinutesAgo: Double($0)) }
        let (frame, _) = Self.frame(try F.figures(records, places: ["per_tipo": ["ente": 1]]))
        let text = frame.text
        #expect(text.contains("1 Quotas"))
        #expect(text.contains("per_tipo — Per tipo"))
        let azienda = try #require(frame.lines.first { $0.hasPrefix("Azienda") })
        #expect(azienda.contains("4      4      0      0"))
        #expect(azienda.contains(String(repeating: "█", count: 20)))
        #expect(azienda.hasSuffix("FULL"))
        let ente = try #require(frame.lines.first { $0.hasPrefix("Ente pubblico") })
        #expect(ente.contains("10      8      1      1"))
        #expect(ente.contains(String(repeating: "█", count: 16) + String(repeating: "▒", count: 2) + "░░"))
        #expect(ente.hasSuffix("ahead"))
        let privato = try #require(frame.lines.first { $0.hasPrefix("Privato cittadino") })
        #expect(privato.hasSuffix("behind"))
        #expect(frame.lines.contains { $0.hasPrefix("total") && $0.contains("34     12      1     21") })
        // Full stands out in the error style, at risk in the warning style.
        let row = frame[try #require(Self.line(frame, containing: "FULL"))]
        #expect(row.spans.last?.style == .error)
        #expect(frame[try #require(Self.line(frame, containing: "behind"))].spans.last?.style == .warning)
        #expect(text.contains("Tab/1-4 panels") && text.contains("/ filter") && text.contains("q quit"))
    }

    @Test func nowPanelListsInterviewsInProgressWithQuestionMinutesAndState() throws {
        let live = [F.live("maria", .active, question: "voto", startedMinutesAgo: 7),
                    F.live("luca", .interrupted, question: "tipo", startedMinutesAgo: 12),
                    F.live("sara", .suspended, question: nil, startedMinutesAgo: 30)]
        let (frame, _) = Self.frame(try F.figures([], live: live), keys: [.char("2")])
        #expect(frame.text.contains("1 in progress · 1 interrupted · 1 suspended"))
        let maria = try #require(frame.lines.first { $0.hasPrefix("maria") })
        #expect(maria.contains("R-maria") && maria.contains("voto") && maria.contains(" 7     0  in progress"), "7 minutes since it started, the last action 30 s ago")
        let luca = try #require(frame.lines.first { $0.hasPrefix("luca") })
        #expect(luca.contains("tipo") && luca.hasSuffix("interrupted"))
        #expect(frame[try #require(Self.line(frame, containing: "interrupted"))].spans.count >= 1)
        #expect(try #require(frame.lines.first { $0.hasPrefix("sara") }).hasSuffix("suspended"))
        // In progress first, then the others.
        #expect(Self.line(frame, containing: "maria")! < Self.line(frame, containing: "luca")!)
    }

    @Test func interviewersPanelShowsTodayAndSurveyFigures() throws {
        let records = [F.record("maria", endedMinutesAgo: 10, seconds: 400),
                       F.record("maria", .refused, tipo: nil, endedMinutesAgo: 20, seconds: 200),
                       F.record("luca", .screenedOut, tipo: nil, endedMinutesAgo: 24 * 60 + 5, seconds: 90)]
        let (frame, _) = Self.frame(try F.figures(records, live: [F.live("luca", .active)]), keys: [.tab, .tab])
        #expect(frame.text.contains("3 Interviewers"))
        let maria = try #require(frame.lines.first { $0.hasPrefix("maria") })
        // today: 1 done, 6.0/h (1 in 600 s), median 3:20; survey: same, 1 refused.
        #expect(maria.contains("between"))
        #expect(maria.contains("1   6.0  3:20       1   6.0  3:20     1     0     0     0"))
        let luca = try #require(frame.lines.first { $0.hasPrefix("luca") })
        #expect(luca.contains("interview"))
        #expect(luca.contains("0     —     —       0   0.0  1:30     0     0     1     0"))
    }

    @Test func surveyPanelShowsStatusesPaceAndPacing() throws {
        let records = [F.record("maria", endedMinutesAgo: 2 * 24 * 60, seconds: 0)]
            + (0..<3).map { F.record("maria", endedMinutesAgo: Double($0 * 10)) }
            + [F.record("luca", .screenedOut, tipo: nil, endedMinutesAgo: 3)]
        let (frame, _) = Self.frame(try F.figures(records, until: F.now + 2 * 86_400), keys: [.char("4")])
        let text = frame.text
        #expect(text.contains("Finished interviews: 5"))
        #expect(frame.lines.contains { $0.hasPrefix("  complete") && $0.hasSuffix(" 4") })
        #expect(frame.lines.contains { $0.hasPrefix("  screened-out") && $0.hasSuffix(" 1") })
        #expect(text.contains("Completes: 3 in the last hour · 3 today"))
        #expect(text.contains("per_tipo"))
        // Half of the fieldwork gone: 17 of 34 expected, 4 made.
        #expect(text.contains("Pacing to 2026-12-08: expected by now 17 of 34, actual 4, -13 (23% of plan)"))
        #expect(frame[try #require(Self.line(frame, containing: "expected by now"))].spans.first?.style == .warning)
    }

    @Test func aTableLongerThanTheScreenScrollsByLineAndPage() throws {
        // Longest-running first: int00 … int39.
        let live = (0..<40).map { F.live(String(format: "int%02d", $0), .active, startedMinutesAgo: Double(40 - $0)) }
        let figures = try F.figures([], live: live)
        let small = Size(width: 80, height: 14)   // 9 rows of panel
        let (top, _) = Self.frame(figures, keys: [.char("2")], size: small)
        #expect(top.text.contains("in progress"))
        #expect(top.text.contains("rows 1–9 of 42"))
        #expect(!top.text.contains("int10"))
        let (down, _) = Self.frame(figures, keys: [.char("2"), .down, .pageDown], size: small)
        #expect(down.text.contains("rows 11–19 of 42"))
        #expect(down.lines.contains { $0.hasPrefix("int08") })
        #expect(!down.lines.contains { $0.hasPrefix("int07") })
        let (end, _) = Self.frame(figures, keys: [.char("2"), .end, .down], size: small)
        #expect(end.text.contains("rows 34–42 of 42"))
        #expect(end.lines.contains { $0.hasPrefix("int39") })
        let (back, _) = Self.frame(figures, keys: [.char("2"), .end, .pageUp, .home], size: small)
        #expect(back.text.contains("rows 1–9 of 42"))
    }

    @Test func slashFiltersByInterviewerOrCellAndEscapeClears() throws {
        let records = [F.record("maria", endedMinutesAgo: 1), F.record("luca", tipo: "ente", endedMinutesAgo: 2)]
        let figures = try F.figures(records, live: [F.live("maria", .active), F.live("luca", .active)])
        let typing: [Key] = [.char("/"), .char("E"), .char("n"), .char("t")]
        let (cells, state) = Self.frame(figures, keys: typing + [.enter])
        #expect(state.filter == "Ent" && !state.editingFilter)
        #expect(cells.lines.contains { $0.hasPrefix("Ente pubblico") })
        #expect(!cells.lines.contains { $0.hasPrefix("Privato") })
        #expect(cells.text.contains("filter: Ent"))
        let (people, _) = Self.frame(figures, keys: [.char("3"), .char("/")] + "mar".map { .char($0) } + [.enter])
        #expect(people.lines.contains { $0.hasPrefix("maria") })
        #expect(!people.lines.contains { $0.hasPrefix("luca") })
        let (now, _) = Self.frame(figures, keys: [.char("2"), .char("/"), .char("l"), .char("u"), .enter])
        #expect(now.lines.contains { $0.hasPrefix("luca") } && !now.lines.contains { $0.hasPrefix("maria") })
        let (cleared, after) = Self.frame(figures, keys: typing + [.enter, .escape])
        #expect(after.filter == "" && cleared.lines.contains { $0.hasPrefix("Privato") })
        // While typing, q is text, not quit.
        var screen = MonitorScreen()
        _ = screen.handle(.char("/"), figures: figures, size: Self.size)
        #expect(screen.handle(.char("q"), figures: figures, size: Self.size) == .none)
        #expect(screen.filter == "q")
    }

    @Test func qQuitsAndTabCyclesThePanels() throws {
        let figures = try F.figures([])
        var screen = MonitorScreen()
        var seen: [MonitorPanel] = []
        for _ in 0..<4 { _ = screen.handle(.tab, figures: figures, size: Self.size); seen.append(screen.panel) }
        #expect(seen == [.now, .interviewers, .survey, .quotas])
        _ = screen.handle(.backTab, figures: figures, size: Self.size)
        #expect(screen.panel == .survey)
        #expect(screen.handle(.char("q"), figures: figures, size: Self.size) == .quit)
    }

    @Test func anEmptySurveyShowsZerosAndSaysThereIsNothingYet() throws {
        let figures = try F.figures([])
        #expect(Self.frame(figures).0.lines.contains { $0.hasPrefix("total") && $0.contains("34      0      0     34  no pace yet") })
        #expect(Self.frame(figures, keys: [.char("2")]).0.text.contains("No interview in progress."))
        #expect(Self.frame(figures, keys: [.char("3")]).0.text.contains("No interviews yet."))
        #expect(Self.frame(figures, keys: [.char("4")]).0.text.contains("Finished interviews: 0"))
    }

    @Test func aSurveyWithoutQuotasSaysSoAndShowsTheOtherPanels() throws {
        let records = [F.record("maria", tipo: nil, endedMinutesAgo: 1)]
        let figures = try F.figures(records, questionnaire: F.noQuotas)
        #expect(Self.frame(figures).0.text.contains("This questionnaire has no quotas."))
        #expect(Self.frame(figures, keys: [.char("4")]).0.text.contains("Finished interviews: 1"))
        #expect(!Self.frame(figures, keys: [.char("4")]).0.text.contains("Quotas at the current pace"))
        #expect(figures.json.serialized.contains(#""quotas":[]"#))
    }

    @Test func belowTheMinimumSizeTheScreenAsksForMore() throws {
        let (frame, _) = Self.frame(try F.figures([]), size: Size(width: 50, height: 10))
        #expect(frame.text.contains("Enlarge the window to at least 60×12 (50×10)"))
    }

    @Test func plainTextHasEveryPanel() throws {
        let text = MonitorPanels(figures: try F.figures([F.record("maria", endedMinutesAgo: 1)])).plainText()
        for title in ["== Quotas ==", "== Now ==", "== Interviewers ==", "== Survey =="] { #expect(text.contains(title)) }
        #expect(text.contains("Privato cittadino"))
    }
}

extension MonitorScreenTests {
    @Test func ratesFitTheirColumns() {
        #expect(MonitorPanels.rate(nil) == "—")
        #expect(MonitorPanels.rate(6) == "6.0")
        #expect(MonitorPanels.rate(99.94) == "99.9")
        #expect(MonitorPanels.rate(2211.4) == "2211")
        #expect(MonitorPanels.rate(1e7) == "many")
    }
}

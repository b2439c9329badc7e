import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
    // MARK: - Checks and warnings

    static let rules = """
        survey r "Rules"
        version 1
        number household "How many people live in your household?" range 1..15
        number under14 "How many are under 14?" range 0..14
        check under14 < household "At least one person (the respondent) is 14 or over."
        scale overall "Overall mark?" 1..10
          1 "Poor"
          10 "Excellent"
        warn overall >= 9 and under14 > 3 "A high mark with many children: confirm?"
        """

    @Test func checkFailedPanelListsTheAnswersInvolved() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        #expect(run.at == "check")
        let frame = run.frame()
        #expect(frame.lines[2] == " CHECK FAILED")
        #expect(frame.rows(styled: .error).contains("CHECK FAILED"))
        #expect(frame.text.contains(" At least one person (the respondent) is 14 or over."))
        #expect(frame.text.contains("Answers involved"))
        #expect(frame.lines.contains(" 1  household  = 2   How many people live in your household?"), "\(frame.text)")
        #expect(frame.lines.contains(" 2  under14  = 2   How many are under 14?"))
        #expect(frame.topLine.hasSuffix("Q 2"))
    }

    @Test func enterOnACheckStaysAndNumberEnterGoesToThatAnswer() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        try run.press(.enter)
        #expect(run.at == "check")
        #expect(run.frame().messageLine == " Correct one of the answers listed (F2 goes back)")
        try run.type("1")
        #expect(run.at == "household")
        #expect(run.frame().fieldLine == " Answer: 2")
        try run.press(.backspace)
        try run.answers("4")
        #expect(run.at == "under14")
        #expect(run.frame().fieldLine == " Answer: 2", "the later answer comes back too")
        try run.press(.enter)
        #expect(run.at == "overall")
    }

    @Test func downAndEnterOnACheckGoesToTheHighlightedAnswer() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        try run.press(.down, .down)
        #expect(run.frame().rows(styled: .reverse).first?.hasPrefix("2  under14") == true)
        try run.press(.enter)
        #expect(run.at == "under14")
    }

    @Test func f2OnACheckGoesBackToTheLatestAnswerInvolved() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        try run.press(.function(2))
        #expect(run.at == "under14")
    }

    @Test func warningPanelAndEnterConfirms() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("9", "4", "10")
        #expect(run.at == "warning")
        var frame = run.frame()
        #expect(frame.lines[2] == " WARNING")
        #expect(frame.rows(styled: .warning).contains("WARNING"))
        #expect(frame.text.contains(" A high mark with many children: confirm?"))
        #expect(frame.text.contains("Enter: confirm and go on · F2: go back and correct"))
        #expect(frame.lines.contains(" 1  under14  = 4   How many are under 14?"), "\(frame.text)")
        #expect(frame.lines.contains(" 2  overall  = 10   Overall mark?"), "\(frame.text)")
        #expect(frame.fieldLine == " confirm: Enter")
        try run.press(.enter)
        #expect(run.at == "end:complete")
        frame = run.frame()
        try run.press(.enter)
        #expect(run.lastOutcome == .finished(.complete))
        #expect(run.recordLine.contains(#""warnings_confirmed":["A high mark with many children: confirm?"]"#), "\(run.recordLine)")
    }

    @Test func f2OnAWarningGoesBackToCorrect() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("9", "4", "10")
        try run.press(.function(2))
        #expect(run.at == "overall")
        #expect(run.frame().fieldLine == " Answer: 10")
    }
}

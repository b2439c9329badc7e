import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
    // MARK: - Back, prefill

    @Test func backShowsTheEarlierAnswerInTheFieldAndEnterKeepsIt() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("2", "45")
        #expect(run.at == "fruit")
        try run.press(.function(2))
        #expect(run.at == "age")
        var frame = run.frame()
        #expect(frame.fieldLine == " Answer: 45")
        #expect(frame.cursor == Position(row: 21, column: 11), "cursor after the earlier answer")
        try run.press(.ctrl("b"))
        frame = run.frame()
        #expect(run.at == "colour")
        #expect(frame.fieldLine == " Answer: 2")
        #expect(frame.rows(styled: .reverse) == ["2  Green"], "the earlier answer is highlighted")
        try run.press(.enter)
        #expect(run.at == "age")
        try run.press(.enter)
        #expect(run.at == "fruit")
        #expect(run.interview.values["colour"] == .number(2))
        #expect(run.interview.values["age"] == .number(45))
    }

    @Test func backOnTheFirstQuestionSaysSo() throws {
        var run = try ScreenRun(Self.shop)
        try run.press(.function(2))
        #expect(run.frame().messageLine == " This is the first question")
    }

    @Test func backThenCorrectingReplacesTheAnswer() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("2", "45")
        try run.press(.function(2))
        try run.press(.backspace, .backspace)
        try run.type("52")
        #expect(run.interview.values["age"] == .number(52))
        #expect(run.text.contains("You are 52."))
    }
}

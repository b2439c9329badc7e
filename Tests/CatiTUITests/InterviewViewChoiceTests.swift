import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
    // MARK: - Highlight, multi marks

    @Test func downAndUpMoveTheHighlightAndPutItsCodeInTheField() throws {
        var run = try ScreenRun(Self.shop)
        #expect(run.frame().rows(styled: .reverse).isEmpty, "nothing highlighted at first")
        try run.press(.down)
        #expect(run.frame().rows(styled: .reverse) == ["1  Red"])
        #expect(run.frame().fieldLine == " Answer: 1")
        try run.press(.down, .down)
        #expect(run.frame().rows(styled: .reverse) == ["3  Blue"])
        #expect(run.frame().fieldLine == " Answer: 3")
        try run.press(.down)
        #expect(run.frame().rows(styled: .reverse) == ["1  Red"], "wraps around")
        try run.press(.up)
        #expect(run.frame().rows(styled: .reverse) == ["3  Blue"])
        try run.press(.up)
        #expect(run.frame().rows(styled: .reverse) == ["2  Green"])
        try run.press(.enter)
        #expect(run.interview.values["colour"] == .number(2))
        #expect(run.at == "age")
    }

    @Test func upFirstHighlightsTheLastRow() throws {
        var run = try ScreenRun(Self.shop)
        try run.press(.up)
        #expect(run.frame().rows(styled: .reverse) == ["3  Blue"])
    }

    @Test func multiShowsBoxesAndSpaceTogglesTheHighlightedRow() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "30")
        var frame = run.frame()
        #expect(frame.lines.contains("  [ ] 1  Apple"))
        #expect(frame.lines.contains("  [ ] 9  None of these"))
        #expect(frame.messageLine.contains("Space marks the highlighted row"))
        #expect(frame.topLine.contains("Q 3"))
        #expect(frame.lines[2].contains("(pick 1–3)"))
        try run.press(.down, .char(" "), .down, .down, .char(" "))
        frame = run.frame()
        #expect(frame.lines.contains("  [x] 1  Apple"))
        #expect(frame.lines.contains("  [ ] 2  Pear"))
        #expect(frame.rows(styled: .reverse) == ["[x] 3  Plum"])
        #expect(frame.fieldLine == " Answer: 1 3")
        try run.press(.up, .up, .char(" "))
        frame = run.frame()
        #expect(frame.lines.contains("  [ ] 1  Apple"), "Space again unmarks")
        #expect(frame.fieldLine == " Answer: 3")
        try run.press(.up, .char(" "), .enter)
        #expect(run.interview.values["fruit"] == .codes([3, 9]) || run.at == "fruit")
    }

    @Test func multiMarksFollowTypedCodes() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "30")
        try run.type("2,3", enter: false)
        let frame = run.frame()
        #expect(frame.lines.contains("  [x] 2  Pear"))
        #expect(frame.lines.contains("  [x] 3  Plum"))
        #expect(frame.lines.contains("  [ ] 1  Apple"))
        try run.press(.enter)
        #expect(run.interview.values["fruit"] == .codes([2, 3]))
    }

    @Test func spaceWithoutHighlightIsTyped() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "30")
        try run.type("1 2", enter: false)
        #expect(run.frame().fieldLine == " Answer: 1 2")
        #expect(run.frame().lines.contains("  [x] 1  Apple"))
    }
}

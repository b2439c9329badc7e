import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
    // MARK: - Interviewer instructions (extension)

    static let instructed = """
        survey i "Instructions"
        single q "Which of these did you use?" instruction "READ OUT; ONE ANSWER"
          1 a "Phone"
          2 b "E-mail" instruction "INCLUDES PEC"
          9 x "Something else" other instruction "SPECIFY {interviewer}"
        grid g "Rate each one." instruction "ONE AT A TIME" scale 1..5
          speed "Speed" instruction "OF THE ANSWER"
          tone  "Courtesy"
        info bye "Thank you." instruction "HANG UP GENTLY"
        """

    /// An instruction is shown apart from the text to read: on its own line under the
    /// question, marked "»", in the instruction style; the question text does not hold it.
    @Test func aQuestionsInstructionIsOnItsOwnLineInItsOwnStyle() throws {
        let run = try ScreenRun(Self.instructed)
        let frame = run.frame()
        let textRow = try #require(frame.row(containing: "Which of these did you use?"))
        #expect(!frame.lines[textRow].contains("READ OUT"), "the text to read holds no instruction")
        #expect(frame.lines[textRow + 1].hasPrefix("   » READ OUT; ONE ANSWER"))
        let styled = frame.rows(styled: .instruction)
        #expect(styled.contains("» READ OUT; ONE ANSWER"))
        let plainSpans = frame.rows.flatMap(\.spans).filter { $0.style != .instruction }
        #expect(!plainSpans.contains { $0.text.contains("READ OUT") }, "only the instruction style draws it")
    }

    /// An option's instruction follows its label in the instruction style (fills done),
    /// and is no part of the label.
    @Test func anOptionsInstructionFollowsItsLabelInTheInstructionStyle() throws {
        let run = try ScreenRun(Self.instructed)
        let frame = run.frame()
        let row = try #require(frame.row(containing: "E-mail"))
        let spans = frame.rows[row].spans
        #expect(spans.contains { $0.text.contains("» INCLUDES PEC") && $0.style == .instruction })
        #expect(!spans.contains { $0.text.contains("INCLUDES") && $0.style != .instruction })
        #expect(frame.rows(styled: .instruction).contains { $0.contains("» SPECIFY maria") }, "fills in instructions")
        #expect(!(frame.lines[try #require(frame.row(containing: "Phone"))].contains("»")), "no instruction, no mark")
    }

    @Test func gridAndItemInstructionsAndAnInfosAreShown() throws {
        var run = try ScreenRun(Self.instructed)
        try run.answers("1")
        let frame = run.frame()
        #expect(frame.rows(styled: .instruction).contains("» ONE AT A TIME"))
        let row = try #require(frame.row(containing: "Speed"))
        #expect(frame.rows[row].spans.contains { $0.text.contains("» OF THE ANSWER") && $0.style == .instruction })
        try run.answers("3", "4")
        #expect(run.frame().rows(styled: .instruction).contains("» HANG UP GENTLY"))
    }

    /// Instructions are not data: the record is the same as without them.
    @Test func instructionsAreNotRecorded() throws {
        var run = try ScreenRun(Self.instructed)
        try run.answers("2", "3", "4", "")
        #expect(run.at == "end:complete")
        #expect(!run.recordLine.contains("INCLUDES") && !run.recordLine.contains("instruction"), "\(run.recordLine)")
        #expect(run.recordLine.contains(#""answers":{"q":2,"speed":3,"tone":4}"#), "\(run.recordLine)")
    }
}

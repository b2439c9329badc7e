import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
    // MARK: - Other specification

    static let other = """
        survey o "Other"
        version 1
        single media "Where did you hear of us?"
          1 tv    "Television"
          8 other "Somewhere else" other
        multi shops "Which shops?" pick 1..2
          1 a "Shop A"
          8 x "Another shop" other
        """

    @Test func otherSpecificationIsAskedRightAfterAndRecorded() throws {
        var run = try ScreenRun(Self.other)
        #expect(run.text.contains("  8  Somewhere else …"), "an other option is marked")
        try run.answers("8")
        var frame = run.frame()
        #expect(run.at == "other:media")
        #expect(frame.lines[2] == " media")
        #expect(frame.lines[3] == " Specify: Somewhere else")
        #expect(frame.topLine.hasSuffix("Q 1"))
        try run.type("")
        frame = run.frame()
        #expect(frame.messageLine.contains("Please specify (other)"))
        try run.answers("a poster at the bus stop")
        try run.answers("1 8", "Bottega Rossi")
        try run.type("")
        #expect(run.at == "end:complete")
        let record = run.recordLine
        #expect(record.contains(#""media":8,"media_other":"a poster at the bus stop","shops":[1,8],"shops_other":"Bottega Rossi""#),
                "\(record)")
    }
}

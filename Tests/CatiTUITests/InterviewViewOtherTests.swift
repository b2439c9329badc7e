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
        #expect(frame.lines[3] == " Where did you hear of us?", "the question's text, to say which question")
        #expect(frame.lines[4] == " Specify: Somewhere else")
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

    /// In a loop, the specification screen says which round it is about: the question's
    /// text with the round's fill, on the normal and the screen-reader screen.
    @Test func theSpecificationOfAnOtherInALoopSaysItsRound() throws {
        let looped = """
            survey sp "Servizi"
            version 1
            language it
            multi servizi "Quali servizi?"
              1 anagrafe "Anagrafe"
              2 tributi  "Tributi"
            loop servizio over servizi
              single canale "Come ha contattato il servizio {servizio}?"
                1 telefono "Per telefono"
                8 altro "In altro modo" other
            end
            """
        var run = try ScreenRun(looped)
        try run.answers("1 2", "1", "8")
        #expect(run.at == "other:canale_2")
        let frame = run.frame()
        #expect(frame.lines[2] == " canale_2")
        #expect(frame.lines[3] == " Come ha contattato il servizio Tributi?", "\(frame.lines)")
        var reader = try ScreenRun.screenReader(looped)
        try reader.answers("1 2", "1", "8")
        #expect(reader.accessibleFrame().lines.contains(" Come ha contattato il servizio Tributi?"))
        try run.answers("allo sportello")
        #expect(run.recordLine.contains(#""canale_2":8,"canale_2_other":"allo sportello""#), "\(run.recordLine)")
    }
}

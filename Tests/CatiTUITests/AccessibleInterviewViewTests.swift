import CatiCore
@testable import CatiTUI
import Testing

extension ScreenRun {
    /// A run in screen-reader mode (the key state told so, as InterviewRunner does).
    static func screenReader(_ source: String, sample: [String: String]? = nil) throws -> ScreenRun {
        var run = try ScreenRun(source, sample: sample)
        run.state.screenReader = true
        return run
    }

    /// The screen-reader frame of the step shown now.
    func accessibleFrame(_ size: Size = ScreenRun.size) -> Frame {
        var synced = state
        synced.sync(with: interview.screen)
        return AccessibleInterviewView(header: header, screen: interview.screen, state: synced, message: interview.message,
                                       labels: labels, totalQuestions: interview.questionnaire.questions.count).frame(size)
    }
}

/// The screen-reader layout, pure: reading order, marks in words and ASCII, the cursor
/// on the focus, two rows per move, no clock.
struct AccessibleInterviewViewTests {
    static let shop = InterviewViewTests.shop

    static let instructed = """
        survey ins "Instructions"
        version 1
        language it
        single tipo "Lei ha contattato il Contact Center come..." instruction "LEGGERE LE RISPOSTE"
          1 privato "Privato cittadino"
          2 azienda "Azienda" instruction "ANCHE PROFESSIONISTI"
        grid aspetti "Voti da 1 a 10" scale 1..10
          attesa "Tempo di attesa"
          cortesia "Cortesia" instruction "ANCHE AL TELEFONO"
        """

    static func cursorRow(_ frame: Frame) -> String { frame.cursor.map { frame.lines[$0.row] } ?? "" }

    @Test func theQuestionIsInReadingOrderWithTheInstructionSaidAsAWord() throws {
        let run = try ScreenRun.screenReader(Self.instructed)
        let lines = run.accessibleFrame().lines
        let text = try #require(lines.firstIndex { $0.hasPrefix(" Lei ha contattato") })
        let instruction = try #require(lines.firstIndex(of: " Istruzione: LEGGERE LE RISPOSTE"))
        let first = try #require(lines.firstIndex { $0.contains("1  Privato cittadino") })
        let field = try #require(lines.firstIndex { $0.hasPrefix("> Risposta:") })
        #expect(text < instruction && instruction < first && first < field)
        #expect(lines.contains("   [ ] 2  Azienda (Istruzione: ANCHE PROFESSIONISTI)"))
        #expect(run.accessibleFrame().cursor == Position(row: field, column: 12))
    }

    @Test func downPutsTheCursorOnTheMarkAndChangesOnlyTwoRows() throws {
        var run = try ScreenRun.screenReader(Self.shop)
        var before = run.accessibleFrame()
        for (k, label) in ["1  Red", "2  Green", "3  Blue", "1  Red"].enumerated() {
            try run.press(.down)
            let after = run.accessibleFrame()
            #expect(Self.cursorRow(after) == " > [ ] " + label && after.cursor?.column == 1)
            let changed = after.lines.indices.filter { after.rows[$0] != before.rows[$0] }
            #expect(changed.count == 2, "move \(k): rows \(changed)")
            #expect(after.lines.last(where: { $0.hasPrefix("  Answer:") || $0.hasPrefix("> Answer:") }) == "  Answer:",
                    "the field is not written by a move")
            before = after
        }
        try run.press(.enter)
        #expect(run.interview.values["colour"] == .number(1), "Enter answers the option under the focus")
    }

    @Test func typingGoesBackToTheFieldAndMarksTheChosenOption() throws {
        var run = try ScreenRun.screenReader(Self.shop)
        try run.press(.down, .char("2"))
        let frame = run.accessibleFrame()
        #expect(Self.cursorRow(frame) == "> Answer: 2" && frame.cursor?.column == 11)
        #expect(frame.lines.contains("   [x] 2  Green"))
    }

    @Test func theTopLineHasNoClockAndNoGlyph() throws {
        var run = try ScreenRun.screenReader(Self.shop, sample: ["id": "R0042", "name": "Anna Verdi", "phone": "0521 111 222"])
        let first = run.accessibleFrame().lines[0]
        run.clock += 125
        #expect(run.accessibleFrame().lines[0] == first, "nothing changes with time alone")
        #expect(first.hasPrefix(" shop | R0042 Anna Verdi tel. 0521 111 222 | maria | Q 1"), "\(first)")
    }

    @Test func theRereadAndWhereKeysMoveTheCursorForOneKey() throws {
        var run = try ScreenRun.screenReader(Self.shop)
        run.clock += 65
        try run.press(.function(6))
        var frame = run.accessibleFrame()
        #expect(frame.cursor == Position(row: 3, column: 1) && frame.lines[3].hasPrefix(" Good morning, this is maria."))
        try run.press(.ctrl("w"))
        frame = run.accessibleFrame()
        #expect(Self.cursorRow(frame) == " Note: question 1 of at most 4, case none, elapsed 1 minute 7 seconds",
                "\(Self.cursorRow(frame))")
        try run.press(.char("3"))
        #expect(Self.cursorRow(run.accessibleFrame()) == "> Answer: 3")
    }

    @Test func aRejectedAnswerSaysErrorAndAGridPutsTheCursorInItsCell() throws {
        var run = try ScreenRun.screenReader(Self.instructed)
        try run.answers("1")
        try run.type("11")
        var frame = run.accessibleFrame()
        #expect(frame.lines[22].hasPrefix(" Errore: "), "\(frame.lines[22])")
        #expect(Self.cursorRow(frame) == " > attesa   = 11        Tempo di attesa" && frame.cursor?.column == 16)
        try run.press(.backspace, .backspace, .char("7"), .enter)
        frame = run.accessibleFrame()
        #expect(Self.cursorRow(frame).hasPrefix(" > cortesia =           Cortesia (Istruzione: ANCHE AL TELEFONO)")
                && frame.cursor?.column == 14, "\(Self.cursorRow(frame))")
        #expect(frame.lines.contains("   attesa   = 7         Tempo di attesa"))
        #expect(frame.lines[22] == " Istruzione: ANCHE AL TELEFONO", "the current item's instruction whole")
    }

    @Test func theNoteAndEndPromptsAreShortAndTheirKeysAreOnTheLineBelow() throws {
        var run = try ScreenRun.screenReader(Self.shop)
        try run.press(.function(5), .char("x"))
        var frame = run.accessibleFrame()
        #expect(Self.cursorRow(frame) == "> Note: x" && frame.cursor?.column == 9)
        #expect(frame.lines[22] == " Note on this question (Enter saves, Esc cancels):")
        try run.press(.escape, .function(10))
        frame = run.accessibleFrame()
        #expect(Self.cursorRow(frame) == "> End: 1 refused, 2 break-off" && frame.cursor?.column == 29)
    }

    @Test func plainGlyphsSpellEveryGlyphInAscii() {
        #expect(PlainGlyphs.plain(" a │ b ☎ 1 ▸ x ↑ 2 · ↓ 3 ███▒▒░ » y") == " a | b tel. 1 > x ^ 2 · v 3 ###++. >> y")
        #expect(PlainGlyphs.plain("àèìòù – … ·") == "àèìòù – … ·", "letters and punctuation stay")
        let frame = Frame(size: Size(width: 20, height: 2), rows: [Row("│ ─ ┼", style: .title)], cursor: Position(row: 1, column: 3))
        let plain = frame.withPlainGlyphs()
        #expect(plain.lines[0] == "| - +" && plain.rows[0].spans.first?.style == .title && plain.cursor == frame.cursor)
    }

    @Test func theModeIsReadFromTheEnvironment() {
        #expect(ScreenReaderMode.isOn(["CATI_SCREEN_READER": "1"]))
        #expect(ScreenReaderMode.isOn(["CATI_SCREEN_READER": "yes"]))
        #expect(!ScreenReaderMode.isOn(["CATI_SCREEN_READER": "0"]))
        #expect(!ScreenReaderMode.isOn([:]))
        let env = ScreenReaderMode.environment(["TERM": "xterm"], screenReader: true, bell: true)
        #expect(env["CATI_SCREEN_READER"] == "1" && env["CATI_BELL"] == "1" && env["TERM"] == "xterm")
    }
}

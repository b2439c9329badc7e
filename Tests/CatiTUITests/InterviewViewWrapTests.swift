import CatiCore
@testable import CatiTUI
import Testing

/// Options and grid items longer than the row: an interviewer reads them aloud, so
/// they wrap onto continuation rows under their label instead of being cut. Frames at
/// 80×24, the smallest the interviewer screen draws (below it asks to enlarge).
extension InterviewViewTests {
    static let webLabel = "Through the online form on the municipality's website, after looking for the page of the office that deals with requests like yours"
    static let pecNote = "ALSO CERTIFIED E-MAIL (PEC) SENT BY A LAWYER OR ANOTHER INTERMEDIARY ON THE RESPONDENT'S BEHALF"

    static let longOptions = """
        survey wrap "Wrap"
        version 1
        single canale "How did you contact us the last time?"
          1 tel  "Phone"
          2 web  "\(webLabel)"
          3 mail "E-mail" instruction "\(pecNote)"
          4 desk "In person" instruction "AT THE DESK"
        """

    static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    /// The rows drawn in reverse (the highlight), as their frame indices.
    static func highlighted(_ frame: Frame) -> [Int] {
        frame.rows.indices.filter { frame.rows[$0].spans.contains { $0.style == .reverse } }
    }

    @Test func aLongOptionWrapsUnderItsLabelWithEveryWordOnScreen() throws {
        let frame = try ScreenRun(Self.longOptions).frame()
        let first = try #require(frame.row(containing: "2  Through the online form"))
        #expect(frame.lines[first].hasPrefix("  2  Through"))
        #expect(!frame.text.contains("…"), "nothing cut:\n\(frame.text)")
        let rows = frame.lines[first...].prefix { $0.hasPrefix("  2  ") || $0.hasPrefix("     ") && !$0.hasPrefix("     »") }
        #expect(rows.count == 2, "\(frame.text)")
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("     ") && $0.dropFirst(5).first != " " },
                "continuation rows start under the label: \(rows)")
        #expect(Self.words(rows.joined(separator: " ")) == ["2"] + Self.words(Self.webLabel))
        #expect(frame.lines[first + 2] == "  3  E-mail", "the next option follows, as short as ever")
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    /// An instruction that fits stays beside its option; one that does not takes rows
    /// of its own under the label, marked "»", in the instruction style, whole.
    @Test func anInstructionTooLongForTheRowGoesBelowItsOptionWhole() throws {
        let frame = try ScreenRun(Self.longOptions).frame()
        let desk = try #require(frame.row(containing: "4  In person"))
        #expect(frame.lines[desk] == "  4  In person  » AT THE DESK", "short: beside the option, as before")
        let mail = try #require(frame.row(containing: "3  E-mail"))
        #expect(frame.lines[mail] == "  3  E-mail")
        let notes = frame.lines[(mail + 1)..<desk]
        #expect(notes.count == 2 && notes.allSatisfy { $0.hasPrefix("     » ") }, "\(notes)")
        #expect(Self.words(notes.joined(separator: " ")).filter { $0 != "»" } == Self.words(Self.pecNote))
        for k in (mail + 1)..<desk {
            #expect(frame.rows[k].spans.contains { $0.style == .instruction && $0.text.hasPrefix("» ") })
            #expect(!frame.rows[k].spans.contains { $0.style != .instruction && $0.text.contains("E-MAIL") })
        }
    }

    @Test func theHighlightCoversEveryRowOfTheOptionAndUpDownMoveOptionByOption() throws {
        var run = try ScreenRun(Self.longOptions)
        try run.press(.down, .down)
        var frame = run.frame()
        var rows = Self.highlighted(frame)
        let first = try #require(frame.row(containing: "2  Through"))
        #expect(rows == [first, first + 1], "both rows of option 2")
        #expect(frame.fieldLine == " Answer: 2")
        try run.press(.down)
        frame = run.frame()
        rows = Self.highlighted(frame)
        #expect(rows.map { Frame.trimmed(frame.lines[$0]) }.first == "3  E-mail")
        #expect(rows.count == 3, "the option and its instruction's two rows")
        #expect(frame.rows[rows[1]].spans.first?.style == .reverse, "the indent under the label is highlighted too")
        try run.press(.up)
        frame = run.frame()
        #expect(Self.highlighted(frame) == [first, first + 1], "Up: back one option, not one row")
        try run.press(.enter)
        #expect(run.interview.values["canale"] == .number(2))
        #expect(run.recordLine.contains(#""canale":2"#), "\(run.recordLine)")
    }

    static var manyLongOptions: String {
        var s = """
            survey many "Many"
            version 1
            single ufficio "Which office did you speak to?"

            """
        for n in 1...12 { s += "  \(n) \"Office number \(n)\"\n" }
        s += "  13 \"The office for permits and licences of the northern district, on the second floor of the town hall\"\n"
        s += "  14 \"\(webLabel), or any other office reached through the switchboard of the town hall on a weekday morning\"\n"
        return s
    }

    /// On a list taller than the screen, the focused option is always shown whole,
    /// the long last one too, and the rows left out are counted as options.
    @Test func theFocusedLongOptionIsShownWholeAtTheBottomOfAShortTerminal() throws {
        var run = try ScreenRun(Self.manyLongOptions)
        let options = try #require({ if case .question(let p) = run.screen { return p.options } else { return nil } }())
        try run.press(.up)  // the last option
        var frame = run.frame()
        var rows = Self.highlighted(frame)
        #expect(rows.count > 2, "\(frame.text)")
        #expect(Self.words(rows.map { frame.lines[$0] }.joined(separator: " ")) == ["14"] + Self.words(options[13].label))
        let marker = try #require(frame.lines.first { $0.contains("more") })
        #expect(marker.contains("↓ 0 more"), "\(marker)")
        #expect(frame.fieldLine == " Answer: 14")
        // Down through every option: each in turn highlighted whole, on screen.
        for k in 0..<options.count {
            try run.press(.down)
            frame = run.frame()
            rows = Self.highlighted(frame)
            #expect(rows == Array((rows.first ?? 0)..<((rows.first ?? 0) + rows.count)), "one block of rows")
            #expect(Self.words(rows.map { frame.lines[$0] }.joined(separator: " ")) == ["\(k + 1)"] + Self.words(options[k].label),
                    "option \(k + 1):\n\(frame.text)")
            #expect(frame.fieldLine == " Answer: \(k + 1)")
        }
        try run.press(.enter)
        #expect(run.interview.values["ufficio"] == .number(14))
    }

    static let accesso = "Ease of reaching the service (a single number, several channels, opening hours that suit people who work during the day)"

    static let longGrid = """
        survey g "G"
        version 1
        grid aspetti "Marks from 1 to 5." scale 1..5
          accesso "\(accesso)"
          tono "Courtesy" instruction "EVEN IF ONLY IN PART, AND ALSO WHEN THE RESPONDENT SPOKE WITH MORE THAN ONE OPERATOR"
          speed "Speed" instruction "OF THE ANSWER"
        """

    @Test func aLongGridItemWrapsInItsColumnWithItsValueOnTheFirstRow() throws {
        var run = try ScreenRun(Self.longGrid)
        try run.answers("4")
        let frame = run.frame()
        let first = try #require(frame.row(containing: "accesso"))
        let text = 12  // "   accesso  ": the text column
        #expect(frame.lines[first].hasSuffix("4"), "the value on the item's first row: \(frame.lines[first])")
        let tono = try #require(frame.row(containing: "▸ tono"))
        let continuation = frame.lines[(first + 1)..<tono]
        #expect(continuation.count == 2 && continuation.allSatisfy {
            $0.hasPrefix(String(repeating: " ", count: text)) && $0.dropFirst(text).first != " "
        }, "\(frame.text)")
        let shown: [String] = Self.words(frame.lines[first]).dropFirst().dropLast() + Self.words(continuation.joined(separator: " "))
        #expect(shown == Self.words(Self.accesso), "\(frame.text)")
        // The current item (tono): its instruction does not fit beside it and takes
        // its own rows, in its column, all highlighted.
        #expect(Self.highlighted(frame) == [tono, tono + 1, tono + 2], "\(frame.text)")
        #expect(frame.lines[tono + 1].hasPrefix(String(repeating: " ", count: text) + "» EVEN IF"))
        #expect(Self.words(frame.lines[(tono + 1)...(tono + 2)].joined(separator: " ")).filter { $0 != "»" }
                == Self.words("EVEN IF ONLY IN PART, AND ALSO WHEN THE RESPONDENT SPOKE WITH MORE THAN ONE OPERATOR"))
        #expect(frame.lines[tono + 3].contains("speed    Speed  » OF THE ANSWER"), "short: beside, as before")
        #expect(!frame.text.contains("…"))
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    /// Wide characters count two columns: a long option of them wraps within the row.
    @Test func wideCharactersWrapByDisplayWidth() throws {
        let label = String(repeating: "中文", count: 30)  // 120 columns
        let frame = try ScreenRun("""
            survey w "W"
            version 1
            single q "Which?"
              1 "\(label)"
              2 "Other"
            """).frame()
        let first = try #require(frame.row(containing: "1  中文"))
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(frame.lines[first...(first + 1)].map { $0.filter { $0 != " " } }.joined() == "1" + label)
        #expect(frame.lines[first + 1].hasPrefix("     ") && frame.lines[first + 1].dropFirst(5).first != " ")
        #expect(frame.lines[first + 2] == "  2  Other")
    }

    static let householdText = "How many people, counting yourself and the children, live in your household most of the year?"

    /// A failed check lists the questions involved: a long one wraps under its text too,
    /// and the highlight covers it whole.
    @Test func aLongQuestionListedOnAFailedCheckWraps() throws {
        var run = try ScreenRun("""
            survey r "Rules"
            version 1
            number household "\(Self.householdText)" range 1..15
            number under14 "How many are under 14?" range 0..14
            check under14 < household "At least one person (the respondent) is 14 or over."
            """)
        try run.answers("2", "2")
        #expect(run.at == "check")
        try run.press(.down)
        var frame = run.frame()
        let first = try #require(frame.row(containing: "1  household  = 2"))
        let lead = " 1  household  = 2   ".count
        #expect(frame.lines[first + 1].hasPrefix(String(repeating: " ", count: lead)) && frame.lines[first + 1].dropFirst(lead).first != " ")
        #expect(Self.words(frame.lines[first...(first + 1)].joined(separator: " ")).dropFirst(4).map { $0 } == Self.words(Self.householdText))
        #expect(Self.highlighted(frame) == [first, first + 1])
        #expect(frame.lines[first + 2] == " 2  under14  = 2   How many are under 14?", "short: as before")
        frame = run.accessibleFrame()
        let said = try #require(frame.row(containing: "1  household = 2"))
        #expect(Self.words(frame.lines[said...(said + 1)].joined(separator: " ")).dropFirst(5).map { $0 } == Self.words(Self.householdText))
    }

    // MARK: - Screen-reader layout

    @Test func screenReaderLayoutWrapsLongOptionsAndPutsTheCursorOnTheirMark() throws {
        var run = try ScreenRun.screenReader(Self.longOptions)
        try run.press(.down, .down)
        let frame = run.accessibleFrame()
        let first = try #require(frame.row(containing: "2  Through"))
        #expect(frame.lines[first].hasPrefix(" > [ ] 2  Through"))
        #expect(frame.cursor == Position(row: first, column: 1), "the focus on the option's first row")
        let lead = " > [ ] 2  ".count
        #expect(frame.lines[first + 1].hasPrefix(String(repeating: " ", count: lead)) && frame.lines[first + 1].dropFirst(lead).first != " ")
        #expect(Self.words(frame.lines[first...(first + 1)].joined(separator: " ")).dropFirst(4).map { $0 } == Self.words(Self.webLabel))
        let mail = try #require(frame.row(containing: "3  E-mail"))
        let said = frame.lines[mail...].prefix { !$0.contains("4  In person") }.joined(separator: " ")
        #expect(Self.words(said).dropFirst(3).map { $0 } == ["E-mail", "(Instruction:"] + Self.words(Self.pecNote + ")"))
        #expect(!frame.text.contains("…"))
        #expect(frame.rows.indices.filter { frame.rows[$0].spans.contains { $0.style == .reverse } } == [first, first + 1])
    }

    @Test func screenReaderLayoutWrapsLongGridItems() throws {
        let frame = try ScreenRun.screenReader(Self.longGrid).accessibleFrame()
        let first = try #require(frame.row(containing: "accesso ="))
        #expect(frame.cursor?.row == first)
        #expect(!frame.text.contains("…"), "\(frame.text)")
        let tono = try #require(frame.row(containing: "tono    ="))
        let rows = frame.lines[tono...].prefix { !$0.contains("speed") }
        #expect(rows.count > 1 && rows.joined(separator: " ").contains("SPOKE WITH MORE THAN ONE OPERATOR)"), "\(frame.text)")
    }
}

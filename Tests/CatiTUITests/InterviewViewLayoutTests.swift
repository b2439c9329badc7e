import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
    // MARK: - Key line, sizes, long lists

    @Test func keyLineOffersF3AndF4OnlyOnQuestionsThatAllowThem() throws {
        var run = try ScreenRun(Self.shop)
        let frame = run.frame()
        // The first question allows neither dk nor refused: F3 and F4 would do nothing.
        #expect(frame.keyLine == " F2/^B back  F5/^N note  F9/^P suspend  F10/^X end")
        try run.answers("1")
        #expect(run.frame().lines[2].contains("F3 dk · F4 refused"))
        #expect(run.frame().keyLine == " F2/^B back  F3/^D dk  F4/^R refused  F5/^N note  F9/^P suspend  F10/^X end")
        #expect(frame.lines.count == 24)
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func dkAndRefusedAllowedAreShownNextToTheQuestionName() throws {
        var run = try ScreenRun(Self.shop)
        #expect(!run.frame().lines[2].contains("F3"))
        try run.answers("1")
        #expect(run.frame().lines[2].contains("F3 dk · F4 refused"))
        #expect(run.frame().lines[2].contains("(18–99)"))
    }

    @Test(arguments: [Size(width: 79, height: 24), Size(width: 80, height: 23), Size(width: 40, height: 10)])
    func belowEightyByTwentyFourAsksToEnlarge(size: Size) throws {
        let frame = try ScreenRun(Self.shop).frame(size)
        let words = frame.lines.map { Frame.trimmed($0) }.filter { !$0.isEmpty }.joined(separator: " ")
        #expect(words == "Enlarge the window to at least 80×24 (\(size.width)×\(size.height))", "\(frame.text)")
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= size.width })
        #expect(!frame.text.contains("colour"))
        #expect(frame.cursor == nil)
    }

    @Test func tooSmallInItalian() throws {
        let frame = try ScreenRun(Self.italian).frame(Size(width: 70, height: 20))
        #expect(frame.text.contains("Allargare la finestra ad almeno 80×24 (70×20)"))
    }

    @Test func largerWindowUsesTheWholeSize() throws {
        let frame = try ScreenRun(Self.shop).frame(Size(width: 120, height: 40))
        #expect(frame.lines.count == 40)
        #expect(frame.keyLine.contains("F10/^X end"))
        #expect(frame.fieldLine == " Answer:")
        #expect(DisplayWidth.of(frame.rows[0].text) == 120, "the title bar spans the width")
    }

    static var longList: String {
        var s = """
            survey l "Long"
            version 1
            single town "Which town do you live in?"

            """
        for n in 1...30 { s += "  \(n) \"Town number \(n)\"\n" }
        return s
    }

    @Test func longOptionListIsWindowedWithAMoreMarker() throws {
        var run = try ScreenRun(Self.longList)
        var frame = run.frame()
        #expect(frame.lines.count == 24)
        #expect(frame.lines.contains("   1  Town number 1"))
        #expect(!frame.lines.contains("  30  Town number 30"))
        let marker = try #require(frame.lines.first { $0.contains("more") })
        #expect(marker.contains("↑ 0 ·"), "\(marker)")
        let shown = frame.lines.filter { $0.contains("Town number") }.count
        #expect(marker.contains("↓ \(30 - shown) more"), "\(marker)")
        #expect(frame.fieldLine == " Answer:", "the field is not pushed off the screen")
        // Down 20 times: the highlighted row stays on screen.
        for _ in 0..<20 { try run.press(.down) }
        frame = run.frame()
        #expect(frame.rows(styled: .reverse) == ["20  Town number 20"])
        #expect(!frame.lines.contains("   1  Town number 1"))
        let moved = try #require(frame.lines.first { $0.contains("more") })
        #expect(!moved.contains("↑ 0 ·"))
        try run.press(.enter)
        #expect(run.interview.values["town"] == .number(20))
    }

    @Test func codeOfARowOffScreenCanBeTyped() throws {
        var run = try ScreenRun(Self.longList)
        try run.answers("30")
        #expect(run.interview.values["town"] == .number(30))
    }

    @Test func longTextScrollsInTheFieldWithTheCursorInView() throws {
        var run = try ScreenRun("""
            survey t "T"
            version 1
            text story "Tell me everything." max 300
            """)
        let typed = (0..<12).map { "parola\($0) " }.joined() + "fine"
        try run.type(typed, enter: false)
        var frame = run.frame()
        #expect(frame.fieldLine.hasSuffix("fine"), "the end of the text, where the cursor is, is shown")
        #expect(!frame.fieldLine.contains("parola0 "), "the start scrolled out")
        #expect(DisplayWidth.of(frame.fieldLine) <= 80)
        let cursor = try #require(frame.cursor)
        #expect(cursor.row == 21 && cursor.column < 80)
        #expect(cursor.column == DisplayWidth.of(frame.fieldLine), "the cursor stands right after the last character")
        try run.press(.home)
        frame = run.frame()
        #expect(frame.fieldLine.hasPrefix(" Answer: parola0 parola1"))
        #expect(frame.cursor?.column == 9)
        try run.press(.enter)
        #expect(run.interview.values["story"] == .text(typed), "the whole text is kept, not what was visible")
    }

    @Test func longGridKeepsTheCurrentItemInView() throws {
        var source = """
            survey g "G"
            version 1
            grid marks "Marks from 1 to 5." scale 1..5

            """
        for n in 1...25 { source += "  item\(n) \"Aspect number \(n)\"\n" }
        var run = try ScreenRun(source)
        for _ in 0..<19 { try run.answers("3") }
        let frame = run.frame()
        let current = try #require(frame.rows(styled: .reverse).first)
        #expect(current.hasPrefix("▸ item20"))
        #expect(frame.lines.contains { $0.contains("more") }, "a marker says rows are hidden")
        #expect(frame.lines.contains { $0.hasPrefix("   item19") && $0.hasSuffix(" 3") })
        #expect(frame.fieldLine == " Answer:")
        #expect(frame.topLine.hasSuffix("Q 20"))
    }
}

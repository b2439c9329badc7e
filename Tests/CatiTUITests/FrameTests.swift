import Testing

@testable import CatiTUI

struct FrameTests {
    @Test func textTrimsTrailingSpacesAndEmptyLines() {
        var frame = Frame(width: 20, height: 5)
        frame[0] = Row("Titolo", style: .title).padded(to: 20, style: .title)
        frame[1] = Row([Span("D1 ", style: .bold), Span("Età?")])
        #expect(frame.text == "Titolo\nD1 Età?")
        #expect(frame.lines.count == 5)
        #expect(frame.rows[0].width == 20)
    }

    @Test func rowsAreClippedToTheWidth() {
        let frame = Frame(width: 6, height: 2, rows: [Row("qualità alta"), Row("中文中文")])
        #expect(frame.lines == ["qualit", "中文中"])
        let odd = Frame(width: 5, height: 1, rows: [Row("中文中文")])
        #expect(odd.lines == ["中文"], "a wide character never straddles the edge")
    }

    @Test func rowsPastTheHeightAreDroppedAndMissingOnesEmpty() {
        let frame = Frame(width: 10, height: 2, rows: ["a", "b", "c"])
        #expect(frame.rows == [Row("a"), Row("b")])
        #expect(Frame(width: 10, height: 3, rows: ["a"]).rows.count == 3)
    }

    @Test func writingOutsideTheFrameIsIgnored() {
        var frame = Frame(width: 10, height: 2)
        frame[5] = "fuori"
        frame[-1] = "fuori"
        #expect(frame.text.isEmpty)
        #expect(frame[7] == .empty)
    }

    @Test func clippingKeepsStyles() {
        let row = Row([Span("ab", style: .bold), Span("cdef", style: .error)]).clipped(to: 4)
        #expect(row.spans == [Span("ab", style: .bold), Span("cd", style: .error)])
    }

    @Test func paddingFillsInTheGivenStyle() {
        let row = Row("x").padded(to: 4, style: .reverse)
        #expect(row.spans == [Span("x"), Span("   ", style: .reverse)])
        #expect(Row("abcdef").padded(to: 3) == Row("abc"))
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(Span("a\tb\nc\u{7}d\u{1B}[2J").text == "a b c?d?[2J")
        #expect(Row("x\u{85}y").text == "x?y")
    }

    @Test func rowsConcatenate() {
        var row = Row("a") + Row("b", style: .dim)
        row.append("c", style: .ok)
        row.append("")
        #expect(row.text == "abc")
        #expect(row.spans.map(\.style) == [.normal, .dim, .ok])
    }
}

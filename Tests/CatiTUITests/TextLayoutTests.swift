import Testing

@testable import CatiTUI

struct TextLayoutTests {
    @Test func wrapsAtWordsCountingColumns() {
        let text = "Perché è così importante la qualità del servizio?"
        let lines = TextLayout.wrap(text, width: 20)
        #expect(lines == ["Perché è così", "importante la", "qualità del", "servizio?"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
    }

    @Test func keepsLineBreaksAndCollapsesSpaces() {
        #expect(TextLayout.wrap("uno  due\n\ntre", width: 10) == ["uno due", "", "tre"])
        #expect(TextLayout.wrap("a\r\nb", width: 10) == ["a", "b"])
        #expect(TextLayout.wrap("", width: 10) == [""])
    }

    @Test func breaksWordsLongerThanTheLine() {
        #expect(TextLayout.wrap("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
        #expect(TextLayout.wrap("中文中文中", width: 5) == ["中文", "中文", "中"])
        #expect(TextLayout.wrap("中", width: 1) == ["中"])  // never loops on a too-wide character
    }

    @Test func wrapsNothingIntoNoColumns() {
        #expect(TextLayout.wrap("testo", width: 0).isEmpty)
    }

    static let truncations: [(String, Int, String)] = [
        ("città", 5, "città"), ("città di Roma", 8, "città d…"), ("città di Roma", 7, "città…"), ("abcdef", 4, "abc…"),
        ("中文中文", 5, "中文…"), ("中文中文", 4, "中…"), ("abc", 1, "…"), ("abc", 0, ""),
        ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
    ]

    @Test(arguments: truncations)
    func truncatesWithAnEllipsis(text: String, width: Int, expected: String) {
        let result = TextLayout.truncate(text, width: width)
        #expect(result == expected)
        #expect(DisplayWidth.of(result) <= width)
    }

    @Test func padsToExactlyTheWidth() {
        #expect(TextLayout.pad("sì", width: 5) == "sì   ")
        #expect(TextLayout.pad("sì", width: 5, alignment: .right) == "   sì")
        #expect(TextLayout.pad("sì", width: 5, alignment: .center) == " sì  ")
        #expect(TextLayout.pad("中文中", width: 5) == "中文…")
        #expect(TextLayout.pad("中文中文", width: 4) == "中… ")
        #expect(DisplayWidth.of(TextLayout.pad("中文中文", width: 4)) == 4)
    }

    @Test func prefixFitsTheColumns() {
        #expect(TextLayout.prefix("中文", width: 3) == ("中", 2))
        #expect(TextLayout.prefix("àbc", width: 2) == ("àb", 2))
    }
}

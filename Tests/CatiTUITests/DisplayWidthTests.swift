import Glibc
import Testing

@testable import CatiTUI

/// glibc's wcwidth (its header hides it from Swift without _XOPEN_SOURCE).
@_silgen_name("wcwidth")
private func libcWidth(_ character: Int32) -> Int32

struct DisplayWidthTests {
    static let cases: [(String, Int)] = [
        ("", 0), ("abc", 3), ("àèìòù", 5), ("perché è così", 13), ("€", 1), ("Ÿœ", 2),
        ("e\u{301}", 1), ("a\u{308}\u{304}", 1), ("中文", 4), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4),
        ("한국어", 6), ("😀", 2), ("a\u{200B}b", 2), ("\u{FEFF}", 0), ("\t", 0),
    ]

    @Test(arguments: cases)
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func characterWidthSumsItsScalars() {
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Character("中")) == 2)
    }

    @Test func theWideTableIsSortedAndDisjoint() {
        let ranges = DisplayWidth.wideRanges
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            #expect(a.upperBound < b.lowerBound, "\(a) then \(b)")
        }
    }

    /// Where glibc's Unicode data is settled, ours agrees with the wcwidth that curses
    /// uses to place characters (so what we count is what the terminal advances).
    @Test(arguments: [
        0x20...0x7E, 0xA0...0x2FF, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF, 0x1E00...0x1EFF,
        0x2000...0x200F, 0x20A0...0x20BF, 0x3000...0x303E, 0x3041...0x3096, 0x4E00...0x4FFF,
        0xAC00...0xAD00, 0xFF01...0xFF60, 0xFF61...0xFF9F,
    ] as [ClosedRange<UInt32>])
    func agreesWithGlibc(range: ClosedRange<UInt32>) throws {
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        for value in range {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned
            else { continue }
            let expected = max(0, Int(libcWidth(Int32(bitPattern: value))))
            #expect(DisplayWidth.of(scalar) == expected, "U+\(String(value, radix: 16, uppercase: true))")
        }
    }
}

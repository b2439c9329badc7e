import Testing

@testable import CatiTUI

struct KeyDecoderTests {
    static let characters: [(UInt32, Key?)] = [
        (0x61, .char("a")), (0x51, .char("Q")), (0x20, .char(" ")), (0x71, .char("q")),
        (0xE0, .char("à")), (0xE8, .char("è")), (0xF9, .char("ù")), (0x20AC, .char("€")),
        (0x4E2D, .char("中")), (0x1F600, .char("😀")),
        (10, .enter), (13, .enter), (9, .tab), (8, .backspace), (127, .backspace), (27, .escape),
        // The alternatives of F2, F3, F4, F5, F9, F10.
        (2, .ctrl("b")), (4, .ctrl("d")), (18, .ctrl("r")), (14, .ctrl("n")), (16, .ctrl("p")),
        (24, .ctrl("x")),
        // raw(): these are keys, not signals or flow control.
        (3, .ctrl("c")), (19, .ctrl("s")), (17, .ctrl("q")), (26, .ctrl("z")), (1, .ctrl("a")),
        (0, nil), (28, nil), (31, nil), (0x85, nil), (0x9F, nil), (0xD800, nil), (0x110000, nil),
    ]

    @Test(arguments: characters)
    func decodesCharacters(value: UInt32, expected: Key?) {
        #expect(KeyDecoder.decode(.character(value)) == expected)
    }

    static let keyCodes: [(Int32, Key?)] = [
        (0o527, .enter), (0o407, .backspace), (0o403, .up), (0o402, .down), (0o404, .left),
        (0o405, .right), (0o406, .home), (0o550, .end), (0o523, .pageUp), (0o522, .pageDown),
        (0o512, .delete), (0o513, .insert), (0o541, .backTab), (0o632, .resize),
        (0o410 + 1, .function(1)), (0o410 + 2, .function(2)), (0o410 + 3, .function(3)),
        (0o410 + 4, .function(4)), (0o410 + 5, .function(5)), (0o410 + 9, .function(9)),
        (0o410 + 10, .function(10)), (0o410 + 12, .function(12)),
        (0o410, nil), (0o401, nil), (0o631, nil), (0, nil), (-1, nil),
    ]

    @Test(arguments: keyCodes)
    func decodesKeyCodes(code: Int32, expected: Key?) {
        #expect(KeyDecoder.decode(.keyCode(code)) == expected)
    }

    @Test func theDecodersNumbersAreTheHeaders() {
        for (name, decoder, header) in CursesHeaderValues.keyCodes {
            #expect(decoder == header, "KEY_ \(name)")
        }
        for (color, header) in CursesHeaderValues.colors {
            #expect(Int32(color.rawValue) == header, "\(color)")
        }
    }

    static let descriptions: [(Key, String)] = [
        (.function(2), "function(2)"), (.ctrl("b"), "ctrl(b)"), (.char("à"), "char(à)"),
        (.enter, "enter"), (.backspace, "backspace"), (.pageUp, "pageUp"), (.resize, "resize"),
    ]

    @Test(arguments: descriptions)
    func describesKeys(key: Key, text: String) {
        #expect(key.description == text)
    }
}

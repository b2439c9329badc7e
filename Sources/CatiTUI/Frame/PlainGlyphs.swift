/// Screen-reader mode writes letters, digits, punctuation and ASCII marks only: the
/// glyphs the normal screens use for lines, bars, arrows and pointers are spelled out
/// here, so that a braille display or a speech synthesiser never meets a box-drawing,
/// block or geometric-shape character (they read as "box drawings light vertical" or
/// as nothing).
public enum PlainGlyphs {
    /// Each glyph of the normal screens, and what screen-reader mode writes instead.
    static let replacements: [Character: String] = [
        "│": "|", "┃": "|", "─": "-", "━": "-", "┼": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+",
        "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "█": "#", "▓": "#", "▒": "+", "░": ".", "▏": "|", "▌": "|", "▐": "|",
        "▸": ">", "▶": ">", "►": ">", "◂": "<", "◀": "<", "▲": "^", "▼": "v", "●": "*", "○": "o", "■": "#", "□": "o",
        "☎": "tel.", "↑": "^", "↓": "v", "←": "<", "→": ">", "»": ">>", "«": "<<", "✓": "ok", "✗": "x",
    ]

    /// True for characters screen-reader mode never writes: box drawing (U+2500–257F),
    /// block elements (U+2580–259F), geometric shapes (U+25A0–25FF), arrows (U+2190–21FF)
    /// and miscellaneous symbols (U+2600–26FF).
    public static func isGlyph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2190...0x21FF, 0x2500...0x25FF, 0x2600...0x26FF: true
        default: false
        }
    }

    /// `text` with every glyph replaced (an unknown one by "*").
    public static func plain(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isGlyph($0) || $0 == "»" || $0 == "«" }) else { return text }
        var out = ""
        for character in text {
            if let replacement = replacements[character] {
                out += replacement
            } else if character.unicodeScalars.contains(where: isGlyph) {
                out += "*"
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension Frame {
    /// The frame with every glyph spelled in ASCII (see `PlainGlyphs`); rows keep their
    /// styles. A replacement wider than its glyph ("tel.") pushes the rest of the row.
    public func withPlainGlyphs() -> Frame {
        var out = Frame(size: size, rows: rows.map { row in
            Row(row.spans.map { Span(PlainGlyphs.plain($0.text), style: $0.style) })
        }, cursor: cursor)
        out.cursor = cursor
        return out
    }
}

/// Fitting text into columns, counting display columns (see `DisplayWidth`).
public enum TextLayout {
    public enum Alignment: Sendable { case left, right, center }

    /// The longest prefix of `text` that fits in `width` columns, and its width.
    public static func prefix(_ text: String, width: Int) -> (text: String, width: Int) {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = DisplayWidth.of(text[index])
            if used + w > width { break }
            used += w
            end = text.index(after: index)
        }
        return (String(text[..<end]), used)
    }

    /// Word-wraps `text` into lines of at most `width` columns. Line breaks in the
    /// text start a new line (an empty one for an empty paragraph); runs of spaces
    /// between words become one; a word longer than the line is broken.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        let paragraphs = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for paragraph in paragraphs {
            let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" })
            var line = ""
            var lineWidth = 0
            for word in words {
                var word = String(word)
                var wordWidth = DisplayWidth.of(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                }
                while wordWidth > width {
                    var (head, headWidth) = prefix(word, width: width)
                    if head.isEmpty, let first = word.first {  // one character wider than the line
                        head = String(first)
                        headWidth = DisplayWidth.of(first)
                    }
                    lines.append(head)
                    word.removeFirst(head.count)
                    wordWidth -= headWidth
                }
                line = word
                lineWidth = wordWidth
            }
            if !line.isEmpty || words.isEmpty {  // empty only for an empty paragraph
                lines.append(line)
            }
        }
        return lines
    }

    /// `text` if it fits in `width` columns; otherwise cut, with `ellipsis` at the end
    /// (spaces before the ellipsis dropped). The result never exceeds `width` columns.
    public static func truncate(_ text: String, width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return prefix(text, width: width).text }
        var head = Substring(prefix(text, width: width - ellipsisWidth).text)
        while head.last == " " { head.removeLast() }
        return head + ellipsis
    }

    /// `text` truncated (with an ellipsis) or filled with spaces to exactly `width`
    /// columns.
    public static func pad(_ text: String, width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, width: width)
        let missing = width - DisplayWidth.of(fitted)
        let left: Int
        switch alignment {
        case .left: left = 0
        case .right: left = missing
        case .center: left = missing / 2
        }
        return String(repeating: " ", count: left) + fitted
            + String(repeating: " ", count: missing - left)
    }
}

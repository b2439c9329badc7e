/// A run of text in one style. Control characters cannot reach the terminal: a tab or
/// a line break becomes a space, any other control character a `?`.
public struct Span: Sendable, Hashable {
    public let text: String
    public let style: Style

    public init(text: String, style: Style = .normal) {
        self.text = Span.sanitized(text)
        self.style = style
    }

    public init(_ text: String, style: Style = .normal) {
        self.init(text: text, style: style)
    }

    /// Display columns.
    public var width: Int { DisplayWidth.of(text) }

    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isControl(scalar) {
                out.append(scalar)
            } else if scalar == "\t" || scalar == "\n" || scalar == "\r" {
                out.append(" ")
            } else {
                out.append("?")
            }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

/// One line of a frame: spans left to right.
public struct Row: Sendable, Hashable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans.filter { !$0.text.isEmpty }
    }

    public init(_ text: String, style: Style = .normal) {
        self.init([Span(text, style: style)])
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public static let empty = Row()

    /// The text without styles.
    public var text: String { spans.map(\.text).joined() }

    /// Display columns.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    public mutating func append(_ text: String, style: Style = .normal) {
        if !text.isEmpty { spans.append(Span(text, style: style)) }
    }

    public static func + (lhs: Row, rhs: Row) -> Row {
        Row(lhs.spans + rhs.spans)
    }

    /// The row cut to at most `width` columns (no ellipsis; a wide character that
    /// would straddle the edge is left out).
    public func clipped(to width: Int) -> Row {
        var left = max(0, width)
        var out: [Span] = []
        for span in spans {
            guard left > 0 else { break }
            let w = span.width
            if w <= left {
                out.append(span)
                left -= w
            } else {
                let (head, headWidth) = TextLayout.prefix(span.text, width: left)
                out.append(Span(head, style: span.style))
                left -= headWidth
                break
            }
        }
        return Row(out)
    }

    /// The row cut or filled with spaces in `style` to exactly `width` columns:
    /// a title bar in `.title` across the whole line, for example.
    public func padded(to width: Int, style: Style = .normal) -> Row {
        let clipped = clipped(to: width)
        let missing = width - clipped.width
        guard missing > 0 else { return clipped }
        return Row(clipped.spans + [Span(String(repeating: " ", count: missing), style: style)])
    }
}

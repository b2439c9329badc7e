/// What a piece of text is for. Screens choose a role; the terminal decides how it
/// looks: colour where the terminal has it and `NO_COLOR` is unset, attributes only
/// otherwise. Every role stays readable on 8 colours, on light or dark backgrounds,
/// and in monochrome.
public enum Style: String, Sendable, Hashable, CaseIterable {
    /// Plain text.
    case normal
    /// Emphasis.
    case bold
    /// Underlined text.
    case underline
    /// The highlighted (selected) row.
    case reverse
    /// Secondary text: hints, empty cells.
    case dim
    /// The top line of a screen.
    case title
    /// The answer field being typed into.
    case input
    /// Validation errors, a full quota cell.
    case error
    /// Warnings that ask for confirmation, a cell close to full.
    case warning
    /// Confirmations ("saved").
    case ok
    /// Interviewer instructions: shown, never read aloud.
    case instruction
}

/// One of the eight basic terminal colours, numbered as curses numbers them.
public enum TerminalColor: Int16, Sendable, Hashable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a style looks: colours (nil: the terminal's default) and attributes.
public struct Appearance: Sendable, Hashable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false

    public init(
        foreground: TerminalColor? = nil, background: TerminalColor? = nil,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// True when this appearance uses a colour.
    public var isColored: Bool { foreground != nil || background != nil }
}

extension Style {
    /// The appearance of this role, with colours or with attributes only.
    /// Coloured roles set both colours (never a foreground on the unknown default
    /// background) so they read the same on dark and light terminals.
    public func appearance(color: Bool) -> Appearance {
        switch (self, color) {
        case (.normal, _): Appearance()
        case (.bold, _): Appearance(bold: true)
        case (.underline, _): Appearance(underline: true)
        case (.reverse, _): Appearance(reverse: true)
        case (.dim, _): Appearance(dim: true)
        case (.input, _): Appearance(underline: true)
        case (.title, false): Appearance(bold: true, reverse: true)
        case (.title, true): Appearance(foreground: .white, background: .blue, bold: true)
        case (.error, false): Appearance(bold: true, reverse: true)
        case (.error, true): Appearance(foreground: .white, background: .red, bold: true)
        case (.warning, false): Appearance(bold: true, underline: true)
        case (.warning, true): Appearance(foreground: .black, background: .yellow)
        case (.ok, false): Appearance(bold: true)
        case (.ok, true): Appearance(foreground: .black, background: .green)
        case (.instruction, false): Appearance(underline: true, dim: true)
        case (.instruction, true): Appearance(foreground: .black, background: .cyan)
        }
    }
}

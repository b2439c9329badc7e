/// A size in terminal cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)x\(height)" }
}

/// A cell position, zero-based, row first.
public struct Position: Sendable, Hashable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// Everything a screen shows, as a value: `height` rows, each at most `width` columns,
/// and where the cursor stands (nil: hidden). Screens build frames; the terminal draws
/// them; tests read `text`.
public struct Frame: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var rows: [Row]
    public var cursor: Position?

    /// Rows past `height` are dropped, missing ones are empty, each is clipped to `width`.
    public init(width: Int, height: Int, rows: [Row] = [], cursor: Position? = nil) {
        self.width = max(0, width)
        self.height = max(0, height)
        var fitted = rows.prefix(self.height).map { $0.clipped(to: max(0, width)) }
        fitted += Array(repeating: Row.empty, count: self.height - fitted.count)
        self.rows = fitted
        self.cursor = cursor
    }

    public init(size: Size, rows: [Row] = [], cursor: Position? = nil) {
        self.init(width: size.width, height: size.height, rows: rows, cursor: cursor)
    }

    public var size: Size { Size(width: width, height: height) }

    /// A row; reading outside the frame gives an empty row, writing there is ignored,
    /// so a screen drawn on a tiny terminal never traps.
    public subscript(row: Int) -> Row {
        get { rows.indices.contains(row) ? rows[row] : .empty }
        set {
            guard rows.indices.contains(row) else { return }
            rows[row] = newValue.clipped(to: width)
        }
    }

    /// Each row as plain text, trailing spaces trimmed.
    public var lines: [String] {
        rows.map { Frame.trimmingTrailingSpaces($0.text) }
    }

    /// The frame as plain text for tests: lines joined with "\n", trailing spaces and
    /// trailing empty lines trimmed.
    public var text: String {
        var lines = self.lines
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

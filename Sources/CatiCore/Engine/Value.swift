/// A variable's value during an interview.
public enum Value: Sendable, Hashable {
    /// Not asked, not reached, or optional and left empty.
    case absent
    case dk
    case refused
    case number(Double)
    case text(String)
    /// A multi answer: codes in ascending order.
    case codes([Int])
    case bool(Bool)

    /// A real answer: neither absent nor dk nor refused.
    public var isPresent: Bool {
        switch self {
        case .absent, .dk, .refused: return false
        default: return true
        }
    }

    public var number: Double? {
        if case .number(let n) = self { return n } else { return nil }
    }

    public var code: Int? {
        if case .number(let n) = self, n == n.rounded(), abs(n) < 1e15 { return Int(n) } else { return nil }
    }
}

/// One row of the sample file: its `id` and every other column, as written.
public struct SampleRecord: Sendable, Hashable {
    public let id: String
    public let fields: [String: String]
    /// The line of the sample file the row came from (1 = header).
    public let line: Int

    public init(id: String, fields: [String: String], line: Int = 0) {
        self.id = id
        self.fields = fields
        self.line = line
    }

    /// A non-empty cell, trimmed.
    public func value(_ column: String) -> String? {
        guard let raw = fields[column] else { return nil }
        let trimmed = raw.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }
}

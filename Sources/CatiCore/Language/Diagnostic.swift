/// One finding of the checker: an error stops the questionnaire from running,
/// a warning does not.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// `FILE:LINE:COL: error: message`, the source line, and a caret under the spot.
    public func rendered(file: String, source: SourceText) -> String {
        var out = "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let line = source.line(location.line) {
            let shown = line.replacingTabs()
            out += "\n" + shown + "\n"
            let caretColumn = max(1, min(location.column, shown.count + 1))
            out += String(repeating: " ", count: caretColumn - 1) + "^"
        }
        return out
    }
}

/// Collects diagnostics in the order they are found; only the front end prints them.
public struct DiagnosticList: Sendable {
    public private(set) var items: [Diagnostic] = []
    /// Kept as errors are added: the checker asks after every condition.
    public private(set) var errorCount = 0

    public init() {}

    public var hasErrors: Bool { errorCount > 0 }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    public mutating func error(_ message: Message, at location: SourceLocation) {
        items.append(Diagnostic(.error, at: location, message.text))
        errorCount += 1
    }

    public mutating func warning(_ message: Message, at location: SourceLocation) {
        items.append(Diagnostic(.warning, at: location, message.text))
    }

    func mapLocations(_ transform: (SourceLocation) -> SourceLocation) -> DiagnosticList {
        var copy = self
        copy.items = items.map { Diagnostic($0.severity, at: transform($0.location), $0.message) }
        return copy
    }

    /// Errors first in file order, then warnings in file order.
    public var sorted: [Diagnostic] {
        let order: (Diagnostic, Diagnostic) -> Bool = { $0.location < $1.location }
        return errors.sorted(by: order) + warnings.sorted(by: order)
    }
}

extension String {
    func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

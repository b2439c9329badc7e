/// One finding of the checker: an error stops the questionnaire from running,
/// a warning does not.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// A note explains the error it belongs to (clang's "note:"): it is kept in
        /// that error's `notes`, never on its own in a list.
        case error, warning, note
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// Notes that point elsewhere in the file to explain this diagnostic, printed
    /// right after it.
    public var notes: [Diagnostic] = []

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// The diagnostic followed by its notes.
    public var withNotes: [Diagnostic] { [self] + notes }

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
        for note in notes { out += "\n" + note.rendered(file: file, source: source) }
        return out
    }
}

/// A string literal that opens on one line and closes on a later one.
struct MultiLineString: Sendable {
    /// Where the opening quote stands.
    var open: SourceLocation
    /// Where the closing quote stands.
    var close: SourceLocation
    var lineCount: Int { close.line - open.line + 1 }
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
        copy.items = items.map { d in
            var mapped = Diagnostic(d.severity, at: transform(d.location), d.message)
            mapped.notes = d.notes.map { Diagnostic(.note, at: transform($0.location), $0.message) }
            return mapped
        }
        return copy
    }

    /// Gives the first error after each string literal that runs over several lines,
    /// on the line where that string closes, a note at the string's opening: a quote
    /// left out makes the text run on (legally) to the next quote, and the errors then
    /// appear where it ends, far from the mistake.
    mutating func noteRunOnStrings(_ strings: [MultiLineString]) {
        guard errorCount > 0, !strings.isEmpty else { return }
        var errorsOnLine: [Int: [Int]] = [:]
        for (k, d) in items.enumerated() where d.severity == .error {
            errorsOnLine[d.location.line, default: []].append(k)
        }
        var taken = Set<Int>()
        for s in strings {
            let after = (errorsOnLine[s.close.line] ?? []).filter {
                !taken.contains($0) && items[$0].location.column > s.close.column
            }
            guard let i = after.min(by: { items[$0].location < items[$1].location }) else { continue }
            taken.insert(i)
            items[i].notes.append(Diagnostic(.note, at: s.open, Message.runOnString(lines: s.lineCount).text))
        }
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

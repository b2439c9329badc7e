import Foundation

/// The line mode's only door to the terminal: lines out on stdout, lines in from stdin.
/// The terminal stays as the shell left it (canonical mode): it echoes what is typed
/// and does its own line editing; nothing here sets a mode or addresses the cursor.
public protocol LineConsole: AnyObject {
    /// Writes `text` as it is (a prompt has no line break).
    func write(_ text: String)
    /// The next typed line without its line break; throws `TerminalError.hangUp` at the
    /// end of the input (the terminal went away, or Ctrl-D on an empty line).
    func readLine() throws(TerminalError) -> String
}

extension LineConsole {
    /// Writes whole lines.
    func say(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.map { $0 + "\n" }.joined())
    }
    func say(_ line: String) { say([line]) }
}

/// stdin and stdout of the process.
public final class StandardLineConsole: LineConsole {
    public init() {}

    public func write(_ text: String) {
        FileHandle.standardOutput.write(Data(PlainOutput.clean(text).utf8))
    }

    public func readLine() throws(TerminalError) -> String {
        guard let line = Swift.readLine(strippingNewline: true) else { throw .hangUp }
        return line.last == "\r" ? String(line.dropLast()) : line
    }
}

/// What may reach the terminal in the line mode.
public enum PlainOutput {
    /// `text` without control characters other than line breaks and tabs: a
    /// questionnaire's text can never make the line mode send an escape sequence.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRemoved) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter { !isRemoved($0) })
        return String(out)
    }

    static func isRemoved(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n" && s != "\t") || s.value == 0x7F || (0x80...0x9F).contains(s.value)
    }
}

/// When `cati interview` runs in the line mode.
public enum LineMode {
    /// `--plain`, or a terminal that cannot move the cursor by name (TERM=dumb).
    public static func chosen(_ flag: Bool, environment: [String: String]) -> Bool {
        flag || environment["TERM"] == "dumb"
    }
}

import CatiTestSupport
import CatiCore
import Foundation

/// Runs `cati check` on a file in a child process and reads its diagnostics back: for
/// corpus files that crash(ed) the checker, so that a crash fails one test, not the run.
enum IsolatedCheck {
    struct Outcome {
        var diagnostics: [Diagnostic]
        /// Exit status 0: the questionnaire checked without error.
        var succeeded: Bool
        /// Set when the process did not exit normally with 0 or 1 (a crash, a timeout).
        var failure: String?
    }

    enum Failure: Error, CustomStringConvertible {
        case executableNotFound(String)
        var description: String {
            switch self { case .executableNotFound(let why): return why }
        }
    }

    static func run(_ path: String, timeout: Duration = .seconds(30)) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CatiExecutable.path())
        process.arguments = ["check", "--quiet", path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        try process.run()
        // A hang must not hang the test: the child is stopped at the deadline.
        let watched = Watched(process)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(timeout.components.seconds * 1000))) {
            if watched.process.isRunning {
                watched.timedOut = true
                watched.process.terminate()
            }
        }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if watched.timedOut {
            return Outcome(diagnostics: [], succeeded: false, failure: "timed out after \(timeout)")
        }
        let text = String(decoding: output, as: UTF8.self)
        let diagnostics = text.split(separator: "\n").compactMap { parse(String($0), file: path) }
        var failure: String?
        if process.terminationReason == .uncaughtSignal {
            failure = "crashed (signal \(process.terminationStatus)):\n\(text)"
        } else if process.terminationStatus != 0, process.terminationStatus != 1 {
            failure = "exited with status \(process.terminationStatus):\n\(text)"
        }
        return Outcome(diagnostics: diagnostics, succeeded: process.terminationStatus == 0 && failure == nil,
                       failure: failure)
    }

    private final class Watched: @unchecked Sendable {
        let process: Process
        var timedOut = false
        init(_ process: Process) { self.process = process }
    }

    /// `FILE:LINE:COL: error: message` → a diagnostic; other lines (the source, the caret,
    /// the summary) → nil.
    static func parse(_ line: String, file: String) -> Diagnostic? {
        let prefix = file + ":"
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        let parts = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let l = Int(parts[0]), let c = Int(parts[1]) else { return nil }
        let severityAndMessage = parts[2...].joined(separator: ":").drop { $0 == " " }
        for severity in [Diagnostic.Severity.error, .warning, .note] where severityAndMessage.hasPrefix(severity.rawValue + ": ") {
            let message = String(severityAndMessage.dropFirst(severity.rawValue.count + 2))
            return Diagnostic(severity, at: SourceLocation(line: l, column: c), message)
        }
        return nil
    }
}

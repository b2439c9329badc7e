import ArgumentParser
import CatiCore
import CatiStore
import CatiTUI
import Foundation

/// `cati monitor`: the supervisor screen; `--plain` and `--json` without curses.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "The supervisor screen: quotas, interviews in progress, interviewers, survey pace; live."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "Sample file (accepted for symmetry with 'cati interview'; not needed to monitor).")
    var sample: String?

    @Option(help: "End of fieldwork (YYYY-MM-DD, the end of that day, local time): completes expected by now against actual.")
    var until: String?

    @Flag(help: "Plain text instead of the screen, printed again whenever a figure changes (for a log, or no curses).")
    var plain = false

    @Flag(help: "With --plain: print once and exit.")
    var once = false

    @Flag(help: "Every figure once, as JSON.")
    var json = false

    @Flag(help: "Screen-reader mode: the cursor on the panel's first row, no redraw except on a key or a change of data, ASCII marks (also CATI_SCREEN_READER=1; see docs/accessibility.md).")
    var screenReader = false

    func run() throws {
        if once && !plain && !json { throw UserError("--once goes with --plain") }
        if plain && json { throw UserError("--plain and --json cannot be used together") }
        let questionnaire = try QuestionnaireFile.load(file)
        if let sample { _ = try SampleLoader.load(sample, for: questionnaire) }
        let store = try dataOptions.existingStore(for: questionnaire)
        try Access.require(.monitor, in: store)
        let offset = TimeZone.current.secondsFromGMT()
        let end = try until.map { try Self.endOfDay($0, utcOffset: offset) }
        let source = MonitorSource(questionnaire: questionnaire, store: store, until: end, utcOffset: offset)
        if json {
            source.refresh()
            var figures = source.figures(now: Platform.now).json
            if case .object(var members) = figures, let latest = Self.latestAudit(store) {
                members.append(("audit", .array(latest.compactMap { JSONParser.parseObject($0) })))
                figures = .object(members)
            }
            print(figures.serialized)
            return
        }
        if plain { return runPlain(source, store: store) }
        let code: Int32 = try MainActor.assumeIsolated {
            let app = MonitorApp(source: source, utcOffset: offset,
                                 environment: ScreenReaderMode.environment(ProcessInfo.processInfo.environment,
                                                                           screenReader: screenReader, bell: false))
            do { return try app.run() } catch let error as TerminalError { throw UserError(error.description) }
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// Prints the panels whenever they change (checked every second), with the time.
    private func runPlain(_ source: MonitorSource, store: any InterviewStore) {
        var last = ""
        while true {
            source.refresh()
            let now = Platform.now
            var text = MonitorPanels(figures: source.figures(now: now)).plainText()
            if let latest = Self.latestAudit(store), !latest.isEmpty {
                text += "\nAudit trail (latest \(latest.count)):\n" + latest.map(Self.auditLine).joined(separator: "\n") + "\n"
            }
            if text != last {
                var out = "-- \(Timestamp.rfc3339(now)) · \(source.feed.tally.records) finished --\n"
                if let message = source.message { out += message + "\n" }
                FileHandle.standardOutput.write(Data((out + text + "\n\n").utf8))
                last = text
            }
            if once { return }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    /// Seconds since 1970 of the end of day `YYYY-MM-DD` in local time.
    static func endOfDay(_ text: String, utcOffset: Int) throws -> Double {
        guard let midnight = Timestamp.parse(text + "T00:00:00Z") else {
            throw UserError("--until '\(text)' is not a date YYYY-MM-DD")
        }
        return midnight + 86_400 - Double(utcOffset)
    }

    /// The latest entries of the audit trail (a survey with settings), for the
    /// supervisor: nil when there is none.
    static func latestAudit(_ store: any InterviewStore, count: Int = 5) -> [[UInt8]]? {
        guard (try? store.surveySettings()) ?? nil != nil, let lines = try? store.auditLines() else { return nil }
        return Array(lines.suffix(count))
    }

    /// "2026-12-06T20:38:59Z  report  anna@cc1"
    static func auditLine(_ line: [UInt8]) -> String {
        guard let json = JSONParser.parseObject(line) else { return "  (unreadable line)" }
        return "  \(json["at"]?.stringValue ?? "?")  \(json["action"]?.stringValue ?? "?")  "
            + "\(json["login"]?.stringValue ?? "?")@\(json["host"]?.stringValue ?? "?")"
    }
}

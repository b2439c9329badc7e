import CatiTestSupport
import Foundation
import Testing

/// What the interviewer-screen end-to-end tests share: a private data folder, the
/// repository's questionnaires, `cati interview` started in a private tmux server,
/// the saved records, and the cati process found by its unique data folder.

enum InterviewFiles {
    /// The package root (this file is Tests/CatiCLITests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func questionnaire(_ name: String) -> String { root + "/questionnaires/" + name }
}

/// One `cati interview` run: its tmux session, its data folder, and helpers that read
/// what an interviewer and a researcher would look at.
final class InterviewScreen {
    let session: TmuxSession
    let data: String

    /// Starts `cati interview FILE --data DATA --interviewer ID ARGS…` in a `width`×`height`
    /// pane. After cati exits, `stty -a` is written to stty.txt (the terminal's modes as
    /// cati left them) and the shell exits with cati's status.
    convenience init(_ file: String, data: String, interviewer: String = "maria", arguments: [String] = [], width: Int = 80,
         height: Int = 24, environment: [String: String] = [:]) throws {
        let cati = try CatiExecutable.path()
        let command = [cati, "interview", file, "--data", data, "--interviewer", interviewer] + arguments
        let script = "\(TmuxSession.quote(command)); rc=$?; stty -a > stty.txt 2>&1; exit $rc"
        try self.init(script: script, data: data, width: width, height: height, environment: environment)
    }

    /// Runs `script` (shell text that runs cati on `data`: over ssh, as another login).
    init(script: String, data: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        self.data = data
        session = try TmuxSession(width: width, height: height, script: script, environment: environment)
    }

    // MARK: Keys

    /// Types `text` literally, then Enter.
    func answer(_ text: String) throws {
        if !text.isEmpty { try session.type(text) }
        try session.sendKeys("Enter")
    }

    // MARK: Screen

    func screen() throws -> String { try session.screen() }

    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(180)) async throws -> String {
        try await session.waitFor(text, timeout: timeout)
    }

    /// Waits until the question (or grid) `name` is asked: its name starts row 3.
    @discardableResult
    func waitForQuestion(_ name: String, timeout: Duration = .seconds(180)) async throws -> String {
        try await session.waitUntil("question \(name) is asked", timeout: timeout) { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > 3 else { return false }
            let words = lines[2].split(separator: " ")
            return words.first.map(String.init) == name && !lines[3].hasPrefix(" Specify") && !lines[3].hasPrefix(" Specificare")
        }
    }

    /// Waits until the message line (row height−1) contains `text`.
    @discardableResult
    func waitForMessage(_ text: String, timeout: Duration = .seconds(180)) async throws -> String {
        try await session.waitUntil("the message line shows \(text.debugDescription)", timeout: timeout) { screen in
            InterviewScreen.lines(screen, height: self.session.height).message.contains(text)
        }
    }

    /// The field, message and key lines of a captured screen.
    static func lines(_ screen: String, height: Int) -> (field: String, message: String, keys: String) {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.count < height { lines.append("") }
        return (lines[height - 3], lines[height - 2], lines[height - 1])
    }

    func field(of screen: String) -> String { Self.lines(screen, height: session.height).field }
    func message(of screen: String) -> String { Self.lines(screen, height: session.height).message }

    /// The grid item marked as current ("▸ name").
    static func currentItem(_ screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("▸ ") {
                return trimmed.dropFirst(2).split(separator: " ").first.map(String.init)
            }
        }
        return nil
    }

    /// Answers the grid item by item, each with the value `values[item]`, reading which
    /// item is current from the screen; returns the items in the order asked.
    @discardableResult
    func answerGrid(_ name: String, _ values: [String: String], count: Int? = nil) async throws -> [String] {
        var asked: [String] = []
        for _ in 0..<(count ?? values.count) {
            let screen = try await session.waitUntil("a new item of \(name) is current") { screen in
                guard let item = InterviewScreen.currentItem(screen) else { return false }
                return !asked.contains(item) && values[item] != nil
            }
            let item = try #require(InterviewScreen.currentItem(screen))
            asked.append(item)
            try answer(values[item]!)
        }
        return asked
    }

    /// The 0-based rows of the options on screen, by label (the list as shown).
    static func optionRows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
            let t = line.drop { $0 == " " }
            if t.hasPrefix("[ ] ") || t.hasPrefix("[x] ") { return true }
            return t.first?.isNumber == true && line.hasPrefix("  ") && t.contains("  ")
        }
    }

    // MARK: Exit

    func waitForExit(timeout: Duration = .seconds(180)) async throws -> Int32? {
        try await session.waitForExit(timeout: timeout)
    }

    var stderrLog: String { session.stderrLog }
    var stty: String { session.file("stty.txt") }

    // MARK: Data

    /// The saved records, parsed (every line of interviews.jsonl).
    func records() throws -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: data + "/interviews.jsonl", encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not an object: \(line)")
        }
    }

    /// Waits until interviews.jsonl has `count` records.
    func waitForRecords(_ count: Int, timeout: Duration = .seconds(180)) async throws -> [[String: Any]] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let records = (try? self.records()) ?? []
            if records.count >= count { return records }
            if ContinuousClock.now >= deadline {
                Issue.record("interviews.jsonl has \(records.count) records, not \(count); screen:\n\((try? screen()) ?? "")")
                return records
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Journals of interviews in progress (one file per interview).
    var journals: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: data + "/journal")) ?? []).filter { $0.hasSuffix(".jsonl") }
    }

    // MARK: Process

    /// The pids of `cati interview` processes working on this data folder.
    func catiPIDs() -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let words = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard words.count > 2, words[0].hasSuffix("cati"), words[1] == "interview", words.contains(data) else {
                return nil
            }
            let stat = (try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8)) ?? ""
            if stat.split(separator: ")").last?.split(separator: " ").first == "Z" { return nil }
            return pid
        }
    }

    /// Waits for exactly one cati process on this data folder.
    func catiPID(timeout: Duration = .seconds(60)) async throws -> pid_t {
        let deadline = ContinuousClock.now + timeout
        while true {
            let pids = catiPIDs()
            if pids.count == 1 { return pids[0] }
            if ContinuousClock.now >= deadline {
                throw TmuxSession.Failure.timeout("expected one cati process on \(data), found \(pids)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until no cati process works on this data folder.
    func waitUntilNoCati(timeout: Duration = .seconds(60)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {  // looks once more after the deadline: a starved test wakes up late
            if catiPIDs().isEmpty { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A nested member: `record["answers", "consenso"]`.
    subscript(path: String...) -> Any? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }

    func int(_ path: String...) -> Int? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return (current as? NSNumber)?.intValue
    }

    func string(_ path: String...) -> String? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return current as? String
    }
}

/// A JSON value from a record, compactly re-serialised for comparisons
/// (`#expect(json(record["answers"]) == #"{"a":1}"#)`), keys sorted.
func json(_ value: Any?) -> String {
    guard let value else { return "nil" }
    guard JSONSerialization.isValidJSONObject([value]),
          let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .withoutEscapingSlashes]),
          let text = String(data: data, encoding: .utf8) else { return "\(value)" }
    return String(text.dropFirst().dropLast())
}

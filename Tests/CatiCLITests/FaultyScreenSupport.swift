import CatiTestSupport
import CatiCore
import CatiStore
import Foundation

// MARK: - `cati interview` with an environment

/// `cati interview FILE --data DATA --interviewer maria` in an 80×24 tmux pane, with
/// `environment` (the fault injector's), and what a user looks at.
final class FaultyScreen {
    let session: TmuxSession
    let data: String

    /// The screen's key trace (CATI_KEY_TRACE): a line each time a frame is drawn.
    let keyTrace: String

    init(_ file: String, data: String, environment: [String: String] = [:]) throws {
        self.data = data
        keyTrace = data + ".keys"
        let cati = try CatiExecutable.path()
        session = try TmuxSession(width: 80, height: 24,
                                  command: [cati, "interview", file, "--data", data, "--interviewer", "maria"],
                                  environment: environment.merging(["CATI_KEY_TRACE": keyTrace]) { a, _ in a })
    }

    /// Keys the program has read and drawn a screen after.
    var keysProcessed: Int {
        let text = (try? String(contentsOfFile: keyTrace, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.max() ?? 0
    }

    /// Sends `key` and waits until the program has read it and drawn its screen: what
    /// is on screen afterwards is what that key did.
    func sendKeyAndWaitUntilProcessed(_ key: String) async throws -> String {
        let before = keysProcessed
        try session.sendKeys(key)
        return try await session.waitUntil("key \(key) is processed") { _ in self.keysProcessed > before }
    }

    func answer(_ text: String) throws {
        try session.type(text)
        try session.sendKeys("Enter")
    }

    static func rows(_ screen: String) -> [String] {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while rows.count < 24 { rows.append("") }
        return rows
    }

    func question(of screen: String) -> String? { Self.rows(screen)[2].split(separator: " ").first.map(String.init) }
    func field(of screen: String) -> String { Self.rows(screen)[21] }
    func message(of screen: String) -> String { Self.rows(screen)[22] }

    @discardableResult
    func waitFor(_ text: String) async throws -> String { try await session.waitFor(text) }

    @discardableResult
    func waitForQuestion(_ name: String) async throws -> String {
        try await session.waitUntil("question \(name) is asked") { self.question(of: $0) == name }
    }

    @discardableResult
    func waitForMessage(_ text: String) async throws -> String {
        try await session.waitUntil("the message line shows \(text)") { self.message(of: $0).contains(text) }
    }

    /// Ids of the interviews with a journal.
    var journals: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: data + "/journal")) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// The answers journaled for interview `id`, in order.
    func journalAnswers(_ id: String) throws -> [String] {
        try Journal.read(path: data + "/journal/\(id).jsonl").1.compactMap { event in
            if case .action(.answer(let raw), _) = event { return raw } else { return nil }
        }
    }

    func records() throws -> [JSON] {
        try RecordReader(path: data + "/interviews.jsonl").scan().records
    }
}

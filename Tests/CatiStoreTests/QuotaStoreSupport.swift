import CatiTestSupport
import Foundation
import Testing
@testable import CatiCore
@testable import CatiStore

/// Shared pieces of the quota tests of the store: questionnaires from
/// Tests/Fixtures/quotas, temporary data folders, interviews driven through
/// `InterviewSession` on a `FolderStore` (one store per simulated interviewer
/// process: its own gate, its own open files and locks), and counts made by reading
/// interviews.jsonl with Foundation's JSON parser, independently of the code under test.
enum QuotaFixtures {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/quotas")
    }

    static func source(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name + ".cati"), encoding: .utf8)
    }

    static func questionnaire(_ name: String) throws -> Questionnaire {
        try check(source(name))
    }

    static func check(_ source: String) throws -> Questionnaire {
        do {
            return try QuestionnaireText.check(source)
        } catch {
            Issue.record("\(error)")
            throw error
        }
    }
}

/// One interviewer at work: an interview session on its own store, with a clock that
/// advances one second per action.
final class QuotaInterviewer: @unchecked Sendable {
    let store: FolderStore
    let questionnaire: Questionnaire
    let name: String
    private let counter = Counter(1_800_000_000)

    init(_ name: String, folder: DataFolder, questionnaire: Questionnaire) throws {
        self.name = name
        self.store = try FolderStore(folder: folder)
        self.questionnaire = questionnaire
    }

    private var clock: @Sendable () -> Double {
        let counter = counter
        return { counter.next() }
    }

    func start(id: String, sample: [String: String] = [:]) throws -> QuotaRun {
        let record = sample.isEmpty ? nil : SampleRecord(id: sample["id"] ?? "R-\(id)", fields: sample, line: 2)
        let session = try InterviewSession.start(questionnaire: questionnaire, store: store, sample: record,
                                                 interviewer: name, id: id, clock: clock)
        return QuotaRun(session: session)
    }

    func resume(_ id: String) throws -> QuotaRun {
        QuotaRun(session: try InterviewSession.resume(id, questionnaire: questionnaire, store: store, clock: clock))
    }

    final class Counter: @unchecked Sendable {
        private var value: Double
        private let lock = NSLock()
        init(_ start: Double) { value = start }
        func next() -> Double { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }
}

/// Short names for what the interviewer does and sees.
struct QuotaRun {
    let session: InterviewSession

    var id: String { session.id }

    /// The question on screen, or nil.
    var at: String? {
        if case .question(let prompt) = session.interview.screen { return prompt.name }
        return nil
    }

    var ending: EndingPrompt? {
        if case .ending(let prompt) = session.interview.screen { return prompt }
        return nil
    }

    /// Answers in turn; each must be accepted.
    func answers(_ entries: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for entry in entries {
            let outcome = try session.perform(.answer(entry))
            #expect(outcome == .moved, "answer \(entry) at \(at ?? "?")", sourceLocation: sourceLocation)
        }
    }

    func back() throws {
        #expect(try session.perform(.back) == .moved)
    }

    /// Confirms the ending screen; returns the status saved.
    @discardableResult
    func confirmEnding() throws -> InterviewStatus? {
        if case .finished(let status) = try session.perform(.answer("")) { return status }
        return nil
    }

    /// Answers until the interview ends at its natural end with these entries, then confirms.
    func finish(_ entries: String...) throws -> InterviewStatus? {
        for entry in entries { _ = try session.perform(.answer(entry)) }
        return try confirmEnding()
    }
}

/// Counts read straight from interviews.jsonl with JSONSerialization.
struct QuotaLedger {
    var records: [[String: Any]] = []

    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            records.append(object)
        }
    }

    func status(of id: String) -> String? {
        records.first { $0["id"] as? String == id }?["status"] as? String
    }

    func record(_ id: String) -> [String: Any]? {
        records.first { $0["id"] as? String == id }
    }

    /// Completes per quota and cell label.
    var completes: [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for record in records where record["status"] as? String == "complete" {
            for (quota, cell) in record["quota_cells"] as? [String: String] ?? [:] {
                out[quota, default: [:]][cell, default: 0] += 1
            }
        }
        return out
    }
}

extension FolderQuotaGate {
    /// Places held by live interviews in one cell, as another process would count them.
    static func inProgress(_ folder: DataFolder, _ quota: String, _ cell: String) throws -> Int {
        try FolderQuotaGate(folder: folder).livePlaces()[quota]?[cell] ?? 0
    }
}

import CatiTestSupport
import Foundation
import Testing
@testable import CatiCore

/// Shared driving code for the engine tests: a questionnaire source, an interview on a
/// fake clock, and short names for what the interviewer does and sees.
struct EngineRun {
    var interview: Interview
    /// Seconds since 1970 of the last action; each action advances it by `step`.
    var clock: Double
    var step: Double = 1

    static func questionnaire(_ source: String) throws -> Questionnaire {
        do {
            return try QuestionnaireText.check(source)
        } catch {
            Issue.record("\(error)")
            throw error
        }
    }

    init(_ source: String, id: String = "I-1", sample: [String: String]? = nil, interviewer: String = "maria",
         gate: any QuotaGate = OpenQuotaGate(), startedAt: Double = 1_000_000) throws {
        let record = sample.map { SampleRecord(id: $0["id"] ?? "R1", fields: $0, line: 2) }
        interview = try Interview(questionnaire: Self.questionnaire(source), id: id, sample: record,
                                  interviewer: interviewer, startedAt: startedAt, gate: gate)
        clock = startedAt
    }

    // MARK: - Acting

    @discardableResult
    mutating func perform(_ action: Action, after seconds: Double? = nil) throws -> ActionOutcome {
        clock += seconds ?? step
        return try interview.perform(action, at: clock)
    }

    @discardableResult
    mutating func answer(_ typed: String, after seconds: Double? = nil) throws -> ActionOutcome {
        try perform(.answer(typed), after: seconds)
    }

    /// Answers in turn, expecting each entry to be accepted.
    mutating func answers(_ typed: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for entry in typed {
            let outcome = try answer(entry)
            #expect(outcome == .moved, "entry '\(entry)' at \(at)", sourceLocation: sourceLocation)
        }
    }

    /// One key as the interviewer presses it: `F2` back, `F3` dk, `F4` refused, anything
    /// else is typed and Enter pressed.
    @discardableResult
    mutating func press(_ key: String) throws -> ActionOutcome {
        switch key {
        case "F2": return try perform(.back)
        case "F3": return try perform(.dontKnow)
        case "F4": return try perform(.refused)
        default: return try perform(.answer(key))
        }
    }

    /// Presses the keys in turn; returns the steps seen (see `at`), the first one included.
    mutating func play(_ keys: [String]) throws -> [String] {
        var seen = [at]
        for key in keys {
            try press(key)
            seen.append(at)
        }
        return seen
    }

    @discardableResult mutating func dk() throws -> ActionOutcome { try perform(.dontKnow) }
    @discardableResult mutating func refused() throws -> ActionOutcome { try perform(.refused) }
    @discardableResult
    mutating func back(after seconds: Double? = nil) throws -> ActionOutcome { try perform(.back, after: seconds) }
    @discardableResult mutating func goTo(_ name: String) throws -> ActionOutcome { try perform(.goTo(name)) }

    /// Enter on the ending screen; returns the record.
    mutating func finish(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> JSON {
        #expect(interview.screen.isEnding, "not at the end but at \(at)", sourceLocation: sourceLocation)
        let outcome = try answer("")
        if case .finished = outcome {} else {
            Issue.record("Enter on the ending did not finish: \(outcome)", sourceLocation: sourceLocation)
        }
        return interview.record()
    }

    // MARK: - Looking

    var screen: Screen { interview.screen }

    /// The current step in one word: the variable asked (a grid item's name), `NAME_other`
    /// for an `other` specification, `check`/`warn`, or `end:STATUS`.
    var at: String {
        switch interview.screen {
        case .question(let p): return p.variableName
        case .specifyOther(let o): return o.question + "_other"
        case .checkFailed: return "check"
        case .warning: return "warn"
        case .ending(let e): return "end:" + e.status.rawValue
        }
    }

    var prompt: QuestionPrompt? {
        if case .question(let p) = interview.screen { return p }
        return nil
    }

    var rule: RulePrompt? {
        switch interview.screen {
        case .checkFailed(let r), .warning(let r): return r
        default: return nil
        }
    }

    var ending: EndingPrompt? {
        if case .ending(let e) = interview.screen { return e }
        return nil
    }

    var record: JSON { interview.record() }

    /// `answers` of the record, serialized.
    var answersJSON: String { interview.record()["answers"]?.serialized ?? "" }

    /// Keys of `answers`, in record order.
    var answerKeys: [String] { Self.keys(interview.record()["answers"]) }

    var paradata: JSON { interview.record()["paradata"] ?? .null }

    static func keys(_ json: JSON?) -> [String] {
        if case .object(let members)? = json { return members.map(\.0) }
        return []
    }
}

/// An in-memory quota gate: targets come from the questionnaire, completes can be set
/// per cell, and every call is logged as `hold QUOTA CELL INTERVIEW -> true|false` or
/// `release QUOTA INTERVIEW`.
final class MemoryQuotaGate: QuotaGate, @unchecked Sendable {
    private let lock = NSLock()
    private var completes: [String: Int] = [:]
    private var places: [String: [String: String]] = [:]   // quota -> interview -> cell label
    private var calls: [String] = []

    init(completes: [String: Int] = [:]) { self.completes = completes }

    /// `completes["quota/cell"]`.
    func setCompletes(_ n: Int, quota: String, cell: String) {
        lock.withLock { completes["\(quota)/\(cell)"] = n }
    }

    var log: [String] { lock.withLock { calls } }

    /// The cell this interview holds a place in, per quota.
    func held(_ quota: String, by interview: String) -> String? {
        lock.withLock { places[quota]?[interview] }
    }

    func inProgress(_ quota: String, cell: String) -> Int {
        lock.withLock { places[quota]?.values.filter { $0 == cell }.count ?? 0 }
    }

    func hold(_ cell: Quota.Cell, of quota: Quota, for interview: String) throws -> Bool {
        lock.withLock {
            var mine = places[quota.name] ?? [:]
            mine[interview] = nil
            let others = mine.values.filter { $0 == cell.label }.count
            let room = (completes["\(quota.name)/\(cell.label)"] ?? 0) + others < cell.target
            if room { mine[interview] = cell.label }
            places[quota.name] = mine
            calls.append("hold \(quota.name) \(cell.label) \(interview) -> \(room)")
            return room
        }
    }

    func release(_ quota: Quota, for interview: String) throws {
        lock.withLock {
            places[quota.name]?[interview] = nil
            calls.append("release \(quota.name) \(interview)")
        }
    }
}

import CatiTestSupport
import CatiCore
@testable import CatiTUI
import Testing

/// Drives a real `Interview` the way `InterviewRunner` does — sync the key state with
/// the step shown, hand it a key, perform what it asks — on a fake clock, and draws the
/// interviewer screen as a `Frame`. No terminal, no store.
struct ScreenRun {
    var interview: Interview
    var state = InterviewerState()
    var clock: Double
    var respondentName: String?
    var phone: String?
    /// Set when a key asked to suspend (F9 / Ctrl-P).
    var suspended = false
    var suspendReason: String?
    /// The outcome of the last performed action.
    var lastOutcome: ActionOutcome?

    static let size = Size(width: 80, height: 24)

    static func questionnaire(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> Questionnaire
    {
        do {
            return try QuestionnaireText.check(source)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    init(_ source: String, id: String = "01TESTINTERVIEW", sample: [String: String]? = nil,
         interviewer: String = "maria", gate: any QuotaGate = OpenQuotaGate(), startedAt: Double = 1_800_000_000,
         sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let record = sample.map { SampleRecord(id: $0["id"] ?? "R1", fields: $0, line: 2) }
        interview = try Interview(questionnaire: Self.questionnaire(source, sourceLocation: sourceLocation), id: id,
                                  sample: record, interviewer: interviewer, startedAt: startedAt, gate: gate)
        clock = startedAt
        respondentName = record?.value("name")
        phone = record?.value("phone")
        state.sync(with: interview.screen)
    }

    var screen: Screen { interview.screen }

    var labels: InterviewerLabels { InterviewerLabels(interview.questionnaire.language) }

    var header: InterviewHeader {
        InterviewHeader(survey: interview.questionnaire.survey, respondent: interview.sample?.id,
                        respondentName: respondentName, phone: phone, interviewer: interview.interviewer,
                        elapsedSeconds: Int(clock - interview.startedAt))
    }

    /// The screen at `size` as the interviewer sees it now.
    func frame(_ size: Size = ScreenRun.size) -> Frame {
        var synced = state
        synced.sync(with: interview.screen)
        return InterviewView(header: header, screen: interview.screen, state: synced, message: interview.message,
                             labels: labels).frame(size)
    }

    var text: String { frame().text }
    var lines: [String] { frame().lines }

    /// One key, one second after the previous one.
    mutating func press(_ key: Key) throws {
        clock += 1
        state.sync(with: interview.screen)
        switch state.handle(key, screen: interview.screen) {
        case .none: break
        case .suspend(let reason):
            suspended = true
            suspendReason = reason
        case .perform(let action):
            lastOutcome = try interview.perform(action, at: clock)
            // As InterviewRunner does: the confirmation of a saved note.
            if case .note = action { state.notice = labels.noteSaved }
        }
        state.sync(with: interview.screen)
    }

    mutating func press(_ keys: Key...) throws {
        for key in keys { try press(key) }
    }

    /// Types the characters of `text`, then (unless `enter` is false) Enter.
    mutating func type(_ text: String, enter: Bool = true) throws {
        for c in text { try press(.char(c)) }
        if enter { try press(.enter) }
    }

    /// Answers in turn (typed + Enter), expecting each to move the interview on.
    mutating func answers(_ entries: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for entry in entries {
            try type(entry)
            #expect(lastOutcome == .moved, "entry '\(entry)' was not accepted: \(interview.message ?? "")",
                    sourceLocation: sourceLocation)
        }
    }

    /// The name of the question (or grid item) asked now, "other:NAME", "check",
    /// "warning", or "end:STATUS".
    var at: String {
        switch interview.screen {
        case .question(let p): return p.variableName
        case .specifyOther(let p): return "other:\(p.question)"
        case .checkFailed: return "check"
        case .warning: return "warning"
        case .ending(let p): return "end:\(p.status.rawValue)"
        }
    }

    /// The record as a JSON line, as it would be saved.
    var recordLine: String { interview.record().serialized }
}

/// A quota gate whose every cell is full.
final class FullQuotaGate: QuotaGate {
    func hold(_ cell: Quota.Cell, of quota: Quota, for interview: String) throws -> Bool { false }
    func release(_ quota: Quota, for interview: String) throws {}
}

extension Frame {
    /// The index of the first line containing `text`.
    func row(containing text: String) -> Int? {
        lines.firstIndex { $0.contains(text) }
    }

    /// Rows drawn in a style (any span).
    func rows(styled style: Style) -> [String] {
        rows.filter { $0.spans.contains { $0.style == style } }.map { Frame.trimmed($0.text) }
    }

    static func trimmed(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        while t.first == " " { t.removeFirst() }
        return String(t)
    }

    /// The message line (third row from the bottom is the field, then message, then keys).
    var messageLine: String { lines[height - 2] }
    var fieldLine: String { lines[height - 3] }
    var keyLine: String { lines[height - 1] }
    var topLine: String { lines[0] }
}

import CatiCore
import Foundation

/// One interview held in a store: every accepted action is made durable before the
/// engine's new state is kept; finishing stores the record, gives up the quota places
/// and ends the interview in one operation of the store (`InterviewHandle.finish`).
public final class InterviewSession: @unchecked Sendable {
    public private(set) var interview: Interview
    public let store: any InterviewStore
    let handle: any InterviewHandle
    let simulated: Bool
    let clock: @Sendable () -> Double
    /// Set once the record is durable in interviews.jsonl.
    public private(set) var savedRecord: String?

    init(interview: Interview, store: any InterviewStore, handle: any InterviewHandle, simulated: Bool,
         clock: @escaping @Sendable () -> Double) {
        self.interview = interview
        self.store = store
        self.handle = handle
        self.simulated = simulated
        self.clock = clock
    }

    public var id: String { interview.id }

    /// Starts a new interview (new id, new journal). The journal and the record carry
    /// the login of this process beside the interviewer's name (`InterviewerIdentity`).
    public static func start(questionnaire: Questionnaire, store: any InterviewStore, sample: SampleRecord?,
                             interviewer: String, simulated: Bool = false, id: String? = nil,
                             clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws -> InterviewSession {
        let now = clock()
        let identity = InterviewerIdentity.naming(interviewer)
        var header = JournalHeader(id: id ?? InterviewID.make(at: now), survey: questionnaire.survey,
                                   questionnaireSHA256: questionnaire.sha256, interviewer: interviewer,
                                   startedAt: now, sample: sample?.without(columns: questionnaire.personalColumns),
                                   simulated: simulated)
        header.login = identity.login
        header.identity = identity.kind
        let handle = try store.start(header)
        do {
            let interview = try Interview(questionnaire: questionnaire, id: header.id, sample: sample,
                                          interviewer: interviewer, startedAt: now, gate: store.quotaGate)
            return InterviewSession(interview: interview, store: store, handle: handle, simulated: simulated, clock: clock)
        } catch {
            handle.letGo()
            throw error
        }
    }

    /// Reopens an interrupted or suspended interview: every journaled action is applied
    /// again, so it comes back at its first unanswered question with every answer.
    /// `previous`: earlier versions of the questionnaire (extension): a journal started
    /// under one of them is replayed under `questionnaire` when the change is compatible
    /// and every action meets the same step in both (see `VersionReplay`). `sample`: the
    /// sample file, from which the case's personal columns are read again.
    public static func resume(_ id: String, questionnaire: Questionnaire, store: any InterviewStore,
                              previous: [Questionnaire] = [], sample: SampleFile? = nil,
                              clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws -> InterviewSession {
        let resumed = try store.resume(id)
        let handle = resumed.handle, events = resumed.events
        do {
            let header = handle.header
            let earlier = previous.first { $0.sha256 == header.questionnaireSHA256 }
            guard header.questionnaireSHA256 == questionnaire.sha256 || earlier != nil else {
                throw StoreError.questionnaireChanged(id)
            }
            // Finished already (its process died while saving): recovery saves it, once.
            if events.contains(where: { if case .finishing = $0 { return true } else { return false } }) {
                handle.letGo()
                _ = try store.recoverFinished()
                throw StoreError.alreadySaved(id)
            }
            // The journal has no personal column (docs/privacy.md): the screen reads them
            // from the sample again.
            let row = header.sample.flatMap { sample?.row(id: $0.id) }
            let withPersonal = header.sample?.adding(columns: questionnaire.personalColumns, from: row)
            var interview = try Interview(questionnaire: questionnaire, id: header.id, sample: withPersonal,
                                          interviewer: header.interviewer, startedAt: header.startedAt,
                                          gate: store.quotaGate)
            var replay: VersionReplay?
            if let earlier, earlier.sha256 != questionnaire.sha256 {
                do { replay = try VersionReplay(old: earlier, for: interview) } catch {
                    throw StoreError.questionnaireChanged(id)
                }
            }
            for event in events {
                // Time away (suspended, or the process gone) counts nowhere.
                if case .suspended(let t, let reason) = event {
                    interview.suspend(at: t, reason: reason)
                    replay?.pauseClock(at: t)
                }
                if case .resumed(let t) = event { interview.resume(at: t); replay?.restartClock(at: t) }
                guard case .action(let action, let t) = event else { continue }
                do { try replay?.step(action, at: t, new: interview) } catch {
                    throw StoreError.questionnaireChanged(id)
                }
                var next = interview
                if case .finished = try next.perform(action, at: t) { break }
                interview = next
            }
            let now = clock()
            interview.resume(at: now)
            try handle.append(.resumed(at: now))
            return InterviewSession(interview: interview, store: store, handle: handle,
                                    simulated: header.simulated, clock: clock)
        } catch {
            handle.letGo()
            throw error
        }
    }

    /// Applies an action; an accepted one is journaled (durably) before it counts. When
    /// the interview ends, the record is saved before this returns `.finished`.
    @discardableResult
    public func perform(_ action: Action) throws -> ActionOutcome {
        let now = clock()
        var next = interview
        let outcome = try next.perform(action, at: now)
        switch outcome {
        case .rejected:
            interview = next
        case .moved:
            try handle.append(.action(action, at: now))
            interview = next
        case .finished:
            try save(next)
            interview = next
        }
        return outcome
    }

    private func save(_ finished: Interview) throws {
        let record = InterviewRecord(Self.withIdentity(finished.record(simulated: simulated), handle.header))
        try handle.finish(record)
        savedRecord = record.line
    }

    /// The record with `login` and `identity` right after `interviewer`
    /// (docs/data-folder.md), from the journal's header.
    static func withIdentity(_ record: JSON, _ header: JournalHeader) -> JSON {
        guard let login = header.login, case .object(var members) = record,
              let at = members.firstIndex(where: { $0.0 == "interviewer" }) else { return record }
        members.insert(("identity", .string((header.identity ?? .declared).rawValue)), at: at + 1)
        members.insert(("login", .string(login)), at: at + 1)
        return .object(members)
    }

    /// Saves the finished interview again after a failed write (the record is in the
    /// journal already).
    public func retrySave() throws {
        guard interview.status != nil else { return }
        try save(interview)
    }

    /// Keeps the interview for later: its quota places are given up. The reason (typed
    /// by the interviewer) goes to the journal, and from there to the record's paradata.
    public func suspend(reason: String = "") throws {
        try handle.suspend(at: clock(), reason: reason)
    }

    /// The interviewer pressed a key (the holder's last key, issue 22).
    public func noteKey() {
        handle.noteKey()
    }

    /// Leaves the interview resumable without touching the journal (hang-up, quit).
    public func interrupt() {
        handle.letGo()
    }
}

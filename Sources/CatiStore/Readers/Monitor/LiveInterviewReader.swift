import CatiCore

/// The interviews in progress and the quota places they hold, for the supervisor
/// screen, through the store: nothing is taken, written or removed, and no lock an
/// interviewer waits on is held for more than a read (`interviewsInProgress`,
/// `recordedEvents(of:)`, `placesHeld`).
public struct LiveInterviewReader {
    public let store: any InterviewStore
    public let questionnaire: Questionnaire
    /// Per interview, the events seen when last replayed and the question found then.
    private var cache: [String: (actions: Int, last: Double, question: String?)] = [:]

    public init(store: any InterviewStore, questionnaire: Questionnaire) {
        self.store = store
        self.questionnaire = questionnaire
    }

    public mutating func read() -> [LiveInterview] {
        guard let open = try? store.interviewsInProgress() else { return [] }
        var out: [LiveInterview] = []
        var seen = Set<String>()
        for item in open {
            let id = item.header.id
            seen.insert(id)
            if cache[id]?.actions != item.actions || cache[id]?.last != item.lastActivity {
                let question = (try? store.recordedEvents(of: id)).flatMap {
                    Self.currentQuestion($0.0, $0.1, questionnaire)
                }
                cache[id] = (item.actions, item.lastActivity, question)
            }
            let state: LiveInterview.State
            switch item.state {
            case .held: state = .active
            case .suspended: state = .suspended
            case .interrupted: state = .interrupted
            }
            out.append(LiveInterview(id: id, interviewer: item.header.interviewer, respondent: item.header.sample?.id,
                                     question: cache[id]?.question, started: item.header.startedAt,
                                     lastActivity: item.lastActivity, state: state,
                                     holder: item.holder.map { "\($0.login)@\($0.host) pid \($0.pid)" },
                                     lastKey: item.holder?.lastKey))
        }
        for id in cache.keys where !seen.contains(id) { cache[id] = nil }
        return out
    }

    static func currentQuestion(_ header: JournalHeader, _ events: [JournalEvent], _ questionnaire: Questionnaire) -> String? {
        guard header.questionnaireSHA256 == questionnaire.sha256,
              var interview = try? Interview(questionnaire: questionnaire, id: header.id, sample: header.sample,
                                             interviewer: header.interviewer, startedAt: header.startedAt,
                                             gate: OpenQuotaGate()) else { return nil }
        for case .action(let action, let t) in events {
            var next = interview
            guard let outcome = try? next.perform(action, at: t) else { return nil }
            if case .finished = outcome { break }
            interview = next
        }
        switch interview.screen {
        case .question(let prompt): return prompt.variableName
        case .specifyOther(let other): return other.question + " (other)"
        case .checkFailed: return "(check failed)"
        case .warning: return "(warning)"
        case .ending: return "(ending)"
        }
    }

    /// Places held per quota and cell by live interviews.
    public func places() -> [String: [String: Int]] {
        (try? store.placesHeld()) ?? [:]
    }
}

/// What the interviewer does at a step.
public enum Action: Sendable, Hashable, Codable {
    /// What was typed (or the code of the highlighted row), then Enter. On a warning or
    /// an ending screen it confirms.
    case answer(String)
    case dontKnow
    case refused
    case back
    /// From a failed check or a warning: back to the question that asks this variable.
    case goTo(String)
    case note(String)
    case end(InterviewStatus, reason: String)
}

/// What an action did.
public enum ActionOutcome: Sendable, Equatable {
    /// The interview moved on (or back); show `screen`.
    case moved
    /// The entry was not accepted; the field stays and the message says why.
    case rejected(String)
    /// The interview ended with this status; build the record.
    case finished(InterviewStatus)
}

/// An interview that has a journal and no record yet, as the journal folder shows it.
public struct LiveInterview: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        /// Its process holds the journal: being interviewed now.
        case active = "in progress"
        /// Nobody holds it and it was not suspended: its process died or hung up.
        case interrupted
        /// Kept for later by the interviewer.
        case suspended
    }

    public let id: String
    public let interviewer: String
    public let respondent: String?
    /// The question being asked (its name), when the journal could be replayed.
    public let question: String?
    public let started: Double
    public let lastActivity: Double
    public let state: State

    public init(id: String, interviewer: String, respondent: String?, question: String?, started: Double,
                lastActivity: Double, state: State) {
        self.id = id
        self.interviewer = interviewer
        self.respondent = respondent
        self.question = question
        self.started = started
        self.lastActivity = lastActivity
        self.state = state
    }
}

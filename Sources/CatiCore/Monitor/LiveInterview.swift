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
    /// Who holds an active one, "login@host pid N" (issue 22), when the store knows.
    public let holder: String?
    /// When the holder's interviewer last pressed a key.
    public let lastKey: Double?
    /// An active interview without a key for this long is stale (its connection is
    /// probably gone): the same figure as the store's `InterviewHolder.staleAfter`.
    public static let staleAfter: Double = 300

    public init(id: String, interviewer: String, respondent: String?, question: String?, started: Double,
                lastActivity: Double, state: State, holder: String? = nil, lastKey: Double? = nil) {
        self.holder = holder
        self.lastKey = lastKey
        self.id = id
        self.interviewer = interviewer
        self.respondent = respondent
        self.question = question
        self.started = started
        self.lastActivity = lastActivity
        self.state = state
    }

    /// Active, and no key for `staleAfter` seconds.
    public func isStale(at now: Double) -> Bool {
        state == .active && now - (lastKey ?? lastActivity) >= Self.staleAfter
    }
}

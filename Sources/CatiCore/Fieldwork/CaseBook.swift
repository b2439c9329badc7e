/// The state of every case, by replaying `calls.jsonl` in order. Cases are kept by
/// index (the sample's order, then cases seen only in the log) so that choosing the
/// next case over a large sample touches arrays, not dictionaries.
public struct CaseBook: Sendable {
    public struct State: Sendable, Equatable {
        public var attempts = 0
        public var last: CallAttempt?
        /// Closed by an attempt marked final.
        public var isClosed = false
        /// The contact fingerprint first recorded for the case.
        public var contact: String?
        public init() {}
    }

    /// Where a case stands for calling at a given moment.
    public enum Status: Sendable, Equatable {
        case fresh
        /// Attempted, not final: may be called again from `due`.
        case retry(due: Double)
        /// An appointment at `at`, made by `with`.
        case appointment(at: Double, with: String)
        /// Closed: by a final outcome, or by the attempt limit (then with the last outcome).
        case final(CallOutcome)
    }

    public private(set) var ids: [String]
    public private(set) var states: [State]
    private var index: [String: Int]

    public init(ids: [String]) {
        self.ids = ids
        states = Array(repeating: State(), count: ids.count)
        index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func position(of id: String) -> Int? { index[id] }
    public func state(of id: String) -> State? { index[id].map { states[$0] } }

    /// Adds one attempt (the log's order is the attempts' order).
    public mutating func apply(_ attempt: CallAttempt) {
        let k: Int
        if let known = index[attempt.caseID] {
            k = known
        } else {
            k = ids.count
            ids.append(attempt.caseID)
            states.append(State())
            index[attempt.caseID] = k
        }
        states[k].attempts = max(states[k].attempts + 1, attempt.attempt)
        states[k].last = attempt
        states[k].isClosed = attempt.final
        if states[k].contact == nil { states[k].contact = attempt.contact }
    }

    public mutating func apply<S: Sequence>(_ attempts: S) where S.Element == CallAttempt {
        for a in attempts { apply(a) }
    }

    /// The number the next attempt on this case gets.
    public func nextAttemptNumber(of id: String) -> Int { (state(of: id)?.attempts ?? 0) + 1 }

    public func status(at k: Int, settings: FieldworkSettings) -> Status {
        Self.status(of: states[k], settings: settings)
    }

    public static func status(of state: State, settings: FieldworkSettings) -> Status {
        guard let last = state.last else { return .fresh }
        if state.isClosed || state.attempts >= settings.maxAttempts { return .final(last.outcome) }
        if last.outcome == .appointment, let at = last.appointment { return .appointment(at: at, with: last.interviewer) }
        return .retry(due: last.at + settings.delay(after: last.outcome))
    }

    /// The case's AAPOR code now: the last attempt's, or 3.11 when never attempted.
    public func aapor(at k: Int) -> String { states[k].last?.aapor ?? CallOutcome.notAttemptedCode }
}

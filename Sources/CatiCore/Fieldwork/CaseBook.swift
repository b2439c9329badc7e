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
    /// The same state as plain numbers, for the scan over every case (`CallQueue`):
    /// the last outcome's position in `CallOutcome.allCases` (`never` when not called),
    /// when it ended, the appointment (NaN when none), attempts, closed.
    private(set) var lastOutcome: [UInt8]
    private(set) var lastAt: [Double]
    private(set) var appointmentAt: [Double]
    private(set) var attemptCount: [Int32]
    private(set) var closed: [Bool]
    static let never: UInt8 = 255
    static let appointmentIndex = UInt8(CallOutcome.allCases.firstIndex(of: .appointment)!)

    public init(ids: [String]) {
        self.ids = ids
        states = Array(repeating: State(), count: ids.count)
        index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        lastOutcome = Array(repeating: Self.never, count: ids.count)
        lastAt = Array(repeating: 0, count: ids.count)
        appointmentAt = Array(repeating: .nan, count: ids.count)
        attemptCount = Array(repeating: 0, count: ids.count)
        closed = Array(repeating: false, count: ids.count)
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
            lastOutcome.append(Self.never)
            lastAt.append(0)
            appointmentAt.append(.nan)
            attemptCount.append(0)
            closed.append(false)
        }
        states[k].attempts = max(states[k].attempts + 1, attempt.attempt)
        states[k].last = attempt
        states[k].isClosed = attempt.final
        if states[k].contact == nil { states[k].contact = attempt.contact }
        lastOutcome[k] = UInt8(CallOutcome.allCases.firstIndex(of: attempt.outcome)!)
        lastAt[k] = attempt.at
        appointmentAt[k] = attempt.outcome == .appointment ? attempt.appointment ?? .nan : .nan
        attemptCount[k] = Int32(states[k].attempts)
        closed[k] = attempt.final
    }

    /// The settings as the scan uses them: a delay per outcome position.
    struct Rules {
        let delays: [Double]
        let maxAttempts: Int32
        init(_ settings: FieldworkSettings) {
            delays = CallOutcome.allCases.map(settings.delay(after:))
            maxAttempts = Int32(settings.maxAttempts)
        }
    }

    /// Where case k stands, from the plain arrays: kind 0 fresh, 1 retry (due), 2
    /// appointment (at), 3 final.
    @inline(__always)
    func quickStatus(_ k: Int, _ rules: Rules) -> (kind: UInt8, time: Double) {
        let o = lastOutcome[k]
        if o == Self.never { return (0, 0) }
        if closed[k] || attemptCount[k] >= rules.maxAttempts { return (3, 0) }
        if o == Self.appointmentIndex, !appointmentAt[k].isNaN { return (2, appointmentAt[k]) }
        return (1, lastAt[k] + rules.delays[Int(o)])
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

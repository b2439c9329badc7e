/// One interview as the engine runs it: a pure value driven by interviewer actions
/// (`perform`), with time passed in and quota places asked of an injected gate.
///
/// The path is walked over the questionnaire's flat program. `env` holds the values on
/// the current path only (what conditions see); `memory` keeps every answer ever given
/// so that a question that comes back on the path shows its earlier answer.
public struct Interview: Sendable {
    public let questionnaire: Questionnaire
    public let id: String
    public let sample: SampleRecord?
    public let interviewer: String
    public let startedAt: Double
    let gate: any QuotaGate
    let evaluator = Evaluator()
    let parser: AnswerParser
    let fill: Fill

    var env: [Value]
    var memory: [Value]
    var otherText: [Int: String] = [:]
    var otherMemory: [Int: String] = [:]
    var trail: [Stop] = []
    var heldCells: [Int: Int] = [:]
    var confirmations: [Confirmation] = []
    var shownAt: Double
    /// Time spent on the interview's steps so far, time away while suspended or
    /// interrupted left out (see `restartClock`).
    var activeSeconds: Double = 0
    public internal(set) var seconds: [String: Double] = [:]
    public internal(set) var visits: [String: Int] = [:]
    public internal(set) var notes: [(at: String, text: String)] = []
    /// The message of the last refused entry, until the next accepted action.
    public internal(set) var message: String?
    public internal(set) var status: InterviewStatus?
    public internal(set) var endReason: String?
    /// Suspensions so far, oldest first (see Interview+Suspensions.swift).
    public internal(set) var suspensions: [Suspension] = []
    public internal(set) var finishedAt: Double?

    struct Stop: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case ask(question: Int, item: Int?)
            case specifyOther(question: Int)
            case rule
            case ending(InterviewStatus, text: String?, quota: String?)
        }
        let pc: Int
        let kind: Kind
    }

    struct Confirmation: Sendable {
        let pc: Int
        let snapshot: [Value]
        let text: String
    }

    public init(questionnaire: Questionnaire, id: String, sample: SampleRecord? = nil, interviewer: String,
                startedAt: Double, gate: any QuotaGate = OpenQuotaGate()) throws {
        // The interview's language (extension): the sample record's `language` cell when
        // the questionnaire has a translation into it; its own language otherwise.
        let questionnaire = sample?.value(Interview.languageColumn).map { questionnaire.translated(to: $0) }
            ?? questionnaire
        self.questionnaire = questionnaire
        self.id = id
        self.sample = sample
        self.interviewer = interviewer
        self.startedAt = startedAt
        self.gate = gate
        self.parser = AnswerParser(questionnaire.language)
        self.fill = Fill(questionnaire: questionnaire, sample: sample, interviewer: interviewer)
        self.env = Array(repeating: .absent, count: questionnaire.variables.count)
        self.memory = env
        self.shownAt = startedAt
        for id in questionnaire.sampleVariables {
            env[id] = SampleValues.value(of: questionnaire.variables[id], in: sample, questionnaire: questionnaire)
        }
        if let over = try checkQuotas(includingPreloads: true) {
            if case .ending(_, _, let quota?) = over { recordPreloads(judgedBy: quota) }
            enter(Stop(pc: 0, kind: over), at: startedAt)
        } else {
            enter(try walk(from: 0), at: startedAt)
        }
    }

    /// The values on the path, by variable name (absent ones left out).
    public var values: [String: Value] {
        var out: [String: Value] = [:]
        for (id, value) in env.enumerated() where value != .absent {
            out[questionnaire.variables[id].name] = value
        }
        return out
    }

    /// The current quota cell per quota name, as `quota_cells` writes it.
    public var quotaCells: [(quota: String, cell: String)] {
        questionnaire.quotas.enumerated().compactMap { index, quota in
            guard let values = quotaValues(quota, includingPreloads: false), let cell = quota.cell(for: values) else {
                return nil
            }
            return (quota.name, cell.label)
        }
    }

    /// Quotas in which this interview holds a place now.
    public var heldQuotas: [Quota] { heldCells.keys.sorted().map { questionnaire.quotas[$0] } }

    var current: Stop { trail[trail.count - 1] }

    /// Shows a new step and counts the visit.
    mutating func enter(_ stop: Stop, at time: Double) {
        trail.append(stop)
        shownAt = time
        if case .ask = stop.kind, let name = paradataName(stop) { visits[name, default: 0] += 1 }
    }

    /// Adds the time spent on the current step to its question.
    mutating func leave(at time: Double) {
        let spent = max(0, time - shownAt)
        if let name = paradataName(current) { seconds[name, default: 0] += spent }
        activeSeconds += spent
        shownAt = time
    }

    func paradataName(_ stop: Stop) -> String? {
        switch stop.kind {
        case .ask(let q, let item):
            let question = questionnaire.questions[q]
            if let item { return question.gridItems[item].name }
            return question.name
        case .specifyOther(let q): return questionnaire.questions[q].name
        default: return nil
        }
    }
}

extension Interview {
    /// At a suspension: the time so far counts on the current question, and the clock
    /// stops until `restartClock`.
    public mutating func pauseClock(at time: Double) {
        leave(at: time)
    }

    /// After a resume: time spent away is not counted on the current question.
    public mutating func restartClock(at time: Double) {
        shownAt = time
    }

    /// How long the interview has lasted at `now`: the time on its steps, without the
    /// time it spent suspended or interrupted. The interviewer's header clock.
    public func elapsed(at now: Double) -> Double {
        activeSeconds + max(0, now - shownAt)
    }
}

extension Interview {
    /// The sample column that chooses the language of an interview (a code of the
    /// questionnaire's `languages`); the next-interview screen sets it too.
    public static let languageColumn = "language"
}

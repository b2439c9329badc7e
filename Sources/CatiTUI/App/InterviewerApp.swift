import CatiCore
import CatiStore

/// `cati interview`: the next-interview screen and interviews, one after another,
/// until the interviewer quits. Thin: the engine, the session and the pure views do
/// the work; this loop only moves keys and frames.
@MainActor
public final class InterviewerApp {
    let questionnaire: Questionnaire
    let store: FolderStore
    let sample: SampleFile?
    let interviewer: String
    var offerFirst: String?
    let resumeFirst: String?
    let terminal: Terminal
    var queue: CaseQueue
    var lastSaved: String?
    var message: String?
    /// What to tell the interviewer on stderr after the terminal is restored.
    public private(set) var farewell: [String] = []
    /// Call outcomes (issue 13): with a sample, cases come by the calling rules and
    /// every attempt goes to calls.jsonl.
    let fieldwork: FieldworkSettings?
    let clock: () -> Double
    var desk: CallDesk?

    public init(questionnaire: Questionnaire, store: FolderStore, sample: SampleFile?, interviewer: String,
                respondent: String?, resume: String?, environment: [String: String],
                fieldwork: FieldworkSettings? = nil, clock: @escaping () -> Double = { Platform.now }) {
        self.fieldwork = fieldwork
        self.clock = clock
        self.questionnaire = questionnaire
        self.store = store
        self.sample = sample
        self.interviewer = interviewer
        self.offerFirst = respondent
        self.resumeFirst = resume
        self.terminal = Terminal(environment: environment)
        self.queue = CaseQueue(rows: sample?.rows ?? [])
    }

    /// Runs until the interviewer quits (0) or the terminal goes away (128 + signal).
    public func run() throws -> Int32 {
        try terminal.start()
        defer { terminal.stop() }
        do {
            let recovered = try store.recoverFinished()
            if !recovered.isEmpty { lastSaved = labels.recovered(recovered) }
            if let sample, let fieldwork {
                desk = try CallDesk(questionnaire: questionnaire, store: store, sample: sample, settings: fieldwork)
                for warning in desk!.warnings { farewell.append(warning) }
            }
            if let resumeFirst { try resume(resumeFirst) }
            while true {
                switch try nextInterview() {
                case .quit: return 0
                case .start(let row): try interview(start: row)
                case .resume(let id): try resume(id)
                }
            }
        } catch let error as TerminalError {
            switch error {
            case .hangUp: return 129
            case .signal(let n): return 128 + n
            default: throw error
            }
        }
    }

    enum NextStep { case quit, start(SampleRecord?), resume(String) }

    var labels: InterviewerLabels { InterviewerLabels(questionnaire.language) }

    private func nextInterview() throws -> NextStep {
        if let desk { return try nextCall(desk) }
        let taken = try store.takenRespondents()
        var offered = queue.next(excluding: taken, preferring: offerFirst)
        if offerFirst != nil, offered?.id != offerFirst {
            message = (message.map { $0 + " · " } ?? "") + labels.respondentUnavailable(offerFirst!)
        }
        offerFirst = nil
        var model = NextInterviewModel(
            survey: questionnaire.survey, interviewer: interviewer, language: questionnaire.language,
            nextCase: offered, hasSample: sample != nil, caseValues: offered.map(caseValues) ?? [],
            casesLeft: queue.remaining(excluding: taken), resumable: (try? store.interrupted()) ?? [],
            lastSaved: lastSaved, message: message)
        message = nil
        while true {
            terminal.draw(model.frame(terminal.size))
            guard let key = try terminal.readKey(timeoutMilliseconds: 2000) else {
                model.resumable = (try? store.interrupted()) ?? model.resumable
                continue
            }
            switch model.handle(key) {
            case .none: continue
            case .quit: return .quit
            case .resume(let id): return .resume(id)
            case .start: return .start(offered)
            case .record: continue
            case .skip:
                if let current = offered { queue.skip(current.id) }
                offered = queue.next(excluding: try store.takenRespondents(), preferring: nil)
                model.nextCase = offered
                model.caseValues = offered.map(caseValues) ?? []
                model.casesLeft = queue.remaining(excluding: try store.takenRespondents())
            }
        }
    }

    func caseValuesOf(_ row: SampleRecord) -> [String] { caseValues(row) }

    private func caseValues(_ row: SampleRecord) -> [String] {
        questionnaire.variables.compactMap { v in
            let fed: Bool
            switch v.role {
            case .sample: fed = true
            case .question(let q): fed = questionnaire.questions[q].preload
            default: fed = false
            }
            guard fed, let raw = row.value(v.name) else { return nil }
            let value = SampleValues.value(of: v, in: row, questionnaire: questionnaire)
            let label = v.codes.flatMap { list in value.code.flatMap { list.option(code: $0)?.codeName } } ?? raw
            return "\(v.name): \(label)"
        }
    }

    private func interview(start row: SampleRecord?) throws {
        var claim: RespondentClaim?
        if let row {
            guard let taken = try store.claim(respondent: row.id) else {
                message = labels.caseTaken(row.id)
                return
            }
            claim = taken
        }
        defer { claim?.release() }
        if let desk, let row, let refusal = closedMessage(desk, row.id) {
            message = refusal
            return
        }
        let session: InterviewSession
        do {
            session = try InterviewSession.start(questionnaire: questionnaire, store: store, sample: row,
                                                 interviewer: interviewer)
        } catch {
            message = labels.cannotStart(labels.explain(error))
            return
        }
        try run(session)
    }

    private func resume(_ id: String) throws {
        let target = (try? store.interrupted())?.first { $0.header.id == id || $0.respondent == id }?.header.id ?? id
        let session: InterviewSession
        do {
            session = try InterviewSession.resume(target, questionnaire: questionnaire, store: store)
        } catch {
            message = labels.cannotResume(id, labels.explain(error))
            return
        }
        var claim: RespondentClaim?
        if let r = session.interview.sample?.id, !r.isEmpty { claim = try? store.claim(respondent: r) }
        defer { claim?.release() }
        try run(session)
    }

    /// The attempt an interview's own ending records (before its claim is let go).
    private func recordEnding(of session: InterviewSession) throws {
        guard let desk, let outcome = session.interview.callOutcome,
              let caseID = session.interview.sample?.id, !caseID.isEmpty else { return }
        try desk.record(outcome, on: caseID, interviewer: interviewer, now: clock(), interview: session.id)
    }

    /// One interview, key after key, until it is saved or suspended.
    private func run(_ session: InterviewSession) throws {
        let runner = InterviewRunner(session: session, labels: labels)
        do {
            let result = try runner.run(on: terminal)
            lastSaved = result
            try recordEnding(of: session)
        } catch let error as TerminalError {
            session.interrupt()
            farewell.append("interview \(session.id) was interrupted and is kept: resume it with "
                            + "'cati interview … --resume \(session.id)'")
            throw error
        }
    }
}

/// The sample cases in file order, skipping those taken or skipped.
struct CaseQueue {
    let rows: [SampleRecord]
    var skipped: Set<String> = []

    init(rows: [SampleRecord]) { self.rows = rows }

    func next(excluding taken: Set<String>, preferring id: String?) -> SampleRecord? {
        if let id, let row = rows.first(where: { $0.id == id }), !taken.contains(id) { return row }
        return rows.first { !taken.contains($0.id) && !skipped.contains($0.id) }
            ?? rows.first { !taken.contains($0.id) }
    }

    func remaining(excluding taken: Set<String>) -> Int { rows.filter { !taken.contains($0.id) }.count }

    mutating func skip(_ id: String) {
        skipped.insert(id)
        if rows.allSatisfy({ skipped.contains($0.id) }) { skipped = [] }
    }
}

import CatiCore
import CatiStore
import Foundation

/// `cati interview`: the next-interview screen and interviews, one after another,
/// until the interviewer quits. Thin: the engine, the session and the pure views do
/// the work; this loop only moves keys and frames.
@MainActor
public final class InterviewerApp {
    let questionnaire: Questionnaire
    let store: any InterviewStore
    let sample: SampleFile?
    let interviewer: String
    var offerFirst: String?
    let resumeFirst: String?
    let terminal: Terminal
    var queue: CaseQueue
    let ledger: CaseLedger
    var lastSaved: String?
    /// Answered questions of resumable interviews, by id, with the action count they were counted at.
    var answeredCache: [String: (actions: Int, answered: Int?)] = [:]
    var message: String?
    /// Earlier versions of the questionnaire whose interviews in progress may be resumed
    /// under this one (`--previous`).
    let previous: [Questionnaire]
    /// The language chosen on the next-interview screen for the interview it starts.
    var chosenLanguage: String?
    /// What to tell the interviewer on stderr after the terminal is restored.
    public internal(set) var farewell: [String] = []
    /// Call outcomes (issue 13): with a sample, cases come by the calling rules and
    /// every attempt goes to calls.jsonl.
    let fieldwork: FieldworkSettings?
    let clock: () -> Double
    var desk: CallDesk?
    /// The line mode (`--plain`, TERM=dumb): lines on this console instead of the
    /// screen (Plain/InterviewerApp+Plain.swift).
    let console: (any LineConsole)?

    public init(questionnaire: Questionnaire, store: any InterviewStore, sample: SampleFile?, interviewer: String,
                respondent: String?, resume: String?, environment: [String: String],
                fieldwork: FieldworkSettings? = nil, clock: @escaping () -> Double = { Date().timeIntervalSince1970 },
                previous: [Questionnaire] = [], console: (any LineConsole)? = nil) {
        self.console = console
        self.fieldwork = fieldwork
        self.clock = clock
        self.questionnaire = questionnaire
        self.previous = previous
        self.store = store
        self.sample = sample
        self.interviewer = interviewer
        self.offerFirst = respondent
        self.resumeFirst = resume
        self.terminal = Terminal(environment: environment)
        self.queue = CaseQueue(rows: sample?.rows ?? [])
        self.ledger = CaseLedger(store: store)
    }

    /// Runs until the interviewer quits (0) or the terminal goes away (128 + signal).
    public func run() throws -> Int32 {
        if let console { return try runLines(on: console) }
        try terminal.start()
        defer { terminal.stop() }
        do {
            return try shift { try nextInterview() }
        } catch let error as TerminalError {
            switch error {
            case .hangUp: return 129
            case .signal(let n): return 128 + n
            default: throw error
            }
        }
    }

    enum NextStep { case quit, start(SampleRecord?), resume(String) }

    /// A shift, on the screen or in lines: finished interviews recovered, the call desk
    /// opened, the interview asked for resumed, then one interview after another as
    /// `next` chooses, until the interviewer quits (0).
    func shift(_ next: () throws -> NextStep) throws -> Int32 {
        let recovered = try store.recoverFinished()
        if !recovered.isEmpty { lastSaved = labels.recovered(recovered) }
        if let sample, let fieldwork {
            desk = try CallDesk(questionnaire: questionnaire, store: store, sample: sample, settings: fieldwork)
            for warning in desk!.warnings { farewell.append(warning) }
        }
        if let resumeFirst { try resume(resumeFirst) }
        while true {
            switch try next() {
            case .quit: return 0
            case .start(let row): try interview(start: row)
            case .resume(let id): try resume(id)
            }
        }
    }

    var labels: InterviewerLabels { InterviewerLabels(questionnaire.language) }

    private func nextInterview() throws -> NextStep {
        if let desk { return try nextCall(desk) }
        let taken = try ledger.taken()
        var offered = queue.next(excluding: taken, preferring: offerFirst)
        if offerFirst != nil, offered?.id != offerFirst {
            message = (message.map { $0 + " · " } ?? "") + labels.respondentUnavailable(offerFirst!)
        }
        offerFirst = nil
        var model = NextInterviewModel(
            survey: questionnaire.survey, interviewer: interviewer, language: questionnaire.language,
            nextCase: offered, hasSample: sample != nil, caseValues: offered.map(caseValues) ?? [],
            casesLeft: queue.remaining(excluding: taken), resumable: [],
            lastSaved: lastSaved, message: message)
        model.sampleWarnings = sample?.problems ?? []
        model.clockText = { Platform.localMinute($0) }
        model.screenReader = terminal.screenReader
        refreshResumable(&model)
        if questionnaire.translations.count > 0 {
            model.languages = questionnaire.languages
            model.chosenLanguage = language(of: offered)
        }
        message = nil
        while true {
            terminal.draw(model.frame(terminal.size))
            // Screen-reader mode looks again on Ctrl-L only: nothing is redrawn by a timer.
            let read = try terminal.readKey(timeoutMilliseconds: terminal.screenReader ? nil : 2000)
            guard let key = read, !(terminal.screenReader && key == .ctrl("l")) else {
                refreshResumable(&model)
                continue
            }
            switch model.handle(key) {
            case .none: continue
            case .quit: return .quit
            case .resume(let id): return .resume(id)
            case .start:
                chosenLanguage = model.chosenLanguage
                return .start(offered)
            case .record: continue
            case .skip:
                let taken = try ledger.taken()
                switch queue.skip(offered?.id, excluding: taken) {
                case .next(let row): offered = row
                case .wrapped(let row): offered = row; model.message = labels.backToFirstCase
                case .onlyOne(let row): offered = row; model.message = labels.onlyCaseLeft
                case .none: offered = nil; model.message = labels.noCaseLeft
                }
                model.nextCase = offered
                model.caseValues = offered.map(caseValues) ?? []
                model.casesLeft = queue.remaining(excluding: taken)
                if !model.languages.isEmpty { model.chosenLanguage = language(of: offered) }
            }
        }
    }

    /// The interviews that can be resumed, with how many questions each has answered.
    func refreshResumable(_ model: inout NextInterviewModel) {
        // Held ones too, naming their holder: one's own can be taken back (issue 22).
        guard let list = try? store.interviewsInProgress() else { return }
        model.resumable = list
        // Names come from the sample: journals hold none (docs/privacy.md).
        for respondent in list.compactMap(\.respondent) where model.names[respondent] == nil {
            model.names[respondent] = sample?.row(id: respondent)?.value("name")
        }
        model.now = clock()
        for item in list {
            // A journal only grows while its interview runs; a listed one is not running.
            let key = item.header.id
            if answeredCache[key]?.actions != item.actions {
                answeredCache[key] = (item.actions, store.answeredQuestions(in: key, questionnaire: questionnaire))
            }
            model.answered[key] = answeredCache[key]?.answered
        }
    }

    func caseValuesOf(_ row: SampleRecord) -> [String] { caseValues(row) }
    /// The language a case is offered in: its sample `language` cell when the
    /// questionnaire has it, else the questionnaire's own.
    func language(of row: SampleRecord?) -> String {
        let cell = row?.value(Interview.languageColumn)
        return cell.flatMap { questionnaire.languages.contains($0) ? $0 : nil } ?? questionnaire.textLanguage
    }

    /// The case as the interview gets it: with the language chosen on the screen in its
    /// `language` cell (a blank interview gets a record with no id for it), so the
    /// journal keeps it and a resumed interview goes on in the same language.
    func withLanguage(_ row: SampleRecord?) -> SampleRecord? {
        guard let chosen = chosenLanguage, !questionnaire.translations.isEmpty else { return row }
        var fields = row?.fields ?? [:]
        fields[Interview.languageColumn] = chosen
        return SampleRecord(id: row?.id ?? "", fields: fields, line: row?.line ?? 0)
    }

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

    func interview(start row: SampleRecord?) throws {
        var claim: (any CaseClaim)?
        if let row {
            guard let taken = try ledger.claim(row.id) else {
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
            session = try InterviewSession.start(questionnaire: questionnaire, store: store, sample: withLanguage(row),
                                                 interviewer: interviewer)
        } catch {
            message = labels.cannotStart(labels.explain(error))
            return
        }
        try run(session)
    }

    func resume(_ id: String) throws {
        let target = store.interviewID(resuming: id)
        let session: InterviewSession
        var notice: String?
        do {
            do {
                session = try InterviewSession.resume(target, questionnaire: questionnaire, store: store, previous: previous,
                                                      sample: sample)
            } catch StoreError.busy {
                // Held by a live process: ours (a frozen connection) is taken back, another
                // login's is not (`heldBy` names it).
                let release = try store.takeOver(target, by: Platform.effectiveLogin)
                notice = labels.tookOver(release, clock: Self.timeOfDay)
                session = try InterviewSession.resume(target, questionnaire: questionnaire, store: store, previous: previous,
                                                      sample: sample)
            }
        } catch {
            message = labels.cannotResume(id, labels.explain(error))
            return
        }
        var claim: (any CaseClaim)?
        if let r = session.interview.sample?.id, !r.isEmpty { claim = try? store.claim(case: r) }
        defer { claim?.release() }
        try run(session, notice: notice)
    }

    /// A time of day as HH:MM, local.
    static func timeOfDay(_ t: Double) -> String { String(Platform.localMinute(t).suffix(5)) }

    /// The attempt an interview's own ending records (before its claim is let go).
    func recordEnding(of session: InterviewSession) throws {
        guard let desk, let outcome = session.interview.callOutcome,
              let caseID = session.interview.sample?.id, !caseID.isEmpty else { return }
        try desk.record(outcome, on: caseID, interviewer: interviewer, now: clock(), interview: session.id)
    }

    /// One interview, key after key, until it is saved or suspended.
    private func run(_ session: InterviewSession, notice: String? = nil) throws {
        if let console { return try runLines(session, notice: notice, on: console) }
        let runner = InterviewRunner(session: session, labels: labels, notice: notice)
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

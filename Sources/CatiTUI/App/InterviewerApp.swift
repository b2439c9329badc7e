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
    /// Earlier versions of the questionnaire whose interviews in progress may be resumed
    /// under this one (`--previous`).
    let previous: [Questionnaire]
    /// The language chosen on the next-interview screen for the interview it starts.
    var chosenLanguage: String?
    /// What to tell the interviewer on stderr after the terminal is restored.
    public private(set) var farewell: [String] = []

    public init(questionnaire: Questionnaire, store: FolderStore, sample: SampleFile?, interviewer: String,
                respondent: String?, resume: String?, environment: [String: String], previous: [Questionnaire] = []) {
        self.questionnaire = questionnaire
        self.previous = previous
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

    private var labels: InterviewerLabels { InterviewerLabels(questionnaire.language) }

    private func nextInterview() throws -> NextStep {
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
        if questionnaire.translations.count > 0 {
            model.languages = questionnaire.languages
            model.chosenLanguage = language(of: offered)
        }
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
            case .start:
                chosenLanguage = model.chosenLanguage
                return .start(offered)
            case .skip:
                if let current = offered { queue.skip(current.id) }
                offered = queue.next(excluding: try store.takenRespondents(), preferring: nil)
                model.nextCase = offered
                model.caseValues = offered.map(caseValues) ?? []
                model.casesLeft = queue.remaining(excluding: try store.takenRespondents())
                if !model.languages.isEmpty { model.chosenLanguage = language(of: offered) }
            }
        }
    }

    /// The language a case is offered in: its sample `language` cell when the
    /// questionnaire has it, else the questionnaire's own.
    private func language(of row: SampleRecord?) -> String {
        let cell = row?.value(Interview.languageColumn)
        return cell.flatMap { questionnaire.languages.contains($0) ? $0 : nil } ?? questionnaire.textLanguage
    }

    /// The case as the interview gets it: with the language chosen on the screen in its
    /// `language` cell (a blank interview gets a record with no id for it), so the
    /// journal keeps it and a resumed interview goes on in the same language.
    private func withLanguage(_ row: SampleRecord?) -> SampleRecord? {
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

    private func resume(_ id: String) throws {
        let target = (try? store.interrupted())?.first { $0.header.id == id || $0.respondent == id }?.header.id ?? id
        let session: InterviewSession
        do {
            session = try InterviewSession.resume(target, questionnaire: questionnaire, store: store, previous: previous)
        } catch {
            message = labels.cannotResume(id, labels.explain(error))
            return
        }
        var claim: RespondentClaim?
        if let r = session.interview.sample?.id, !r.isEmpty { claim = try? store.claim(respondent: r) }
        defer { claim?.release() }
        try run(session)
    }

    /// One interview, key after key, until it is saved or suspended.
    private func run(_ session: InterviewSession) throws {
        let runner = InterviewRunner(session: session, labels: labels)
        do {
            let result = try runner.run(on: terminal)
            lastSaved = result
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

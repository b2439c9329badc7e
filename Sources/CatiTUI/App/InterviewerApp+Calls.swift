import CatiCore
import CatiStore

/// The next-interview screen with call outcomes: the case the calling rules offer, an
/// outcome recorded on it (e), its call history shown; Enter starts the interview.
extension InterviewerApp {
    func nextCall(_ desk: CallDesk) throws -> NextStep {
        var skipped = Set<String>()
        var lastSkipped: String?
        if let first = offerFirst, let closed = closedMessage(desk, first) {
            message = (message.map { $0 + " · " } ?? "") + closed
            offerFirst = nil
        }
        while true {
            let now = clock()
            let (decision, offered) = try caseToOffer(desk, now: now, skipped: &skipped, lastSkipped: &lastSkipped,
                                                      separator: " · ")
            var model = NextInterviewModel(
                survey: questionnaire.survey, interviewer: interviewer, language: questionnaire.language,
                nextCase: offered, hasSample: true, caseValues: offered.map(caseValuesOf) ?? [],
                casesLeft: desk.openCases(), resumable: [],
                lastSaved: lastSaved, message: message ?? nothingMessage(decision))
            model.sampleWarnings = sample?.problems ?? []
            model.clockText = { Platform.localMinute($0) }
            model.screenReader = terminal.screenReader
            refreshResumable(&model)
            if !questionnaire.translations.isEmpty {
                model.languages = questionnaire.languages
                model.chosenLanguage = language(of: offered)
            }
            model.fieldwork = desk.settings
            model.now = now
            model.caseHistory = offered.map { history(desk, $0.id) } ?? []
            message = nil
            choosing: while true {
                model.now = clock()
                terminal.draw(model.frame(terminal.size))
                // Screen-reader mode looks again on Ctrl-L only: nothing is redrawn by a timer.
                let read = try terminal.readKey(timeoutMilliseconds: terminal.screenReader ? nil : 2000)
                guard let key = read, !(terminal.screenReader && key == .ctrl("l")) else {
                    refreshResumable(&model)
                    // Look again: an appointment or a retry may have come due, or the case
                    // shown been called by someone else meanwhile.
                    // Look again when nothing is offered (an appointment or a retry may have
                    // come due) or the case shown was closed meanwhile. A case taken by
                    // someone else stays shown: Enter then says so and offers the next.
                    guard model.outcomeEntry == nil, model.field.isEmpty else { continue }
                    if let current = offered {
                        try desk.refresh()
                        guard closedMessage(desk, current.id) != nil else { continue }
                    } else if try desk.peek(interviewer: interviewer, now: clock(), skipped: skipped).offer == nil {
                        continue
                    }
                    message = model.message == nothingMessage(decision) ? nil : model.message
                    break choosing
                }
                switch model.handle(key) {
                case .none: continue
                case .quit: return .quit
                case .resume(let id): return .resume(id)
                case .start:
                    chosenLanguage = model.chosenLanguage
                    return .start(offered)
                case .skip:
                    if let current = offered { skipped.insert(current.id) }
                    lastSkipped = offered?.id
                    break choosing
                case .record(let outcome, let appointment, let note):
                    guard let current = offered else { continue }
                    try record(desk, outcome, on: current.id, appointment: appointment, note: note)
                    break choosing
                }
            }
        }
    }

    func record(_ desk: CallDesk, _ outcome: CallOutcome, on caseID: String, appointment: Double?,
                note: String?) throws {
        switch try desk.take(named: caseID) {
        case .failure(.final(let o)):
            message = closedText(caseID, o)
        case .failure(.held):
            message = labels.caseTaken(caseID)
        case .success(let taken):
            defer { taken.claim.release() }
            let attempt = try desk.record(outcome, on: caseID, interviewer: interviewer, now: clock(),
                                          appointment: appointment, note: note)
            var text = "\(caseID): " + outcome.label(questionnaire.language)
            if let at = attempt.appointment {
                text += " " + LocalTime(at, offset: desk.settings.utcOffset).fullText(questionnaire.language)
            }
            lastSaved = text + (questionnaire.language == .it ? " — registrato" : " — recorded")
        }
    }

    /// Why a named case cannot be called, when it is closed.
    func closedMessage(_ desk: CallDesk, _ id: String) -> String? {
        guard let state = desk.book.state(of: id), case .final(let o) = CaseBook.status(of: state, settings: desk.settings)
        else { return nil }
        return closedText(id, o)
    }

    private func closedText(_ id: String, _ o: CallOutcome) -> String {
        questionnaire.language == .it
            ? "il caso \(id) è chiuso (\(o.label(.it)), \(o.aapor)): non si richiama"
            : "case \(id) is closed (\(o.label(.en)), \(o.aapor)): it is not called again"
    }

    /// The case's calls so far, in two short lines: the last attempt, then its
    /// appointment and note.
    func history(_ desk: CallDesk, _ id: String) -> [String] {
        guard let state = desk.book.state(of: id), let last = state.last else { return [] }
        let language = questionnaire.language, it = language == .it
        let when = LocalTime(last.at, offset: desk.settings.utcOffset).fullText(language)
        var lines = [(it ? "chiamata \(state.attempts + 1); ultima: " : "call \(state.attempts + 1); last: ")
            + last.outcome.label(language) + " (" + when + ", " + last.interviewer + ")"]
        var detail: [String] = []
        if let at = last.appointment {
            detail.append((it ? "appuntamento " : "appointment ") + LocalTime(at, offset: desk.settings.utcOffset).fullText(language))
        }
        if let note = last.note { detail.append((it ? "nota: " : "note: ") + note) }
        if !detail.isEmpty { lines.append(detail.joined(separator: " — ")) }
        return lines
    }

    func nothingMessage(_ decision: CallQueue.Decision) -> String? {
        guard decision.offer == nil else { return nil }
        let it = questionnaire.language == .it
        var text = decision.outsideCallingHours
            ? (it ? "fuori dall'orario di chiamata" : "outside calling hours")
            : (it ? "nessun caso da chiamare ora" : "no case to call now")
        if let due = decision.nextDue, let settings = desk?.settings {
            text += (it ? "; prossimo: " : "; next: ") + LocalTime(due, offset: settings.utcOffset).fullText(questionnaire.language)
        }
        return text
    }
}

extension InterviewerApp {
    /// The case to offer now, as the calling rules decide (the screen and the line mode
    /// both ask here): past the cases skipped with n, round again from the first still
    /// free when n went past the last; the case asked for with --respondent first, when
    /// it is free. Sets `message` to what the interviewer must be told of it.
    func caseToOffer(_ desk: CallDesk, now: Double, skipped: inout Set<String>, lastSkipped: inout String?,
                     separator: String) throws -> (CallQueue.Decision, SampleRecord?) {
        var offered: SampleRecord?
        var decision = try desk.peek(interviewer: interviewer, now: now, skipped: skipped)
        if decision.offer == nil, !skipped.isEmpty {
            // n went past the last case: round again from the first still free.
            skipped = []
            decision = try desk.peek(interviewer: interviewer, now: now)
            let next = decision.offer?.caseID
            message = next == nil ? labels.noCaseLeft : next == lastSkipped ? labels.onlyCaseLeft : labels.backToFirstCase
        } else if lastSkipped != nil, decision.offer == nil {
            message = labels.noCaseLeft
        }
        lastSkipped = nil
        if let first = offerFirst {
            offerFirst = nil
            if let row = desk.sampleRecord(first), !desk.heldCases().contains(first) { offered = row }
            else { message = (message.map { $0 + separator } ?? "") + labels.respondentUnavailable(first) }
        }
        if offered == nil, let offer = decision.offer { offered = desk.sampleRecord(offer.caseID) }
        return (decision, offered)
    }
}

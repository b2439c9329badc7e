import CatiCore
import CatiStore

/// `cati interview --plain`: the same app, the same sessions, calls and claims, with
/// lines instead of the screen. Between interviews the case to call is said once, and
/// a typed line chooses: Enter starts, n next case, e call outcome, r interviews to
/// resume (number + Enter resumes), l language, q quits, ? lists them.
extension InterviewerApp {
    func runLines(on console: any LineConsole) throws -> Int32 {
        do {
            return try shift { try desk.map { try linesNextCall($0, on: console) } ?? linesNextInterview(on: console) }
        } catch TerminalError.hangUp {
            return 129
        }
    }

    /// One interview in lines (the screen's `run(_:notice:)` in the line mode).
    func runLines(_ session: InterviewSession, notice: String?, on console: any LineConsole) throws {
        let runner = PlainInterviewRunner(session: session, words: PlainWords(questionnaire.language), labels: labels,
                                          notice: notice)
        do {
            let result = try runner.run(on: console)
            lastSaved = result
            try recordEnding(of: session)
        } catch let error as TerminalError {
            session.interrupt()
            farewell.append("interview \(session.id) was interrupted and is kept: resume it with "
                            + "'cati interview … --resume \(session.id)'")
            throw error
        }
    }

    private var it: Bool { questionnaire.language == .it }
    private func t(_ en: String, _ it: String) -> String { self.it ? it : en }

    /// Without call outcomes: the next case of the sample (or a blank interview).
    private func linesNextInterview(on console: any LineConsole) throws -> NextStep {
        let taken = try ledger.taken()
        var offered = queue.next(excluding: taken, preferring: offerFirst)
        if offerFirst != nil, offered?.id != offerFirst {
            message = (message.map { $0 + "; " } ?? "") + labels.respondentUnavailable(offerFirst!)
        }
        offerFirst = nil
        var language = questionnaire.translations.isEmpty ? nil : self.language(of: offered)
        sayNext(offered, history: [], casesLeft: queue.remaining(excluding: taken), language: language, on: console)
        while true {
            console.write(nextPrompt)
            let line = try console.readLine()
            switch try nextChoice(line, offered: offered, language: &language, on: console) {
            case .step(let step):
                if case .start = step { chosenLanguage = language }
                if case .start = step, sample != nil, offered == nil { console.say(labels.noCaseLeft); continue }
                return step
            case .stay: continue
            case .again: return try linesNextInterview(on: console)
            case .skip:
                let taken = try ledger.taken()
                var note: String?
                switch queue.skip(offered?.id, excluding: taken) {
                case .next(let row): offered = row
                case .wrapped(let row): offered = row; note = labels.backToFirstCase
                case .onlyOne(let row): offered = row; note = labels.onlyCaseLeft
                case .none: offered = nil; note = labels.noCaseLeft
                }
                message = note
                if language != nil { language = self.language(of: offered) }
                sayNext(offered, history: [], casesLeft: queue.remaining(excluding: taken), language: language, on: console)
            case .outcome:
                continue  // no call outcomes without a sample
            }
        }
    }

    /// With call outcomes: the case the calling rules offer, its calls so far.
    private func linesNextCall(_ desk: CallDesk, on console: any LineConsole) throws -> NextStep {
        var skipped = Set<String>()
        var lastSkipped: String?
        if let first = offerFirst, let closed = closedMessage(desk, first) {
            message = (message.map { $0 + "; " } ?? "") + closed
            offerFirst = nil
        }
        while true {
            let now = clock()
            let (decision, offered) = try caseToOffer(desk, now: now, skipped: &skipped, lastSkipped: &lastSkipped,
                                                      separator: "; ")
            if message == nil { message = nothingMessage(decision) }
            var language = questionnaire.translations.isEmpty ? nil : self.language(of: offered)
            sayNext(offered, history: offered.map { history(desk, $0.id) } ?? [], casesLeft: desk.openCases(),
                    language: language, on: console)
            choosing: while true {
                console.write(nextPrompt)
                let line = try console.readLine()
                switch try nextChoice(line, offered: offered, language: &language, on: console) {
                case .step(let step):
                    if case .start = step {
                        // Nothing offered: Enter looks again (an appointment may have come due).
                        guard offered != nil else { break choosing }
                        chosenLanguage = language
                    }
                    return step
                case .stay: continue
                case .again: break choosing
                case .skip:
                    if let current = offered { skipped.insert(current.id) }
                    lastSkipped = offered?.id
                    break choosing
                case .outcome:
                    guard let current = offered else { console.say(labels.noCaseLeft); continue }
                    guard let (outcome, appointment, note) = try enterOutcome(desk, on: console) else { continue }
                    try record(desk, outcome, on: current.id, appointment: appointment, note: note)
                    break choosing
                }
            }
        }
    }

    private enum LineChoice { case step(NextStep), stay, again, skip, outcome }

    private var nextPrompt: String {
        t("Next interview (Enter starts, ? for help): ", "Prossima intervista (Invio inizia, ? per l'aiuto): ")
    }

    /// A line typed between interviews (a leading "/" is allowed, as in the interview).
    private func nextChoice(_ typed: String, offered: SampleRecord?, language: inout String?,
                            on console: any LineConsole) throws -> LineChoice {
        var line = typed.trimmingCharacters()
        if line.hasPrefix("/") { line.removeFirst() }
        let word = line.prefix { $0 != " " }.lowercased()
        let rest = String(line.dropFirst(word.count)).trimmingCharacters()
        switch word {
        case "": return .step(.start(offered))
        case "?", "h": console.say(nextHelp(offered: offered)); return .stay
        case "q": return .step(.quit)
        case "n" where sample != nil: message = nil; return .skip
        case "e" where desk != nil: return .outcome
        case "w": return .again
        case "r":
            let list = resumableLines()
            console.say(list.isEmpty ? [t("No interview to resume", "Nessuna intervista da riprendere")] : list)
            return .stay
        case "l" where language != nil:
            let languages = questionnaire.languages
            if rest.isEmpty {
                let k = language.flatMap { languages.firstIndex(of: $0) } ?? 0
                language = languages[(k + 1) % languages.count]
            } else if languages.contains(rest) {
                language = rest
            } else {
                console.say(t("Languages: ", "Lingue: ") + languages.joined(separator: ", "))
                return .stay
            }
            console.say(t("Language of the interview: ", "Lingua dell'intervista: ") + language!)
            return .stay
        default:
            let list = (try? store.interviewsInProgress()) ?? []
            if let n = Int(line), list.indices.contains(n - 1) { return .step(.resume(list[n - 1].header.id)) }
            if let match = list.first(where: { $0.header.id == line || $0.respondent == line }) {
                return .step(.resume(match.header.id))
            }
            if Int(line) != nil || line.count > 2 {
                console.say(t("No interview '\(line)' to resume (r lists them)", "Nessuna intervista '\(line)' da riprendere (r le elenca)"))
            } else {
                console.say(t("Unknown command \(typed): ? lists the commands", "Comando sconosciuto \(typed): ? elenca i comandi"))
            }
            return .stay
        }
    }

    private func nextHelp(offered: SampleRecord?) -> [String] {
        var lines = [t("Commands (then Enter):", "Comandi (poi Invio):"),
                     t("  (empty)  start the interview", "  (vuoto)  iniziare l'intervista")]
        if sample != nil { lines.append(t("  n        next case", "  n        caso successivo")) }
        if desk != nil, offered != nil { lines.append(t("  e        record the call's outcome (no answer, appointment...)",
                                                          "  e        registrare l'esito della chiamata (non risponde, appuntamento...)")) }
        lines.append(t("  r        interviews that can be resumed", "  r        interviste da riprendere"))
        lines.append(t("  NUMBER   resume that interview (or its id, or the case)",
                       "  NUMERO   riprendere quell'intervista (o il suo id, o il caso)"))
        if questionnaire.translations.count > 0 {
            lines.append(t("  l [LANG] language of the interview (" + questionnaire.languages.joined(separator: ", ") + ")",
                           "  l [LINGUA] lingua dell'intervista (" + questionnaire.languages.joined(separator: ", ") + ")"))
        }
        lines.append(t("  w        look again", "  w        guardare di nuovo"))
        lines.append(t("  q        quit", "  q        uscire"))
        return lines
    }

    /// The case to call and what was said since, once.
    private func sayNext(_ offered: SampleRecord?, history: [String], casesLeft: Int, language: String?,
                         on console: any LineConsole) {
        var lines = [questionnaire.survey + ": " + t("next interview, interviewer ", "prossima intervista, intervistatore ") + interviewer]
        if let lastSaved { lines.append(lastSaved) }
        if let message { lines.append(message) }
        message = nil
        if let problems = sample?.problems, !problems.isEmpty {
            lines.append(t("Sample: \(problems.count) rows left out (listed on stderr)",
                           "Campione: \(problems.count) righe escluse (elencate su stderr)"))
        }
        if let c = offered {
            var who = t("Call: ", "Chiamare: ") + c.id
            if let name = c.value("name") { who += " " + name }
            if let phone = c.value("phone") { who += t(", phone ", ", telefono ") + phone }
            lines.append(who)
            let values = caseValuesOf(c)
            if !values.isEmpty { lines.append("  " + values.joined(separator: ", ")) }
            lines += history.map { "  " + $0 }
            lines.append("  " + t("\(casesLeft) cases left in the sample", "\(casesLeft) casi ancora nel campione"))
        } else if sample != nil {
            lines.append(t("No case left to call in the sample.", "Nessun caso da chiamare nel campione."))
        } else {
            lines.append(t("Blank interview (no sample loaded)", "Intervista senza campione"))
        }
        if let language {
            lines.append(t("Language of the interview: ", "Lingua dell'intervista: ") + language
                         + t(" (l changes it)", " (l la cambia)"))
        }
        let count = ((try? store.interviewsInProgress()) ?? []).count
        if count > 0 {
            lines.append(t("Interviews that can be resumed: \(count) (r lists them)",
                           "Interviste da riprendere: \(count) (r le elenca)"))
        }
        console.say(lines)
    }

    /// The interviews that can be resumed, numbered.
    private func resumableLines() -> [String] {
        let list = (try? store.interviewsInProgress()) ?? []
        let now = clock()
        return list.enumerated().map { k, item in
            var state = item.suspended ? t("suspended", "sospesa") : t("interrupted", "interrotta")
            if item.isHeld {
                state = item.holder.map { labels.heldBy($0, now: now, clock: { Self.timeOfDay($0) }) }
                    ?? t("held by another process", "tenuta da un altro processo")
            }
            // Names come from the sample: journals hold none (docs/privacy.md).
            let name = item.respondent.flatMap { sample?.row(id: $0)?.value("name") }
            let who = [item.respondent, name].compactMap { $0 }.joined(separator: " ")
            let answered = store.answeredQuestions(in: item.header.id, questionnaire: questionnaire)
                .map { ", \($0) " + t($0 == 1 ? "answer" : "answers", $0 == 1 ? "risposta" : "risposte") } ?? ""
            return "  \(k + 1). \(who.isEmpty ? "-" : who), \(state) \(Platform.localMinute(item.lastActivity))\(answered), \(item.header.id)"
        }
    }

    /// The outcome of a call that did not become an interview, asked line by line:
    /// its number, for an appointment its time (said back in full to confirm), a note.
    /// Nil when cancelled.
    private func enterOutcome(_ desk: CallDesk, on console: any LineConsole) throws
        -> (CallOutcome, Double?, String?)?
    {
        var entry = OutcomeEntry(now: clock(), settings: desk.settings, language: questionnaire.language)
        let language = questionnaire.language
        console.say([t("Outcome of the call:", "Esito della chiamata:")]
                    + OutcomeEntry.choices.enumerated().map { "  \($0.offset + 1). " + $0.element.label(language) })
        while true {
            switch entry.step {
            case .choose: console.write(t("Outcome (number, empty line cancels): ", "Esito (numero, riga vuota annulla): "))
            case .appointment:
                console.write(t("When? (15:30, tomorrow 15:30, mon 10, 30/11 9:15; /b back): ",
                                "Quando? (15:30, domani 15:30, lun 10, 30/11 9:15; /b indietro): "))
            case .confirm(let when):
                console.write(t("Appointment ", "Appuntamento ") + LocalTime(when, offset: desk.settings.utcOffset).fullText(language)
                              + t(": Enter confirms, or another time: ", ": Invio conferma, o un'altra ora: "))
            case .note: console.write(t("Note (optional; Enter records, /b back): ", "Nota (facoltativa; Invio registra, /b indietro): "))
            }
            let line = try console.readLine().trimmingCharacters()
            let result: OutcomeEntry.Result
            if line == "/b" || line == "/c" || (line.isEmpty && entry.step == .choose) {
                result = line == "/c" ? .cancel : entry.handle(.escape)
            } else {
                entry.field.set("")
                for c in line { _ = entry.handle(.char(c)) }
                result = entry.handle(.enter)
            }
            switch result {
            case .cancel: console.say(t("Cancelled", "Annullato")); return nil
            case .record(let outcome, let appointment, let note): return (outcome, appointment, note)
            case .none: if let why = entry.message { console.say(t("Error: ", "Errore: ") + why) }
            }
        }
    }
}

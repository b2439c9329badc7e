import CatiCore
import CatiStore

/// Between interviews: the case to call, interviews that can be resumed, the latest
/// save confirmation. Enter starts (or, after a number, resumes); n skips to the next
/// case; q quits.
public struct NextInterviewModel: Sendable {
    public var survey: String
    public var interviewer: String
    public var language: InterviewerLanguage
    /// The sample case offered, or nil for a blank interview (no sample loaded) or
    /// when every case is done.
    public var nextCase: SampleRecord?
    public var hasSample: Bool
    /// Preload and sample values of the case, as "tipo: privato".
    public var caseValues: [String]
    public var casesLeft: Int
    public var resumable: [InterruptedInterview]
    public var lastSaved: String?
    public var message: String?
    public var field = AnswerField()
    /// Questions answered so far, by interview id, for the list of resumable interviews.
    public var answered: [String: Int] = [:]
    /// Respondents' names by case id, read from the sample (journals hold none).
    public var names: [String: String] = [:]
    /// Rows of the sample file that were left out, with why (also written on stderr).
    public var sampleWarnings: [String] = []
    /// A moment as the interviewer's wall clock shows it ("2027-01-15 09:02"); the
    /// default is UTC, marked as such.
    public var clockText: @Sendable (Double) -> String = { t in
        String(Timestamp.rfc3339(t).prefix(16).map { $0 == "T" ? " " : $0 }) + " UTC"
    }
    /// Call outcomes (issue 13): the settings when calls are recorded (a sample is
    /// loaded), the time now, the case's calls so far, and the entry being typed.
    public var fieldwork: FieldworkSettings?
    /// Also: a holder silent for long is stale (issue 22).
    public var now: Double = 0
    public var caseHistory: [String] = []
    public var outcomeEntry: OutcomeEntry?
    /// The languages the interview can be run in (extension): empty without translations.
    public var languages: [String] = []
    /// The language the next interview starts in (`l` changes it).
    public var chosenLanguage: String?
    /// Screen-reader mode (docs/accessibility.md): the field's prompt is a word and its
    /// messages start with "Errore:" / "Error:" (glyphs are spelled by the terminal).
    public var screenReader = false

    public init(survey: String, interviewer: String, language: InterviewerLanguage, nextCase: SampleRecord?,
                hasSample: Bool, caseValues: [String], casesLeft: Int, resumable: [InterruptedInterview],
                lastSaved: String?, message: String?) {
        self.survey = survey
        self.interviewer = interviewer
        self.language = language
        self.nextCase = nextCase
        self.hasSample = hasSample
        self.caseValues = caseValues
        self.casesLeft = casesLeft
        self.resumable = resumable
        self.lastSaved = lastSaved
        self.message = message
    }

    public enum Choice: Sendable, Equatable {
        case none, start, skip, resume(String), quit
        /// Record this outcome on the case shown (a call that did not become an interview).
        case record(CallOutcome, appointment: Double?, note: String?)
    }

    /// A key on this screen.
    public mutating func handle(_ key: Key) -> Choice {
        if var entry = outcomeEntry {
            let result = entry.handle(key)
            outcomeEntry = entry
            switch result {
            case .none: return .none
            case .cancel: outcomeEntry = nil; return .none
            case .record(let outcome, let appointment, let note):
                outcomeEntry = nil
                return .record(outcome, appointment: appointment, note: note)
            }
        }
        switch key {
        case .char("e") where field.isEmpty && fieldwork != nil && nextCase != nil:
            outcomeEntry = OutcomeEntry(now: now, settings: fieldwork!, language: language)
            message = nil
            return .none
        case .char("q") where field.isEmpty, .char("Q") where field.isEmpty: return .quit
        case .char("n") where field.isEmpty:
            message = nil  // an earlier message is about something else
            return hasSample ? .skip : .none
        case .char("l") where field.isEmpty && languages.count > 1:
            let k = chosenLanguage.flatMap { languages.firstIndex(of: $0) } ?? 0
            chosenLanguage = languages[(k + 1) % languages.count]
            return .none
        case .enter:
            let typed = field.text.trimmingCharacters()
            field.set("")
            if typed.isEmpty { return hasSample && nextCase == nil ? .none : .start }
            if let n = Int(typed), resumable.indices.contains(n - 1) { return .resume(resumable[n - 1].header.id) }
            if let match = resumable.first(where: { $0.header.id == typed || $0.respondent == typed }) {
                return .resume(match.header.id)
            }
            message = language == .it ? "Nessuna intervista '\(typed)' da riprendere" : "No interview '\(typed)' to resume"
            return .none
        case .char(let c) where c.isNumber || c.isLetter:
            field.insert(c)
            return .none
        default:
            _ = field.edit(key)
            return .none
        }
    }

    private func t(_ en: String, _ it: String) -> String { language == .it ? it : en }

    public func frame(_ size: Size) -> Frame {
        guard size.width >= 80, size.height >= 24 else {
            return TooSmallView(size: size, text: InterviewerLabels(language).enlarge).frame()
        }
        let width = size.width
        var rows: [Row] = []
        let title = " \(survey) │ \(t("next interview", "prossima intervista")) │ \(interviewer) "
        rows.append(Row(TextLayout.pad(title, width: width), style: .title))
        rows.append(.empty)
        if let lastSaved { rows.append(Row(" " + lastSaved + " ", style: .ok)); rows.append(.empty) }
        if let c = nextCase {
            rows.append(Row(" " + t("Call:", "Chiamare:"), style: .bold))
            var who = "   \(c.id)"
            if let name = c.value("name") { who += "   " + name }
            rows.append(Row(who, style: .bold))
            if let phone = c.value("phone") { rows.append(Row("   ☎ " + phone, style: .bold)) }
            if !caseValues.isEmpty { rows.append(Row("   " + caseValues.joined(separator: "   "), style: .dim)) }
            for line in caseHistory { rows.append(Row(TextLayout.truncate("   " + line, width: width - 1), style: .bold)) }
            rows.append(Row("   " + t("\(casesLeft) cases left in the sample", "\(casesLeft) casi ancora nel campione"),
                            style: .dim))
        } else if hasSample {
            rows.append(Row(" " + t("No case left to call in the sample.", "Nessun caso da chiamare nel campione."),
                            style: .warning))
        } else {
            rows.append(Row(" " + t("Blank interview (no sample loaded)", "Intervista senza campione"), style: .bold))
        }
        if languages.count > 1, let chosen = chosenLanguage {
            rows.append(Row([Span("   " + t("Language of the interview: ", "Lingua dell'intervista: "), style: .dim),
                             Span(chosen, style: .bold),
                             Span("   (" + t("l changes it: ", "l la cambia: ") + languages.joined(separator: ", ") + ")",
                                  style: .dim)]))
        }
        rows.append(.empty)
        if !sampleWarnings.isEmpty {
            let count = sampleWarnings.count
            rows.append(Row(" " + t("Sample: \(count) row\(count == 1 ? "" : "s") left out:",
                                    "Campione: \(count) rig\(count == 1 ? "a esclusa" : "he escluse"):"), style: .warning))
            let shown = count > 3 ? 2 : count
            for warning in sampleWarnings.prefix(shown) {  // whole, over more lines: the line number is at its start
                rows += TextLayout.wrap(warning, width: width - 4).map { Row("   " + $0, style: .warning) }
            }
            if count > shown {
                rows.append(Row("   " + t("… and \(count - shown) more (listed on stderr)", "… e altre \(count - shown) (elencate su stderr)"),
                                style: .warning))
            }
            rows.append(.empty)
        }
        if let entry = outcomeEntry {
            rows += entry.rows(width: width)
        } else if !resumable.isEmpty {
            rows.append(Row(" " + t("Interviews that can be resumed (number + Enter):",
                                    "Interviste da riprendere (numero + Invio):"), style: .bold))
            let room = max(1, size.height - rows.count - 5)
            for (k, item) in resumable.prefix(min(room, 9)).enumerated() {
                var state = item.suspended ? t("suspended", "sospesa") : t("interrupted", "interrotta")
                if item.isHeld {
                    state = item.holder.map { InterviewerLabels(language).heldBy($0, now: now, clock: { String(clockText($0).prefix(16).suffix(5)) }) }
                        ?? t("held by another process", "tenuta da un altro processo")
                }
                let who = item.respondent ?? "—"
                let name = item.respondent.flatMap { names[$0] } ?? item.header.sample?.value("name") ?? ""
                // Who, state, when and how far first: the long interview id goes last, where
                // a narrow window cuts it (number + Enter resumes without it).
                let when = clockText(item.lastActivity)
                let count = answered[item.header.id].map { "  \($0) " + t($0 == 1 ? "answer" : "answers", $0 == 1 ? "risposta" : "risposte") } ?? ""
                let line = "  \(k + 1)  \(who) \(name)  \(state) \(when)\(count)  \(item.header.id)"
                rows.append(Row(TextLayout.truncate(line, width: width - 1)))
            }
        }
        while rows.count < size.height - 3 { rows.append(.empty) }
        rows = Array(rows.prefix(size.height - 3))
        let prompt = screenReader
            ? "> " + (outcomeEntry.map { InterviewerLabels(language).outcomePrompt($0.step) } ?? InterviewerLabels(language).choiceWord)
                + ": " : " > "
        let shownField = outcomeEntry?.field ?? field
        rows.append(Row([Span(prompt, style: .bold), Span(TextLayout.pad(shownField.text, width: 20), style: .input)]))
        let shownMessage = outcomeEntry?.message ?? message
        let errorWord = screenReader ? InterviewerLabels(language).errorWord + " " : ""
        rows.append(shownMessage.map { Row(" " + errorWord + $0 + " ", style: .error) } ?? .empty)
        let keys = outcomeEntry != nil ? "" : fieldwork != nil && nextCase != nil
            ? t("Enter start · e call outcome · n next case · number+Enter resume · q quit",
                "Invio inizia · e esito · n successivo · numero+Invio riprende · q esci")
            : hasSample
            ? t("Enter start · n next case · number+Enter resume · q quit",
                "Invio inizia · n caso successivo · numero+Invio riprende · q esci")
            : t("Enter start · number+Enter resume · q quit", "Invio inizia · numero+Invio riprende · q esci")
        rows.append(Row(" " + keys, style: .dim))
        return Frame(size: size, rows: rows, cursor: Position(row: size.height - 3,
                                                             column: DisplayWidth.of(prompt) + shownField.cursor))
    }
}

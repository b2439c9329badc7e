import CatiCore

/// Recording a call's outcome from the next-interview screen, as a pure state machine:
/// choose the outcome (number + Enter), for an appointment type its time (read
/// forgivingly, shown back as a full date to confirm; past or outside calling hours
/// refused with a message), then an optional note; Enter records, Esc goes back a step.
public struct OutcomeEntry: Sendable {
    public enum Step: Sendable, Equatable {
        case choose
        case appointment
        case confirm(Double)
        case note
    }

    public enum Result: Sendable, Equatable {
        case none
        case cancel
        case record(CallOutcome, appointment: Double?, note: String?)
    }

    /// The outcomes an interviewer records by hand, numbered from 1 on the screen.
    public static let choices: [CallOutcome] = [
        .noAnswer, .busy, .answeringMachine, .answeringMachineMessage, .appointment, .refusalSoft, .refusalHard,
        .doNotCall, .wrongNumber, .disconnected, .fax, .language, .unable, .notEligible,
    ]

    public private(set) var step = Step.choose
    public private(set) var chosen: CallOutcome?
    public private(set) var appointment: Double?
    public var field = AnswerField()
    public private(set) var message: String?
    let now: Double
    let settings: FieldworkSettings
    let language: InterviewerLanguage

    public init(now: Double, settings: FieldworkSettings, language: InterviewerLanguage) {
        self.now = now
        self.settings = settings
        self.language = language
    }

    private func t(_ en: String, _ it: String) -> String { language == .it ? it : en }

    public mutating func handle(_ key: Key) -> Result {
        switch key {
        case .escape:
            message = nil
            field.set("")
            switch step {
            case .choose: return .cancel
            case .appointment: step = .choose
            case .confirm: step = .appointment
            case .note: step = chosen == .appointment ? .appointment : .choose
            }
            return .none
        case .enter:
            let typed = field.text.trimmingCharacters()
            return enter(typed)
        case .char(let c) where step != .choose || c.isNumber:
            field.insert(c)
            return .none
        case .char:
            return .none        // choosing takes digits only
        default:
            _ = field.edit(key)
            return .none
        }
    }

    private mutating func enter(_ typed: String) -> Result {
        message = nil
        switch step {
        case .choose:
            guard let n = Int(typed), Self.choices.indices.contains(n - 1) else {
                message = t("Type the number of an outcome (1–\(Self.choices.count))",
                            "Digitare il numero di un esito (1–\(Self.choices.count))")
                field.set("")
                return .none
            }
            chosen = Self.choices[n - 1]
            field.set("")
            step = chosen == .appointment ? .appointment : .note
        case .appointment:
            switch AppointmentTime.parse(typed, now: now, settings: settings, language: language) {
            case .success(let when):
                appointment = when
                field.set("")
                step = .confirm(when)
            case .failure(let why):
                message = why.description
            }
        case .confirm:
            // Enter confirms; anything typed is read as a new time instead.
            if !typed.isEmpty { step = .appointment; return enter(typed) }
            field.set("")
            step = .note
        case .note:
            guard let chosen else { return .cancel }
            return .record(chosen, appointment: chosen == .appointment ? appointment : nil,
                           note: typed.isEmpty ? nil : typed)
        }
        return .none
    }

    /// The rows of the entry, shown in place of the resumable list.
    public func rows(width: Int) -> [Row] {
        var rows: [Row] = [Row(" " + t("Outcome of the call:", "Esito della chiamata:"), style: .bold)]
        switch step {
        case .choose:
            let half = (Self.choices.count + 1) / 2
            for k in 0..<half {
                func cell(_ i: Int) -> String {
                    guard Self.choices.indices.contains(i) else { return "" }
                    let label = "\(i + 1)".leftPadded(4) + "  " + Self.choices[i].label(language)
                    return label + String(repeating: " ", count: max(0, 36 - label.count))
                }
                rows.append(Row(TextLayout.truncate(cell(k) + cell(k + half), width: width - 1)))
            }
            rows.append(Row(" " + t("number + Enter · Esc back", "numero + Invio · Esc indietro"), style: .dim))
        case .appointment:
            rows.append(Row("   " + (chosen?.label(language) ?? ""), style: .bold))
            rows.append(Row(" " + t("When? (15:30 · tomorrow 15:30 · mon 10 · 30/11 9:15) + Enter · Esc back",
                                    "Quando? (15:30 · domani 15:30 · lun 10 · 30/11 9:15) + Invio · Esc indietro"), style: .dim))
        case .confirm(let when):
            rows.append(Row("   " + (chosen?.label(language) ?? "") + ": "
                            + LocalTime(when, offset: settings.utcOffset).fullText(language), style: .bold))
            rows.append(Row(" " + t("Enter confirms · type another time · Esc back",
                                    "Invio conferma · digitare un'altra ora · Esc indietro"), style: .dim))
        case .note:
            var what = "   " + (chosen?.label(language) ?? "")
            if chosen == .appointment, let appointment {
                what += ": " + LocalTime(appointment, offset: settings.utcOffset).fullText(language)
            }
            rows.append(Row(what, style: .bold))
            rows.append(Row(" " + t("Note (optional) + Enter records · Esc back",
                                    "Nota (facoltativa) + Invio registra · Esc indietro"), style: .dim))
        }
        return rows
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

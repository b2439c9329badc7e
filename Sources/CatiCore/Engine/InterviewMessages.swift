/// What the interviewer is told when an entry is refused, in the questionnaire's
/// language (`language it|en`).
public struct InterviewMessages: Sendable {
    public let language: InterviewerLanguage

    public init(_ language: InterviewerLanguage) { self.language = language }

    private func t(_ en: String, _ it: String) -> String { language == .it ? it : en }

    public func pickHint(_ pick: ClosedRange<Int>) -> String {
        let n = pick.lowerBound == pick.upperBound ? "\(pick.lowerBound)" : "\(pick.lowerBound)–\(pick.upperBound)"
        return t("pick \(n)", "sceglierne \(n)")
    }
    public func decimalsHint(_ d: Int) -> String { t("\(d) decimal\(d == 1 ? "" : "s")", "\(d) decimal\(d == 1 ? "e" : "i")") }
    public func maxLengthHint(_ n: Int) -> String { t("max \(n) characters", "max \(n) caratteri") }

    public var required: String { t("An answer is required", "Serve una risposta") }
    public var dkNotAllowed: String { t("Not allowed: don't know", "Non ammesso: non sa") }
    public var refusedNotAllowed: String { t("Not allowed: refused", "Non ammesso: rifiuto") }
    public func unknownCode(_ entry: String, _ codes: String) -> String {
        t("Unknown code '\(entry)': the codes are \(codes)", "Codice '\(entry)' sconosciuto: i codici sono \(codes)")
    }
    public func pickAtLeast(_ n: Int) -> String {
        t("Pick at least \(n) code\(n == 1 ? "" : "s")", "Scegliere almeno \(n) codic\(n == 1 ? "e" : "i")")
    }
    public func pickAtMost(_ n: Int) -> String {
        t("Pick at most \(n) code\(n == 1 ? "" : "s")", "Scegliere al massimo \(n) codic\(n == 1 ? "e" : "i")")
    }
    public func exclusive(_ code: Int) -> String {
        t("Code \(code) cannot be combined with other codes", "Il codice \(code) non si combina con altri codici")
    }
    public var notANumber: String { t("Not a number", "Non è un numero") }
    public var wholeNumber: String { t("A whole number is required", "Serve un numero intero") }
    public func tooManyDecimals(_ d: Int) -> String {
        t("At most \(d) decimal\(d == 1 ? "" : "s")", "Al massimo \(d) decimal\(d == 1 ? "e" : "i")")
    }
    public func outOfRange(_ range: String) -> String {
        t("Out of range: \(range)", "Fuori intervallo: \(range)")
    }
    public func tooLong(_ max: Int, _ typed: Int) -> String {
        t("Too long: at most \(max) characters (typed \(typed))", "Troppo lungo: al massimo \(max) caratteri (scritti \(typed))")
    }
    public var patternMismatch: String { t("Not in the required format", "Formato non valido") }
    public var specifyOther: String { t("Please specify (other)", "Specificare (altro)") }
    public var checkStillFails: String {
        t("Correct one of the answers listed (F2 goes back)", "Correggere una delle risposte elencate (F2 torna indietro)")
    }
    public var nothingBefore: String { t("This is the first question", "Questa è la prima domanda") }
    public var cannotGoBack: String { t("Cannot go back further", "Impossibile tornare più indietro") }
    public var complete: String { t("Interview complete: press Enter to save", "Intervista completa: premere Invio per salvare") }
    public var overQuotaDefault: String {
        t("Thank you: we have already reached enough interviews of this kind. Goodbye.",
          "La ringraziamo: abbiamo già raccolto abbastanza interviste di questo tipo. Buona giornata.")
    }
}

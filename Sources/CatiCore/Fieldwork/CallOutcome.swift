/// The outcome of one call attempt (fieldwork.md): its name in `calls.jsonl`, its AAPOR
/// Standard Definitions code, and whether it closes the case.
public enum CallOutcome: String, Sendable, CaseIterable, Hashable {
    case complete
    case breakOff = "break-off"
    case refusalSoft = "refusal-soft"
    case refusalHard = "refusal-hard"
    case doNotCall = "do-not-call"
    case appointment
    case answeringMachine = "answering-machine"
    case answeringMachineMessage = "answering-machine-message"
    case noAnswer = "no-answer"
    case busy
    case language
    case unable
    case fax
    case disconnected
    case wrongNumber = "wrong-number"
    case notEligible = "not-eligible"
    case screenedOut = "screened-out"
    case overQuota = "over-quota"
    case quotaFilled = "quota-filled"

    public var aapor: String {
        switch self {
        case .complete: return "1.1"
        case .breakOff: return "2.12"
        case .refusalSoft: return "2.11"
        case .refusalHard, .doNotCall: return "2.112"
        case .appointment: return "2.21"
        case .answeringMachine: return "2.221"
        case .answeringMachineMessage: return "2.222"
        case .noAnswer: return "3.13"
        case .busy: return "3.12"
        case .language: return "2.33"
        case .unable: return "2.32"
        case .fax: return "4.20"
        case .disconnected: return "4.30"
        case .wrongNumber: return "4.10"
        case .notEligible, .screenedOut: return "4.70"
        case .overQuota, .quotaFilled: return "4.80"
        }
    }

    /// Whether the case is closed by this outcome (no further call).
    public var isFinal: Bool {
        switch self {
        case .refusalSoft, .appointment, .answeringMachine, .answeringMachineMessage, .noAnswer, .busy: return false
        default: return true
        }
    }

    /// The attempt an interview's own ending records.
    public init(_ status: InterviewStatus) {
        switch status {
        case .complete: self = .complete
        case .screenedOut: self = .screenedOut
        case .overQuota: self = .overQuota
        case .refused: self = .refusalHard
        case .breakOff: self = .breakOff
        }
    }

    /// What a `terminate … as OUTCOME` may mean: an ending of the interview that closes the case.
    public static let terminateOutcomes: Set<CallOutcome> = [
        .screenedOut, .notEligible, .refusalHard, .refusalSoft, .doNotCall, .language, .unable, .wrongNumber,
    ]

    /// The AAPOR code of a case never attempted.
    public static let notAttemptedCode = "3.11"

    /// The outcomes an interviewer records from the next-interview screen, with the key
    /// that records each (an interview's own endings are recorded when it ends).
    public static let screenKeys: [(key: Character, outcome: CallOutcome)] = [
        ("n", .noAnswer), ("b", .busy), ("s", .answeringMachine), ("m", .answeringMachineMessage),
        ("a", .appointment), ("r", .refusalSoft), ("R", .refusalHard), ("x", .doNotCall),
        ("l", .language), ("u", .unable), ("f", .fax), ("d", .disconnected), ("w", .wrongNumber),
        ("e", .notEligible),
    ]

    /// The name shown to the interviewer in the questionnaire's language.
    public func label(_ language: InterviewerLanguage) -> String {
        guard language == .it else { return rawValue.replacingAll("-", with: " ") }
        switch self {
        case .complete: return "completa"
        case .breakOff: return "interrotta"
        case .refusalSoft: return "rifiuto (richiamabile)"
        case .refusalHard: return "rifiuto definitivo"
        case .doNotCall: return "non richiamare mai"
        case .appointment: return "appuntamento"
        case .answeringMachine: return "segreteria"
        case .answeringMachineMessage: return "segreteria, messaggio lasciato"
        case .noAnswer: return "non risponde"
        case .busy: return "occupato"
        case .language: return "barriera linguistica"
        case .unable: return "non in grado di rispondere"
        case .fax: return "fax / linea dati"
        case .disconnected: return "numero inesistente"
        case .wrongNumber: return "numero errato"
        case .notEligible: return "non idoneo"
        case .screenedOut: return "fuori target"
        case .overQuota: return "quota piena"
        case .quotaFilled: return "quota piena (non chiamato)"
        }
    }
}

/// The AAPOR groups the rates are computed from (fieldwork.md).
public enum AAPORGroup: String, Sendable, CaseIterable {
    case interview = "I", partial = "P", refusal = "R", nonContact = "NC", other = "O"
    case unknownHousehold = "UH", unknownOther = "UO", notEligible = "NE"

    public init?(code: String) {
        let parts = code.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let major = Int(parts[0]), let first = parts[1].first else { return nil }
        switch (major, first) {
        case (1, "1"): self = .interview
        case (1, "2"): self = .partial
        case (2, "1"): self = .refusal
        case (2, "2"): self = .nonContact
        case (2, "3"): self = .other
        case (3, "1"): self = .unknownHousehold
        case (3, _): self = .unknownOther
        case (4, _): self = .notEligible
        default: return nil
        }
    }
}

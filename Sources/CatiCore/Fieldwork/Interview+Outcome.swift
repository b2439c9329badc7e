/// The call outcome of an interview's own ending (fieldwork.md): its status's, or what
/// the `terminate … as OUTCOME` that ended it says (the seed's `consenso = no` is a hard
/// refusal, not a screen-out).
extension Interview {
    /// The outcome named by the `terminate` that ended the interview, if it names one.
    public var terminateOutcome: CallOutcome? {
        guard status == .screenedOut, case .ending = current.kind, questionnaire.program.indices.contains(current.pc),
              case .terminate(_, _, let outcome?) = questionnaire.program[current.pc] else { return nil }
        return outcome
    }

    /// The outcome recorded in calls.jsonl for this interview; nil while it goes on.
    public var callOutcome: CallOutcome? {
        guard let status else { return nil }
        return terminateOutcome ?? CallOutcome(status)
    }
}

extension CallOutcome {
    /// The outcome of a saved interview record: its `outcome` (a `terminate … as`), else its status's.
    public init?(record: JSON) {
        if case .string(let name)? = record["outcome"], let outcome = CallOutcome(rawValue: name) {
            self = outcome
        } else if case .string(let s)? = record["status"], let status = InterviewStatus(rawValue: s) {
            self.init(status)
        } else {
            return nil
        }
    }
}

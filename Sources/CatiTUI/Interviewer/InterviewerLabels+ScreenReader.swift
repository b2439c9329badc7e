/// The words of screen-reader mode (docs/accessibility.md): every state said in a word
/// that a speech synthesiser reads and a braille display shows.
extension InterviewerLabels {
    var errorWord: String { t("Error:", "Errore:") }
    var warningWord: String { t("Warning:", "Attenzione:") }
    var noteWord: String { t("Note:", "Nota:") }
    var instructionWord: String { t("Instruction:", "Istruzione:") }
    var checkFailedWords: String { t("Error: check failed:", "Errore: controllo non superato:") }
    var reread: String { t("read again", "rileggi") }
    var whereKey: String { t("where", "dove") }
    var chosenWord: String { t("chosen", "scelto") }
    var noValue: String { t("no answer", "nessuna risposta") }
    var arrowsHint: String { t("Up and Down move, Space marks, Enter answers", "Su e Giu spostano, Spazio segna, Invio risponde") }
    var singleHint: String { t("Up and Down move, Enter answers", "Su e Giu spostano, Invio risponde") }
    var choiceWord: String { t("Choice", "Scelta") }
    var endChoiceShort: String { t("End: 1 refused, 2 break-off", "Termina: 1 rifiuto, 2 interruzione") }
    var reasonWord: String { t("Reason:", "Motivo:") }
    var suspendShort: String { t("Suspend, reason:", "Sospendere, motivo:") }
    /// The field's word at each step of recording a call's outcome.
    func outcomePrompt(_ step: OutcomeEntry.Step) -> String {
        switch step {
        case .choose: t("Outcome", "Esito")
        case .appointment: t("When", "Quando")
        case .confirm: t("Confirm", "Conferma")
        case .note: t("Note", "Nota")
        }
    }
    /// A loop's round among the rounds of this interview: "giro 2 di 3".
    func roundOf(_ k: Int, _ n: Int) -> String { t("round \(k) of \(n)", "giro \(k) di \(n)") }
    var phoneWord: String { t("tel.", "tel.") }

    /// "5 more above, 3 more below" for a list longer than the screen.
    func hiddenRows(above: Int, below: Int) -> String {
        t("\(above) more above, \(below) more below (Up and Down scroll)",
          "altre \(above) sopra, \(below) sotto (Su e Giu scorrono)")
    }

    /// F7: where the interview is. `total`: the questions in the questionnaire (the
    /// path may skip some).
    func whereabouts(position: Int?, total: Int, respondent: String?, elapsedSeconds: Int,
                     round: LoopRoundPosition? = nil) -> String {
        let minutes = elapsedSeconds / 60, seconds = elapsedSeconds % 60
        let clock = "\(minutes) " + t(minutes == 1 ? "minute" : "minutes", minutes == 1 ? "minuto" : "minuti")
            + " \(seconds) " + t(seconds == 1 ? "second" : "seconds", seconds == 1 ? "secondo" : "secondi")
        var parts: [String] = []
        if let position {
            parts.append(t("question \(position) of at most \(total)", "domanda \(position) di al massimo \(total)"))
        } else {
            parts.append(t("end of the interview", "fine dell'intervista"))
        }
        if let round { parts.append(roundOf(round.round, round.rounds) + " (\(round.loop): \(round.fill))") }
        parts.append(t("case ", "caso ") + (respondent ?? t("none", "nessuno")))
        parts.append(t("elapsed ", "durata ") + clock)
        return parts.joined(separator: ", ")
    }
}

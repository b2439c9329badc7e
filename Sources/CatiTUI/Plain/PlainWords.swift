import CatiCore

/// The words of the line mode (`cati interview --plain`), in the questionnaire's
/// language: plain sentences, letters, digits and punctuation only (no box or block
/// glyph, no colour), so a screen reader or a braille display reads them as they are.
public struct PlainWords: Sendable {
    public let language: InterviewerLanguage

    public init(_ language: InterviewerLanguage) { self.language = language }

    func t(_ en: String, _ it: String) -> String { language == .it ? it : en }

    var question: String { t("Q", "D") }
    var instruction: String { t("Instruction", "Istruzione") }
    var scale: String { t("Scale", "Scala") }
    var error: String { t("Error", "Errore") }
    var warning: String { t("Warning", "Attenzione") }
    var note: String { t("Note", "Nota") }
    var helpHint: String { t("? for help", "? per l'aiuto") }
    var other: String { t("specify", "specificare") }
    var involved: String { t("Answers involved:", "Risposte coinvolte:") }
    var fixed: String { t("(cannot be changed here)", "(non modificabile qui)") }

    func answer(_ hint: String) -> String {
        t("Answer", "Risposta") + " (" + (hint.isEmpty ? "" : hint + ", ") + helpHint + "): "
    }
    func previous(_ prefill: String) -> String {
        t("Answer given: \(prefill) (Enter keeps it)", "Risposta data: \(prefill) (Invio la conferma)")
    }
    func item(_ k: Int, of n: Int) -> String { t("item \(k) of \(n)", "voce \(k) di \(n)") }
    var continuePrompt: String { t("Enter to continue (? for help): ", "Invio per continuare (? per l'aiuto): ") }
    var specifyPrompt: String { t("Text (? for help): ", "Testo (? per l'aiuto): ") }
    func specifyTitle(_ labels: [String]) -> String {
        t("Specify", "Specificare") + ": " + labels.joined(separator: ", ")
    }
    var checkPrompt: String {
        t("Number of the answer to correct, /b the latest (? for help): ",
          "Numero della risposta da correggere, /b l'ultima (? per l'aiuto): ")
    }
    var warningPrompt: String {
        t("Enter confirms, /b goes back to correct (? for help): ",
          "Invio conferma, /b torna indietro a correggere (? per l'aiuto): ")
    }
    var savePrompt: String { t("Enter saves, /b goes back (? for help): ", "Invio salva, /b torna indietro (? per l'aiuto): ") }
    func ending(_ status: InterviewStatus) -> String {
        switch status {
        case .complete: t("Interview complete.", "Intervista completa.")
        case .screenedOut: t("The interview ends here (screened out).", "L'intervista finisce qui (fuori target).")
        case .overQuota: t("The quota for this respondent is full (over quota).", "La quota per questo intervistato è piena.")
        case .refused: t("Refused.", "Rifiuto.")
        case .breakOff: t("Break-off.", "Interruzione.")
        }
    }
    var notePrompt: String { t("Note (empty line cancels): ", "Nota (riga vuota annulla): ") }
    var suspendPrompt: String {
        t("Suspend: reason (Enter suspends, /c cancels): ", "Sospendere: motivo (Invio sospende, /c annulla): ")
    }
    var endPrompt: String {
        t("End the interview: 1 refused, 2 break-off (empty line cancels): ",
          "Terminare l'intervista: 1 rifiuto, 2 interruzione (riga vuota annulla): ")
    }
    var endReasonPrompt: String { t("Reason (Enter ends, /c cancels): ", "Motivo (Invio termina, /c annulla): ") }
    var endChoiceInvalid: String { t("Type 1 (refused) or 2 (break-off), or an empty line to cancel",
                                     "Digitare 1 (rifiuto) o 2 (interruzione), o una riga vuota per annullare") }
    var cancelled: String { t("Cancelled", "Annullato") }
    var noteSaved: String { t("Note saved", "Nota salvata") }
    func unknownCommand(_ typed: String) -> String {
        t("Unknown command \(typed): ? lists the commands", "Comando sconosciuto \(typed): ? elenca i comandi")
    }
    func whereAmI(position: Int, total: Int, respondent: String?, elapsed: Int) -> String {
        let clock = (elapsed / 60 < 10 ? "0" : "") + "\(elapsed / 60):" + (elapsed % 60 < 10 ? "0" : "") + "\(elapsed % 60)"
        let who = respondent.map { t(", case \($0)", ", caso \($0)") } ?? t(", no sample case", ", senza caso del campione")
        return t("Question \(position) of at most \(total)\(who), \(clock) elapsed",
                 "Domanda \(position) di al massimo \(total)\(who), \(clock) trascorsi")
    }

    /// `?` during an interview: what can be typed at this step.
    func interviewHelp(dk: Bool, refused: Bool) -> [String] {
        var lines = [t("Type the answer and Enter. Commands:", "Digitare la risposta e Invio. Comandi:")]
        lines.append(t("  /b      back to the previous question", "  /b      indietro alla domanda precedente"))
        if dk { lines.append(t("  /d      don't know", "  /d      non sa")) }
        if refused { lines.append(t("  /r      refused", "  /r      rifiuta")) }
        lines += [
            t("  /n TEXT note on this question", "  /n TESTO nota su questa domanda"),
            t("  /s WHY  suspend the interview (resumed later)", "  /s MOTIVO sospendere l'intervista (si riprende dopo)"),
            t("  /x      end the interview (refused or break-off)", "  /x      terminare l'intervista (rifiuto o interruzione)"),
            t("  /q      the question again", "  /q      ripetere la domanda"),
            t("  /w      where we are (question, case, time)", "  /w      dove siamo (domanda, caso, tempo)"),
            t("  //TEXT  an answer that starts with /", "  //TESTO una risposta che inizia con /"),
        ]
        return lines
    }
}

import CatiCore

/// The words of the interviewer screen, in the questionnaire's language.
public struct InterviewerLabels: Sendable {
    public let language: InterviewerLanguage

    public init(_ language: InterviewerLanguage) { self.language = language }

    func t(_ en: String, _ it: String) -> String { language == .it ? it : en }

    var answer: String { t("Answer", "Risposta") }
    var continueKey: String { t("Enter to continue", "Invio per continuare") }
    var back: String { t("back", "indietro") }
    var dk: String { t("dk", "non sa") }
    var refused: String { t("refused", "rifiuta") }
    var note: String { t("note", "nota") }
    var suspend: String { t("suspend", "sospendi") }
    var end: String { t("end", "termina") }
    var confirm: String { t("confirm", "conferma") }
    var save: String { t("save", "salva") }
    var enterKey: String { t("Enter", "Invio") }
    var question: String { t("Q", "D") }
    var specify: String { t("Specify", "Specificare") }
    var checkFailed: String { t("CHECK FAILED", "CONTROLLO NON SUPERATO") }
    var warning: String { t("WARNING", "ATTENZIONE") }
    var involved: String { t("Answers involved (number + Enter to go there, F2: the latest):",
                             "Risposte coinvolte (numero + Invio per tornarci, F2: l'ultima):") }
    var warningHelp: String { t("Enter: confirm and go on · F2: go back and correct",
                                "Invio: conferma e prosegui · F2: torna indietro a correggere") }
    var noteTitle: String { t("Note on this question (Enter saves, Esc cancels):",
                              "Nota su questa domanda (Invio salva, Esc annulla):") }
    var endTitle: String { t("End the interview: 1 refused · 2 break-off · Esc cancel",
                             "Termina l'intervista: 1 rifiuto · 2 interruzione · Esc annulla") }
    var endReason: String { t("Reason (Enter saves, Esc cancels):", "Motivo (Invio salva, Esc annulla):") }
    var suspendReason: String { t("Suspend, reason (Enter suspends, Esc cancels):",
                                  "Sospendere, motivo (Invio sospende, Esc annulla):") }
    var noteSaved: String { t("Note saved", "Nota salvata") }
    // The next-interview screen's n: going round the sample.
    var backToFirstCase: String { t("End of the sample: back to the first case still to call",
                                    "Fine del campione: si riparte dal primo caso ancora da chiamare") }
    var onlyCaseLeft: String { t("No other case left to call: this is the last one",
                                 "Nessun altro caso da chiamare: questo è l'ultimo") }
    var noCaseLeft: String { t("No case left to call in the sample", "Nessun caso da chiamare nel campione") }
    var more: String { t("more", "altre") }
    var enlarge: String { t("Enlarge the window to at least 80×24", "Allargare la finestra ad almeno 80×24") }
    var pickHint: String { t("Space marks the highlighted row", "Spazio segna la riga evidenziata") }

    // Between interviews and after a store error (`detail`: the system's own words).
    func saved(_ id: String, _ status: InterviewStatus) -> String { t("Saved", "Salvata") + ": \(id) (\(status.rawValue))" }
    func suspended(_ id: String) -> String { t("Suspended", "Sospesa") + ": \(id)" }
    func notSaved(_ detail: String) -> String { t("NOT SAVED", "NON SALVATO") + ": " + detail }
    func notSuspended(_ detail: String) -> String { t("NOT SUSPENDED", "NON SOSPESA") + ": " + detail }
    func recovered(_ ids: [String]) -> String {
        t("Saved from the journal of an interview whose program stopped while saving",
          "Salvate dal giornale di un'intervista il cui programma si è fermato durante il salvataggio")
            + ": " + ids.joined(separator: ", ")
    }
    func respondentUnavailable(_ id: String) -> String {
        t("respondent '\(id)' is not in the sample or is already taken",
          "l'intervistato '\(id)' non è nel campione o è già stato preso")
    }
    func caseTaken(_ id: String) -> String {
        t("case \(id) was just taken by another interviewer", "il caso \(id) è appena stato preso da un altro intervistatore")
    }
    func cannotStart(_ detail: String) -> String { t("cannot start", "impossibile iniziare") + ": " + detail }
    func cannotResume(_ id: String, _ detail: String) -> String {
        t("cannot resume \(id)", "impossibile riprendere \(id)") + ": " + detail
    }

    func ending(_ status: InterviewStatus) -> String {
        switch status {
        case .complete: t("Interview complete. Press Enter to save (F2 goes back).",
                          "Intervista completa. Premere Invio per salvare (F2 torna indietro).")
        case .screenedOut: t("The interview ends here (screened out). Enter saves, F2 goes back.",
                             "L'intervista finisce qui (fuori target). Invio salva, F2 torna indietro.")
        case .overQuota: t("The quota for this respondent is full (over quota). Enter saves, F2 goes back.",
                           "La quota per questo intervistato è piena. Invio salva, F2 torna indietro.")
        case .refused, .breakOff: ""
        }
    }
}

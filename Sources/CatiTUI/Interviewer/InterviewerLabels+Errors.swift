import CatiStore

/// What went wrong in the store, in the interviewer's language: the reason first (the
/// message line is cut at the screen's width), then what was being done and where.
extension InterviewerLabels {
    func explain(_ error: any Error) -> String {
        if case .unavailable(let detail)? = error as? StoreError {
            // The words that matter first: the line is cut at the screen's width.
            return t("the database cannot be reached, try again", "database non raggiungibile, riprovare") + ": " + detail
        }
        guard language == .it else { return "\(error)" }
        if let store = error as? StoreError { return italian(store) }
        return "\(error)"
    }

    private func italian(_ error: StoreError) -> String {
        switch error {
        case .diskFull(let detail): "disco pieno: \(detail)"
        case .permissionDenied(let detail): "permesso negato: \(detail)"
        case .readOnly(let detail): "disco in sola lettura: \(detail)"
        case .ioFailure(_, let detail): "errore di lettura/scrittura del disco: \(detail)"
        case .busy(let id): "l'intervista \(id) è aperta nella sessione di un altro intervistatore"
        case .heldBy(let id, let h):
            "\(id) è tenuta dal login \(h.login) sull'host \(h.host) (pid \(h.pid)): solo \(h.login) su \(h.host) "
                + "può riprenderla; un supervisore può liberarla con 'cati release \(id)'"
        case .unknownInterview(let id): "nessuna intervista interrotta o sospesa '\(id)'"
        case .damaged(let what): "\(what) non si può leggere (manca la riga di intestazione)"
        case .closed(let id): "l'intervista \(id) è chiusa"
        case .alreadySaved(let id): "l'intervista \(id) era finita ed è salvata in interviews.jsonl"
        case .questionnaireChanged(let id):
            "l'intervista \(id) è stata iniziata con un'altra versione del questionario (sha256 diverso)"
        case .notFound(let detail): "non trovato: \(detail)"
        case .unavailable(let detail): "database non raggiungibile: \(detail)"
        }
    }
}

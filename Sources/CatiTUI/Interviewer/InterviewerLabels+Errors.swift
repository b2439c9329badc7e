#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CatiStore

/// What went wrong in the store, in the interviewer's language: the reason first (the
/// message line is cut at the screen's width), then the operation and the file.
extension InterviewerLabels {
    func explain(_ error: any Error) -> String {
        guard language == .it else { return "\(error)" }
        if let store = error as? StoreError { return italian(store) }
        if let failure = error as? Platform.Failure { return italian(failure) }
        return "\(error)"
    }

    private func italian(_ error: StoreError) -> String {
        switch error {
        case .interviewBusy(let id): "l'intervista \(id) è aperta nella sessione di un altro intervistatore"
        case .noSuchInterview(let id): "nessuna intervista interrotta o sospesa '\(id)'"
        case .damagedJournal(let path): "il giornale \(path) non si può leggere (manca la riga di intestazione)"
        case .journalClosed(let path): "il giornale \(path) è chiuso"
        case .alreadySaved(let id): "l'intervista \(id) era finita ed è salvata in interviews.jsonl"
        case .questionnaireChanged(let id):
            "l'intervista \(id) è stata iniziata con un'altra versione del questionario (sha256 diverso)"
        }
    }

    private func italian(_ failure: Platform.Failure) -> String {
        let reason: String
        switch failure.code {
        case ENOSPC, EDQUOT: reason = "disco pieno"
        case EIO: reason = "errore di lettura/scrittura del disco"
        case EACCES, EPERM: reason = "permesso negato"
        case EROFS: reason = "disco in sola lettura"
        default: reason = String(cString: strerror(failure.code))
        }
        return reason + ": \(failure.operation) \(failure.path)"
    }
}

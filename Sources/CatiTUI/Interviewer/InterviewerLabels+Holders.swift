import CatiStore

/// Who holds an interview, and a takeover, in the interviewer's language (issue 22).
extension InterviewerLabels {
    /// "held by login mario on vm, pid 4242, since 10:02, last key 10:15 (stale)".
    func heldBy(_ holder: InterviewHolder, now: Double, clock: (Double) -> String) -> String {
        let stale = holder.isStale(at: now) ? t(" (stale)", " (ferma)") : ""
        return t("held by login \(holder.login) on \(holder.host), pid \(holder.pid), since \(clock(holder.since)), last key \(clock(holder.lastKey))",
                 "tenuta dal login \(holder.login) su \(holder.host), pid \(holder.pid), dalle \(clock(holder.since)), ultimo tasto \(clock(holder.lastKey))")
            + stale
    }

    /// Shown at the top of a taken-over interview.
    func tookOver(_ release: Release, clock: (Double) -> String) -> String {
        guard let h = release.holder else { return "" }
        let how: String
        switch release.how {
        case .wasFree: return ""
        case .letGo: how = t("it let go", "ha lasciato")
        case .killed: how = t("it did not answer and was stopped", "non rispondeva ed è stato fermato")
        }
        let seconds = (release.seconds * 10).rounded() / 10
        return t("Taken over in \(seconds) s from login \(h.login) on \(h.host), pid \(h.pid) (since \(clock(h.since)), last key \(clock(h.lastKey))): \(how)",
                 "Ripresa in \(seconds) s dal login \(h.login) su \(h.host), pid \(h.pid) (dalle \(clock(h.since)), ultimo tasto \(clock(h.lastKey))): \(how)")
    }
}


import CatiCore

/// Which sample cases this process may call, and claiming the next one: the one rule
/// the interviewer screen and `cati simulate` share, over any store. A case is taken
/// once it has a record, while an interview in progress (held, interrupted or
/// suspended) names it, and while another process holds its claim
/// (`InterviewStore.takenCases`, `claim(case:)`).
public final class CaseLedger: Sendable {
    public let store: any InterviewStore

    public init(store: any InterviewStore) { self.store = store }

    public func taken() throws -> Set<String> { try store.takenCases() }

    /// The case `queue` offers, claimed for this process; nil when no case is left.
    /// A case another process claims first, or finishes between the look and the
    /// claim, is passed over for the next.
    public func claimNext(_ queue: CaseQueue, preferring id: String? = nil) throws -> (SampleRecord, any CaseClaim)? {
        var lost = Set<String>()
        var preferred = id
        while true {
            guard let row = queue.next(excluding: try taken().union(lost), preferring: preferred) else { return nil }
            preferred = nil
            if let claim = try claim(row.id) { return (row, claim) }
            lost.insert(row.id)
        }
    }

    /// Claims the case for this process; nil when another process holds it, or it was
    /// saved or started meanwhile (looked at after the claim is taken, so two processes
    /// never both get it).
    public func claim(_ id: String) throws -> (any CaseClaim)? {
        guard let claim = try store.claim(case: id) else { return nil }
        if try store.startedOrDoneCases().contains(id) {
            claim.release()
            return nil
        }
        return claim
    }
}

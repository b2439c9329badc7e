/// Where quota places are held. The engine asks for a place the moment all of a
/// quota's variables have values; implementations decide atomically, across every
/// interviewer process, whether the cell still has room (completes + places held <
/// target).
public protocol QuotaGate: AnyObject, Sendable {
    /// Takes a place in `cell` for this interview, giving up any place it held in
    /// another cell of the same quota. Returns false, holding nothing in that quota,
    /// when the cell is full.
    func hold(_ cell: Quota.Cell, of quota: Quota, for interview: String) throws -> Bool
    /// Gives up the interview's place in `quota`, if any.
    func release(_ quota: Quota, for interview: String) throws
}

/// A gate for questionnaires without quotas, and for tests that do not look at quotas.
public final class OpenQuotaGate: QuotaGate {
    public init() {}
    public func hold(_ cell: Quota.Cell, of quota: Quota, for interview: String) throws -> Bool { true }
    public func release(_ quota: Quota, for interview: String) throws {}
}

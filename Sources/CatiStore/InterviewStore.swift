import CatiCore

/// Where interviews live: finished records, journals of interviews in progress, and
/// quota places. The JSONL data folder is the embedded implementation; a shared
/// database for call centres on several hosts would give the same guarantees:
/// - `save` returns only once the record is durable; records are never rewritten;
/// - a journal event is durable when `append` returns;
/// - a journal is owned by one live process; a dead owner's journal can be reopened;
/// - quota places are decided atomically across every process (`quotaGate`).
public protocol InterviewStore: AnyObject, Sendable {
    var quotaGate: any QuotaGate { get }
    func begin(_ header: JournalHeader) throws -> Journal
    func reopen(_ id: String) throws -> (Journal, [JournalEvent])
    func save(recordLine: String) throws
    func releasePlaces(of interview: String) throws
    func interrupted() throws -> [InterruptedInterview]
    func recoverFinished() throws -> [String]
}

/// An interview whose process died or hung up, or that was suspended.
public struct InterruptedInterview: Sendable, Equatable {
    public let header: JournalHeader
    public let suspended: Bool
    public let lastActivity: Double
    public let actions: Int

    public var respondent: String? { header.sample?.id }
}

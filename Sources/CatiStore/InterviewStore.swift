import CatiCore

/// Where interviews live: the one contract between the program and its stores. The
/// data folder (`FolderStore`) is the embedded store; a database for call centres on
/// several hosts implements the same protocol, with the same promises, proven by the
/// same contract suite (Tests/CatiStoreTests/Contract):
///
/// 1. An accepted action is durable when `InterviewHandle.append` returns.
/// 2. `InterviewHandle.finish` is one operation: the record durable, the interview's
///    quota places released, the interview no longer in progress; retried after a
///    failure, it never stores the record twice.
/// 3. Quota places are decided atomically across every process of every host: no cell
///    is ever overshot (`quotaGate`).
/// 4. An interview is held by one live process; once that process dies or lets go,
///    its places are free and it can be resumed at once (`resume`).
/// 5. A sample case is claimed by one process at a time (`claim`).
/// 6. Records are read as a stream from a cursor: a torn last record (a write still in
///    progress, or a crash) is not returned until it is whole.
///
/// The protocol is synchronous, on purpose: the engine asks the quota gate inside
/// `Interview.perform`, and the screen must not move on before an answer is durable,
/// so every caller waits for the store anyway. A store whose driver is asynchronous
/// (postgres-nio) waits on its event loop from the calling thread; see
/// docs/architecture.md.
public protocol InterviewStore: AnyObject, Sendable {
    /// Where the store is, for messages: "data folder data/cc_parma".
    var location: String { get }

    /// Where the records are, for warnings that name a record by its line:
    /// "data/cc_parma/interviews.jsonl".
    var recordsName: String { get }

    /// Quota places, shared by every process using this store.
    var quotaGate: any QuotaGate { get }

    // MARK: Interviews

    /// Starts an interview, held by this process until it is finished, suspended or
    /// let go.
    func start(_ header: JournalHeader) throws -> any InterviewHandle

    /// Takes back an interrupted or suspended interview (by interview id), with every
    /// event recorded for it. Throws `busy` when a live process holds it,
    /// `unknownInterview` when there is none.
    func resume(_ id: String) throws -> ResumedInterview

    /// Takes an interview back from a live process of the same login on the same host
    /// (a frozen connection's): the process is asked to let go and, if it has not
    /// within about two seconds, stopped for good; nothing is lost, every accepted
    /// answer being durable. Then `resume(id)` continues it. Returns what was done
    /// (`wasFree` when nobody held it); throws `heldBy` for another login's or
    /// another host's process, `unknownInterview` when there is none.
    func takeOver(_ id: String, by login: String) throws -> Release

    /// Frees an interview (by interview or respondent id) or a sample case held by any
    /// live process, as `takeOver` does, for a supervisor. Each store decides who is a
    /// supervisor (the folder: its owner or root; `permissionDenied` for others).
    /// `unknownInterview` when there is neither an interview nor a case with that id.
    func release(_ id: String) throws -> Release

    /// Completes what a process that died while finishing an interview left undone;
    /// returns the ids whose record it stored.
    func recoverFinished() throws -> [String]

    /// Interviews started and not finished: held by a live process, interrupted (their
    /// process died or let go) or suspended, newest activity first.
    func interviewsInProgress() throws -> [InterviewInProgress]

    /// What was recorded for an interview in progress, read without taking it (for
    /// lists and the monitor: how far it got). `unknownInterview` when there is none.
    func recordedEvents(of id: String) throws -> (JournalHeader, [JournalEvent])

    // MARK: Sample cases

    /// Takes the sample case for this process; nil when another live process holds it.
    /// (Whether the case may be called is the caller's rule: `CaseLedger` refuses a
    /// case interviewed or started meanwhile, `CallDesk` one closed in the call log.)
    func claim(case id: String) throws -> (any CaseClaim)?

    /// Takes the first case of `cases` (in their order) that no other live process
    /// holds: the claim says which (`caseID`); nil when none can be taken now. Cases
    /// before the one taken were held (or being taken) by others. Many processes
    /// asking with the same list at once get different cases, none waiting for
    /// another (the default tries `claim(case:)` in turn; PostgreSQL takes the first
    /// free row with `FOR UPDATE SKIP LOCKED` in one statement).
    func claimFirst(of cases: [String]) throws -> (any CaseClaim)?

    /// Cases not to be offered: interviewed (any status), in progress, interrupted,
    /// suspended, or claimed by a live process.
    func takenCases() throws -> Set<String>

    /// Cases interviewed (any status) or with an interview in progress, interrupted or
    /// suspended: `takenCases` without the claims.
    func startedOrDoneCases() throws -> Set<String>

    // MARK: Call attempts

    /// Appends call attempts (fieldwork.md's `calls.jsonl` lines), durable when this
    /// returns, in one write.
    func appendAttempts(_ attempts: [CallAttempt]) throws

    /// The attempts recorded after `cursor`, in order; damaged ones are warnings.
    func readAttempts(after cursor: RecordCursor) throws -> AttemptBatch

    // MARK: Records

    /// Completes per quota cell, records per status and live places, as of now.
    func quotaCounts() throws -> QuotaCounts

    /// Places held now per quota and cell, read without getting in any interviewer's
    /// way (no lock an interviewer waits on for more than a read, nothing written or
    /// cleaned up): for the monitor, which looks every second or two.
    func placesHeld() throws -> [String: [String: Int]]

    /// The records stored after `cursor`, at most about `limit` of them; the batch's
    /// cursor continues from there. A store that was replaced or shrank since the
    /// cursor was taken starts again from the beginning and says so (`restarted`).
    func readRecords(after cursor: RecordCursor, limit: Int) throws -> RecordBatch

    /// Every record after `cursor` as its JSON text, one record per call (the bytes of
    /// one line of data.md's `interviews.jsonl`, without its newline), for readers that
    /// scan the bytes themselves (export, report, the monitor: 1,000,000 records in a
    /// second or two). Lines that are not records are passed too: the reader decides.
    /// A torn last record is not passed; the returned cursor stops before it.
    func scanRecordLines(after cursor: RecordCursor,
                         _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> RecordScan

    /// Every record line from the start, split into at most `parts` consecutive parts
    /// read at the same time (one thread each): `body(part, line, index)` is called
    /// concurrently for different parts and in order within a part (`index` counts
    /// lines within the part). For whole-survey readers (report, export, the monitor's
    /// first screen) on a large store. A store that cannot split gives one part.
    func scanAllRecordLines(parts: Int,
                            _ body: @Sendable (Int, UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> [RecordScan]

    // MARK: People (issue 19: roles, settings, the audit trail)

    /// The survey's settings; nil when it has none (a one-login store: no roles, no
    /// audit trail). `damaged` when they cannot be read.
    func surveySettings() throws -> SurveySettings?

    /// Replaces the survey's settings (the caller checked the role and audits it).
    func saveSurveySettings(_ settings: SurveySettings) throws

    /// The role of a person in this survey (AccessPolicy over the settings, on the
    /// folder; the database's own roles on a database).
    func role(of person: Person) throws -> Role

    /// Appends an entry to the audit trail, chained to the one before and durable when
    /// this returns. Does nothing in a store without settings.
    func appendAudit(_ entry: AuditEntry) throws

    /// The audit trail's lines as stored (without newlines), oldest first.
    func auditLines() throws -> [[UInt8]]

    // MARK: Personal data (issue 20, docs/privacy.md)

    /// Forgets sample cases: their personal data everywhere in the store, and with
    /// `answers` their records, interviews in progress and call attempts; every other
    /// record unchanged, none written meanwhile lost. From the moment it is recorded the
    /// cases are in `takenCases` for good. `busy` (nothing done) when a live process
    /// holds one of them. The caller checks the role and audits it.
    func erase(_ request: ErasureRequest) throws -> ErasureReport

    /// Every case erased or purged (never to be offered again).
    func erasedCases() throws -> Set<String>

    /// The survey's key for keyed pseudonyms (HMAC-SHA256), made on first use and kept
    /// in the store; the same for every export of the survey.
    func pseudonymKey() throws -> [UInt8]
}

/// Where a scan of record lines ended.
public struct RecordScan: Sendable {
    /// Where to continue from.
    public var cursor: RecordCursor
    /// Lines passed.
    public var lines: Int
    /// The store was replaced or shrank since the cursor was taken: the scan started
    /// again from the beginning.
    public var restarted: Bool
    /// A record was still being written at the end (or a crash cut it): not passed.
    public var tornTail: Bool
    /// Why the scan started again, in words ("interviews.jsonl shrank …").
    public var restartReason: String?

    public init(cursor: RecordCursor, lines: Int, restarted: Bool, tornTail: Bool, restartReason: String? = nil) {
        self.cursor = cursor
        self.lines = lines
        self.restarted = restarted
        self.tornTail = tornTail
        self.restartReason = restartReason
    }
}

/// An interview held by this process.
public protocol InterviewHandle: AnyObject, Sendable {
    var header: JournalHeader { get }

    /// Records an event (an accepted action, a suspension, a resumption); durable when
    /// this returns. On a failure nothing of it is kept.
    func append(_ event: JournalEvent) throws

    /// Stores the finished interview's record, releases its quota places and ends it:
    /// one operation, exactly once even when called again after a failure.
    func finish(_ record: InterviewRecord) throws

    /// Keeps the interview for later: a suspension is recorded (with the reason the
    /// interviewer typed), its places released, and the handle let go.
    func suspend(at time: Double, reason: String) throws

    /// Lets the interview go as it is (quit, hang-up): resumable, its places released.
    func letGo()

    /// The interviewer pressed a key: the holder's last key, for those who ask who
    /// holds the interview (issue 22). Cheap; never fails.
    func noteKey()
}

/// A case taken by this process until `release`.
public protocol CaseClaim: AnyObject, Sendable {
    var caseID: String { get }
    func release()
}

/// An interview taken back with what was recorded for it.
public struct ResumedInterview: Sendable {
    public let handle: any InterviewHandle
    public let events: [JournalEvent]

    public init(handle: any InterviewHandle, events: [JournalEvent]) {
        self.handle = handle
        self.events = events
    }
}

extension InterviewStore {
    /// `claimFirst(of:)` one case at a time, for a store whose claim of a named case
    /// never waits (the data folder: a non-blocking lock of the claim file).
    public func claimFirst(of cases: [String]) throws -> (any CaseClaim)? {
        for id in cases {
            if let claim = try claim(case: id) { return claim }
        }
        return nil
    }

    /// An interview or respondent id as the interview id of an interview in progress
    /// (the first not held whose respondent matches, else a held one), else the id as given.
    public func interviewID(resuming id: String) -> String {
        let open = (try? interviewsInProgress()) ?? []
        if open.contains(where: { $0.header.id == id }) { return id }
        return (open.first { $0.respondent == id && !$0.isHeld } ?? open.first { $0.respondent == id })?.header.id ?? id
    }

    /// Interviews that can be resumed now: interrupted or suspended, not held.
    public func resumable() throws -> [InterviewInProgress] {
        try interviewsInProgress().filter { !$0.isHeld }
    }
}

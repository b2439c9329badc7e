import CatiCore
import Foundation

/// Sample management over any store: the case book replayed from the call attempts
/// (`calls.jsonl` in the data folder), the next case chosen by `CallQueue` and taken
/// with the store's claim (which dies with its process) so that no two processes call
/// the same case at once, and each attempt stored before the claim is let go.
public final class CallDesk: @unchecked Sendable {
    public let questionnaire: Questionnaire
    public let store: any InterviewStore
    public let settings: FieldworkSettings
    public private(set) var book: CaseBook
    public private(set) var queue: CallQueue
    /// Warnings met so far: damaged lines of calls.jsonl, sample rows that changed.
    public private(set) var warnings: [String] = []
    /// The latest `at` of any attempt read so far.
    public private(set) var latestAttempt = 0.0
    /// Each interviewer's latest attempt.
    private var lastCallOf: [String: Double] = [:]

    /// Interviewers working now: holding an interview, or with a call in the last half
    /// hour. An appointment due waits its grace period only for a maker who is working.
    public func workingNow(_ now: Double) -> Set<String> {
        var working = Set(lastCallOf.filter { now - $0.value <= 1800 }.keys)
        for item in (try? store.interviewsInProgress()) ?? [] where item.isHeld { working.insert(item.header.interviewer) }
        return working
    }
    private var rows: [String: SampleRecord] = [:]
    private var position = RecordCursor.start
    private var reportedLines = Set<Int>()
    private let sampleName: String
    private let sampleIDs: [String]

    public init(questionnaire: Questionnaire, store: any InterviewStore, sample: SampleFile?, sampleName: String = "sample",
                settings: FieldworkSettings) throws {
        self.questionnaire = questionnaire
        self.store = store
        self.settings = settings
        self.sampleName = sampleName
        let sampleRows = sample?.rows ?? []
        for row in sampleRows { rows[row.id] = row }
        sampleIDs = sampleRows.map(\.id)
        book = CaseBook(ids: sampleIDs)
        queue = CallQueue(questionnaire: questionnaire, samples: sampleRows)
        _ = try refresh()
        try recoverLostAttempts()
    }

    /// An interview saved by a process that died before appending its attempt: the
    /// attempt is written now, under the case's claim (a live process between its save
    /// and its attempt holds the claim, so it is never written twice).
    public func recoverLostAttempts() throws {
        _ = savedRespondents()
        for saved in savedInterviews where !attemptedInterviews.contains(saved.id) {
            guard let outcome = CallOutcome(record: saved.record), let claim = try take(saved.respondent) else { continue }
            defer { claim.release() }
            try refresh()
            guard !attemptedInterviews.contains(saved.id) else { continue }
            let at = saved.record["finished"]?.stringValue.flatMap(Timestamp.parse) ?? Date().timeIntervalSince1970
            try record(outcome, on: saved.respondent, interviewer: saved.record["interviewer"]?.stringValue ?? "",
                       now: at, interview: saved.id, note: "recovered: the attempt was written after a crash")
        }
    }

    /// Reads the attempts appended since the last look (by any process). Returns the
    /// new warnings.
    @discardableResult
    public func refresh() throws -> [String] {
        let read = try store.readAttempts(after: position)
        if read.restarted {
            // Rewritten by an erasure: the book is read again from the first attempt.
            book = CaseBook(ids: sampleIDs)
            attemptedInterviews = []
            lastCallOf = [:]
        }
        var fresh: [String] = []
        for skipped in read.warnings where !reportedLines.contains(skipped.line) {
            reportedLines.insert(skipped.line)
            fresh.append(skipped.description)
        }
        for attempt in read.attempts {
            latestAttempt = max(latestAttempt, attempt.at)
            lastCallOf[attempt.interviewer] = max(lastCallOf[attempt.interviewer] ?? 0, attempt.at)
            if let id = attempt.interview { attemptedInterviews.insert(id) }
            let known = book.state(of: attempt.caseID)?.contact
            book.apply(attempt)
            // A sample row whose id has calls for another name/phone: kept as it was, not offered.
            if known == nil, let contact = attempt.contact, let row = rows[attempt.caseID],
               let mine = CallAttempt.contactFingerprint(of: row), mine != contact,
               let k = book.position(of: attempt.caseID), !queue.excluded.contains(k) {
                queue.excluded.insert(k)
                fresh.append("\(sampleName):\(row.line): warning: case '\(row.id)' is in calls.jsonl with another "
                             + "name or phone; its calls are kept as they were and the case is not offered")
            }
        }
        position = read.cursor
        warnings += fresh
        return fresh
    }

    /// Completes and live places per quota cell, as `cati quotas` shows them.
    public func quotaTable() throws -> QuotaTable {
        let counts = try store.quotaCounts()
        return QuotaTable(questionnaire: questionnaire, complete: counts.complete, inProgress: counts.inProgress)
    }

    /// Respondents with a saved interview record (read on from where the last look stopped).
    private var saved = Set<String>()
    private var savedCursor = RecordCursor.start
    /// Saved interviews of sample cases: (interview id, respondent, the record), for recovery.
    private var savedInterviews: [(id: String, respondent: String, record: JSON)] = []
    /// Interview ids that have their attempt in calls.jsonl.
    private var attemptedInterviews = Set<String>()
    private func savedRespondents() -> Set<String> {
        if let batch = try? store.readRecords(after: savedCursor, limit: .max) {
            if batch.restarted { saved = []; savedInterviews = [] }
            for json in batch.records {
                guard let respondent = json["respondent"]?.stringValue else { continue }
                saved.insert(respondent)
                if let id = json["id"]?.stringValue { savedInterviews.append((id, respondent, json)) }
            }
            savedCursor = batch.cursor
        }
        return saved
    }

    /// Cases held now: claimed by a live process, in an interview in progress or
    /// interrupted, or with a saved interview (its attempt follows, or was lost in a crash).
    /// (`takenCases` names the saved ones too, read by the store's fast scanner; the
    /// records are parsed whole only for the recovery of lost attempts, or when the
    /// store cannot answer.)
    public func heldCases() -> Set<String> {
        (try? store.takenCases()) ?? savedRespondents()
    }

    /// A case taken for calling: release the claim after recording the attempt.
    public struct Taken: @unchecked Sendable {
        public let claim: any CaseClaim
        public let caseID: String
        public let record: SampleRecord?
        public let tier: CallQueue.Tier
        public let state: CaseBook.State
    }

    public enum Next: @unchecked Sendable {
        case taken(Taken)
        /// Nothing to call now: why, and when something is due.
        case nothing(CallQueue.Decision)
    }

    /// Chooses the next case for this interviewer and takes it. Cases of a cell that
    /// completes have filled are closed as `quota-filled` on the way.
    public func next(interviewer: String, now: Double, working: Set<String>? = nil) throws -> Next {
        try refresh()
        var held = heldCasesRecently()
        let quotas = try quotaTable()
        while true {
            let context = CallQueue.Context(now: now, interviewer: interviewer, settings: settings, quotas: quotas,
                                            busy: held, working: working ?? workingNow(now))
            let decision = queue.decide(book: book, context: context, limit: 16)
            if !decision.toClose.isEmpty {
                try closeQuotaFilled(decision.toClose, interviewer: interviewer, now: now)
                continue
            }
            guard !decision.offers.isEmpty else { return .nothing(decision) }
            // The first offer no other process holds, taken in one go (`claimFirst`):
            // the offers before it were held by others.
            var rest = decision.offers[...]
            while !rest.isEmpty {
                let claim = try store.claimFirst(of: rest.map(\.caseID))
                guard let claim, let taken = rest.firstIndex(where: { $0.caseID == claim.caseID }) else {
                    claim?.release()
                    for offer in rest { held.insert(offer.caseID); heldCache?.cases.insert(offer.caseID) }
                    break
                }
                for offer in rest[..<taken] { held.insert(offer.caseID); heldCache?.cases.insert(offer.caseID) }
                let offer = rest[taken]
                rest = rest[(taken + 1)...]
                // Another process may have called it between our look and our claim.
                try refresh()
                if let k = book.position(of: offer.caseID), stillDue(k, offer.tier, context), !heldByJournal(offer.caseID) {
                    return .taken(Taken(claim: claim, caseID: offer.caseID, record: rows[offer.caseID], tier: offer.tier,
                                        state: book.states[k]))
                }
                claim.release()
                held.insert(offer.caseID)
            }
        }
    }

    /// `heldCases()`, looked at again at most once a second (a claim is what decides;
    /// this only spares trying claims that are sure to fail).
    private var heldCache: (cases: Set<String>, at: Double)?
    private func heldCasesRecently() -> Set<String> {
        let now = Date().timeIntervalSince1970
        if let cache = heldCache, now - cache.at < 1, now >= cache.at { return cache.cases }
        let cases = heldCases()
        heldCache = (cases, now)
        return cases
    }

    /// The case the rules offer now, without taking it (the screen shows it; the claim
    /// comes with the interviewer's action). Cases of a cell completes have filled are
    /// closed on the way. `skipped` are passed over.
    public func peek(interviewer: String, now: Double, skipped: Set<String> = []) throws -> CallQueue.Decision {
        try refresh()
        let quotas = try quotaTable()
        while true {
            let context = CallQueue.Context(now: now, interviewer: interviewer, settings: settings, quotas: quotas,
                                            busy: heldCases().union(skipped), working: workingNow(now))
            let decision = queue.decide(book: book, context: context)
            guard !decision.toClose.isEmpty else { return decision }
            try closeQuotaFilled(decision.toClose, interviewer: interviewer, now: now)
        }
    }

    /// Cases not closed yet (by a final outcome or the attempt limit), not excluded.
    public func openCases() -> Int {
        book.states.indices.filter { k in
            if queue.excluded.contains(k) { return false }
            if case .final = book.status(at: k, settings: settings) { return false }
            return true
        }.count
    }

    public func sampleRecord(_ id: String) -> SampleRecord? { rows[id] }

    /// Takes one named case (`--respondent`), or says why it cannot be called.
    public func take(named id: String) throws -> Result<Taken, CaseUnavailable> {
        try refresh()
        if let state = book.state(of: id), case .final(let outcome) = CaseBook.status(of: state, settings: settings) {
            return .failure(.final(outcome))
        }
        guard !heldByJournal(id), let claim = try take(id) else { return .failure(.held) }
        try refresh()
        if let state = book.state(of: id), case .final(let outcome) = CaseBook.status(of: state, settings: settings) {
            claim.release()
            return .failure(.final(outcome))
        }
        return .success(Taken(claim: claim, caseID: id, record: rows[id], tier: .fresh,
                              state: book.state(of: id) ?? CaseBook.State()))
    }

    public enum CaseUnavailable: Error, Equatable {
        case final(CallOutcome)
        case held
    }

    /// Records the attempt on a taken case (durable before returning); the claim is
    /// kept: release it when the screen moves on.
    @discardableResult
    public func record(_ outcome: CallOutcome, on caseID: String, interviewer: String, now: Double,
                       appointment: Double? = nil, interview: String? = nil, note: String? = nil) throws -> CallAttempt {
        try refresh()
        let number = book.nextAttemptNumber(of: caseID)
        let final = outcome.isFinal || number >= settings.maxAttempts
        let attempt = CallAttempt(caseID: caseID, attempt: number, interviewer: interviewer, at: now, outcome: outcome,
                                  final: final, appointment: outcome == .appointment ? appointment : nil,
                                  interview: interview, note: note,
                                  contact: rows[caseID].flatMap(CallAttempt.contactFingerprint(of:)))
        try store.appendAttempts([attempt])
        try refresh()
        return attempt
    }

    private func closeQuotaFilled(_ ids: [String], interviewer: String, now: Double) throws {
        var claims: [any CaseClaim] = []
        defer { claims.forEach { $0.release() } }
        for id in ids { if let c = try take(id) { claims.append(c) } }
        try refresh()
        let attempts = claims.compactMap { c -> CallAttempt? in
            guard let state = book.state(of: c.caseID), !state.isClosed else { return nil }
            return CallAttempt(caseID: c.caseID, attempt: state.attempts + 1, interviewer: interviewer, at: now,
                               outcome: .quotaFilled, contact: rows[c.caseID].flatMap(CallAttempt.contactFingerprint(of:)))
        }
        try store.appendAttempts(attempts)
        try refresh()
        // Cases held by someone else are left to them; they are not offered meanwhile.
        for id in ids where !claims.contains(where: { $0.caseID == id }) {
            if let k = book.position(of: id) { queue.excluded.insert(k) }
        }
    }

    /// A claim on the case, or nil when another process holds it.
    private func take(_ id: String) throws -> (any CaseClaim)? {
        try store.claim(case: id)
    }

    /// Whether an interview in progress (held, interrupted or suspended) is this case's.
    private func heldByJournal(_ id: String) -> Bool {
        ((try? store.interviewsInProgress()) ?? []).contains { $0.respondent == id }
    }

    private func stillDue(_ k: Int, _ tier: CallQueue.Tier, _ context: CallQueue.Context) -> Bool {
        switch book.status(at: k, settings: settings) {
        case .final: return false
        case .fresh: return true
        case .retry(let due): return due <= context.now
        case .appointment(let at, _): return at <= context.now
        }
    }
}

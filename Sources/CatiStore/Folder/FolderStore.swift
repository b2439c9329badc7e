import CatiCore

/// The data folder as an `InterviewStore`: `interviews.jsonl`, a journal per interview
/// in progress, quota places and case claims (docs/data-folder.md). Two files cannot
/// commit together, so finishing an interview is four steps (the journal's `finishing`
/// line, the record, the places, the journal's removal) made exactly-once by recovery:
/// see `FolderInterviewHandle.finish` and `recoverFinished`.
public final class FolderStore: InterviewStore, @unchecked Sendable {
    public let folder: DataFolder
    let gate: FolderQuotaGate
    let log: RecordLog
    /// Records whose append failed: they may be in the file, not durable.
    private var uncertain = Set<String>()
    /// Respondents of saved records, read incrementally (`takenCases`).
    private var savedRespondents = Set<String>()
    private var respondentsCursor = RecordCursor.start
    let mutex = Lock()
    /// Tests only: wraps the record's append while an interview finishes, so that a test
    /// can stop a finish between its steps as a crash would.
    public var recordAppendHook: (@Sendable (_ append: () throws -> Void) throws -> Void)?

    /// Opens the data folder, creating it (for commands that write).
    public init(folder: DataFolder) throws {
        try folder.prepare()
        self.folder = folder
        self.gate = FolderQuotaGate(folder: folder)
        self.log = RecordLog(path: folder.interviews)
    }

    /// Opens an existing data folder of `survey` for reading: never creates one, so a
    /// mistyped `--data` is an error, not an empty survey. Throws `notFound` when the
    /// path does not exist, is a file, holds no data folder, or is another survey's;
    /// `permissionDenied` when this login cannot read it.
    public init(existing folder: DataFolder, survey: String) throws {
        guard Platform.exists(folder.path) else {
            throw StoreError.notFound("no data folder '\(folder.path)': nothing was interviewed there "
                                      + "(a wrong --data? 'cati interview' and 'cati simulate' create it)")
        }
        guard Platform.isDirectory(folder.path) else {
            throw StoreError.notFound("'\(folder.path)' is a file, not a data folder "
                                      + "(--data names the folder that holds interviews.jsonl)")
        }
        guard Platform.isReadable(folder.path) else {
            throw StoreError.permissionDenied("read data folder \(folder.path)")
        }
        guard [folder.interviews, folder.journals, folder.places].contains(where: Platform.exists) else {
            throw StoreError.notFound("'\(folder.path)' is not a data folder: it has no interviews.jsonl, journal/ or places/")
        }
        if Platform.exists(folder.interviews), !Platform.isReadable(folder.interviews) {
            throw StoreError.permissionDenied("read \(folder.interviews)")
        }
        if let other = try RecordStream(path: folder.interviews).firstSurvey(), other != survey {
            throw StoreError.notFound("'\(folder.path)' is the data folder of survey '\(other)', not of '\(survey)'")
        }
        self.folder = folder
        self.gate = FolderQuotaGate(folder: folder)
        self.log = RecordLog(path: folder.interviews)
    }

    public var location: String { "data folder \(folder.path)" }

    public var recordsName: String { folder.interviews }

    public var quotaGate: any QuotaGate { gate }

    // MARK: Interviews

    public func start(_ header: JournalHeader) throws -> any InterviewHandle {
        let journal = try Journal.create(path: folder.journal(header.id), header: header, directory: folder.journals)
        return FolderInterviewHandle(store: self, journal: journal)
    }

    public func resume(_ id: String) throws -> ResumedInterview {
        let (journal, events) = try Journal.open(path: folder.journal(id), id: id)
        return ResumedInterview(handle: FolderInterviewHandle(store: self, journal: journal), events: events)
    }

    /// Journals that have not finished: held (locked by a live process), interrupted
    /// or suspended.
    public func interviewsInProgress() throws -> [InterviewInProgress] {
        var out: [InterviewInProgress] = []
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            let path = folder.journals + "/" + name
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            defer { Platform.close(fd) }
            let free = try Platform.lock(fd, .shared, wait: false, path: path)
            if free { Platform.unlock(fd) }
            guard let (header, events) = try? Journal.read(path: path) else { continue }
            if events.contains(where: { if case .finishing = $0 { return true } else { return false } }) { continue }
            var suspended = false
            var last = header.startedAt
            var actions = 0
            for event in events {
                switch event {
                case .action(_, let t): actions += 1; last = t; suspended = false
                case .suspended(let t, _): suspended = true; last = t
                case .resumed(let t): suspended = false; last = t
                case .finishing: break
                }
            }
            let state: InterviewInProgress.State = !free ? .held : suspended ? .suspended : .interrupted
            let holder = free ? nil : Self.readHolder(folder.holder(header.id))
            out.append(InterviewInProgress(header: header, state: state, lastActivity: last, actions: actions,
                                           holder: holder))
        }
        return out.sorted { $0.lastActivity > $1.lastActivity }
    }

    public func recordedEvents(of id: String) throws -> (JournalHeader, [JournalEvent]) {
        let path = folder.journal(id)
        guard Platform.exists(path) else { throw StoreError.unknownInterview(id) }
        return try Journal.read(path: path)
    }

    /// Journals whose record was written to the journal but maybe not to
    /// interviews.jsonl (a crash in between): appends the record if it is missing,
    /// then removes the journal. Returns the ids completed this way.
    public func recoverFinished() throws -> [String] {
        var recovered: [String] = []
        var savedIDs = Set<String>()
        var cursor = RecordCursor.start
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            let path = folder.journals + "/" + name
            guard let fd = try? Platform.open(path, create: false), (try? Platform.lock(fd, .exclusive, wait: false, path: path)) == true else {
                continue
            }
            defer { Platform.unlock(fd); Platform.close(fd) }
            guard let (header, events) = try? Journal.read(path: path) else {
                // No header line: the process died creating the journal, before the
                // interview started. Nothing in it was ever acknowledged.
                if let bytes = try? Platform.readFile(path), !bytes.contains(0x0A) { Platform.remove(path) }
                continue
            }
            guard let line = events.lazy.compactMap({ e -> String? in
                if case .finishing(let r) = e { return r } else { return nil }
            }).last else { continue }
            // Read what was appended up to now: the journal's owner may have appended
            // this very record just before it died, after an earlier look at the file.
            cursor = try RecordStream(path: folder.interviews).forEachID(after: cursor) { savedIDs.insert($0) }
            if !savedIDs.contains(header.id) {
                try log.append(line)
                savedIDs.insert(header.id)
            } else {
                // Its line landed before the crash, maybe not durably, maybe without
                // its newline: made durable, and whole, before the journal goes.
                try log.syncOnly()
            }
            Platform.remove(folder.holder(header.id))
            Platform.remove(path)
            Platform.remove(folder.place(header.id))
            recovered.append(header.id)
        }
        return recovered
    }

    /// Appends a finished interview's record, exactly once: after a failed attempt the
    /// line may have reached the file although its fsync failed; a retry then makes it
    /// durable instead of writing it twice.
    func appendRecord(_ record: InterviewRecord) throws {
        if mutex.locked({ uncertain.contains(record.id) }), try savedInterviewIDs().contains(record.id) {
            try log.syncOnly()
            mutex.locked { _ = uncertain.remove(record.id) }
            return
        }
        do {
            try log.append(record.line)
            mutex.locked { _ = uncertain.remove(record.id) }
        } catch {
            mutex.locked { _ = uncertain.insert(record.id) }
            throw error
        }
    }

    /// Appends a record line as a finish does (tests of the record log's own promises).
    public func save(recordLine: String) throws {
        guard let record = InterviewRecord(line: recordLine) else { throw StoreError.damaged("record \(recordLine)") }
        try appendRecord(record)
    }

    public func savedInterviewIDs() throws -> Set<String> {
        var ids = Set<String>()
        _ = try RecordStream(path: folder.interviews).forEachID(after: .start) { ids.insert($0) }
        return ids
    }

    // MARK: Records

    /// Completes read so far, kept between calls: each call reads only what was appended
    /// since the last (the call desk asks at every look of the next-interview screen).
    private var completes: CompleteCounts?

    public func quotaCounts() throws -> QuotaCounts {
        let (complete, statuses, warnings) = try mutex.locked { () throws -> ([String: [String: Int]], [String: Int], [String]) in
            var counts = completes ?? CompleteCounts(path: folder.interviews, indexPath: folder.quotaIndex)
            try counts.refresh()
            // The next process starts from here (a no-op when nothing new was read).
            if Platform.isWritable(folder.path) { counts.saveSnapshot() }
            completes = counts
            return (counts.allCounts, counts.statusCounts, counts.warnings.map(\.description))
        }
        let places = Platform.exists(folder.places) ? try gate.livePlaces() : [:]
        return QuotaCounts(complete: complete, inProgress: places, statuses: statuses, warnings: warnings)
    }

    public func placesHeld() throws -> [String: [String: Int]] {
        gate.placesHeldReadOnly()
    }

    public func readRecords(after cursor: RecordCursor, limit: Int) throws -> RecordBatch {
        try RecordStream(path: folder.interviews).read(after: cursor, limit: limit)
    }

    public func scanAllRecordLines(parts: Int,
                                   _ body: @Sendable (Int, UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> [RecordScan] {
        try RecordStream(path: folder.interviews).scanAllLines(parts: parts, body)
    }

    public func scanRecordLines(after cursor: RecordCursor,
                                _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> RecordScan {
        try RecordStream(path: folder.interviews).scanLines(after: cursor, body)
    }

    // MARK: Cases

    /// Respondents with a saved record (read incrementally: only what was appended
    /// since the last call), those of journals, and those claimed by a live process.
    public func takenCases() throws -> Set<String> {
        try doneOrStartedCases().union(claimedCases())
    }

    public func startedOrDoneCases() throws -> Set<String> { try doneOrStartedCases() }

    public func appendAttempts(_ attempts: [CallAttempt]) throws {
        // Each attempt carries the login of the process that records it (issue 19).
        let login = Platform.loginName
        try CallLog(folder: folder).append(attempts.map { var a = $0; if a.login == nil { a.login = login }; return a })
    }

    public func readAttempts(after cursor: RecordCursor) throws -> AttemptBatch {
        // A calls.jsonl replaced by an erasure (another file now) is read from its start.
        let identity = Platform.identity(folder.path + "/calls.jsonl")
        let generation = identity.map { "\($0.device):\($0.inode)" } ?? ""
        let restarted = !cursor.generation.isEmpty && cursor.generation != generation && cursor.position > 0
        let from = restarted ? RecordCursor.start : cursor
        let read = try CallLog(folder: folder).read(from: CallLog.Position(offset: from.position, line: from.line + 1))
        var batch = AttemptBatch(attempts: read.attempts, warnings: read.skipped,
                                 cursor: RecordCursor(position: read.position.offset, line: read.position.line - 1,
                                                      generation: generation))
        batch.restarted = restarted
        return batch
    }

    /// Respondents of saved records and of journals (claims left out).
    func doneOrStartedCases() throws -> Set<String> {
        let known = mutex.locked { (savedRespondents, respondentsCursor) }
        var saved = known.0
        let next = try RecordStream(path: folder.interviews).forEachRespondent(after: known.1, restartedWith: { saved = [] }) {
            saved.insert($0)
        }
        mutex.locked { savedRespondents = saved; respondentsCursor = next }
        var taken = saved
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            if let (header, _) = try? Journal.read(path: folder.journals + "/" + name), let r = header.sample?.id {
                taken.insert(r)
            }
        }
        // Erased cases are never offered again (docs/privacy.md).
        taken.formUnion(try erasedCases())
        return taken
    }
}

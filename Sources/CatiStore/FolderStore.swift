import CatiCore

/// The data folder as an `InterviewStore`.
public final class FolderStore: InterviewStore, @unchecked Sendable {
    public let folder: DataFolder
    let gate: FolderQuotaGate
    let log: RecordLog
    /// Records whose append failed: they may be in the file, not durable.
    private var uncertain = Set<String>()
    private let mutex = PthreadMutex()

    public init(folder: DataFolder) throws {
        try folder.prepare()
        self.folder = folder
        self.gate = FolderQuotaGate(folder: folder)
        self.log = RecordLog(path: folder.interviews)
    }

    public var quotaGate: any QuotaGate { gate }

    public func begin(_ header: JournalHeader) throws -> Journal {
        try Journal.create(path: folder.journal(header.id), header: header, directory: folder.journals)
    }

    public func reopen(_ id: String) throws -> (Journal, [JournalEvent]) {
        try Journal.open(path: folder.journal(id), id: id)
    }

    public func save(recordLine: String) throws {
        let id = JSONParser.parseObject(Array(recordLine.utf8))?["id"]?.stringValue
        // After a failed attempt the line may have reached the file although its fsync
        // failed; a retry then makes it durable instead of writing it twice.
        if let id, mutex.locked({ uncertain.contains(id) }), try savedInterviewIDs().contains(id) {
            try log.syncOnly()
            mutex.locked { _ = uncertain.remove(id) }
            return
        }
        do {
            try log.append(recordLine)
            if let id { mutex.locked { _ = uncertain.remove(id) } }
        } catch {
            if let id { mutex.locked { _ = uncertain.insert(id) } }
            throw error
        }
    }

    public func releasePlaces(of interview: String) throws {
        try gate.releaseAll(for: interview)
    }

    /// Journals that nobody holds and that have not finished: resumable.
    public func interrupted() throws -> [InterruptedInterview] {
        var out: [InterruptedInterview] = []
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            let path = folder.journals + "/" + name
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            defer { Platform.close(fd) }
            guard try Platform.lock(fd, .shared, wait: false, path: path) else { continue }
            defer { Platform.unlock(fd) }
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
            out.append(InterruptedInterview(header: header, suspended: suspended, lastActivity: last, actions: actions))
        }
        return out.sorted { $0.lastActivity > $1.lastActivity }
    }

    /// Journals whose record was written to the journal but maybe not to
    /// interviews.jsonl (a crash in between): appends the record if it is missing,
    /// then removes the journal. Returns the ids completed this way.
    public func recoverFinished() throws -> [String] {
        var recovered: [String] = []
        var savedIDs = Set<String>()
        var scannedTo = 0
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
            let scan = try RecordReader(path: folder.interviews).scan(from: scannedTo)
            scannedTo = scan.endOffset
            for record in scan.records { if let id = record["id"]?.stringValue { savedIDs.insert(id) } }
            if !savedIDs.contains(header.id) {
                try log.append(line)
                savedIDs.insert(header.id)
            } else {
                // Its line landed before the crash, maybe not durably, maybe without
                // its newline: made durable, and whole, before the journal goes.
                try log.syncOnly()
            }
            Platform.remove(path)
            Platform.remove(folder.place(header.id))
            recovered.append(header.id)
        }
        return recovered
    }

    public func savedInterviewIDs() throws -> Set<String> {
        let scan = try RecordReader(path: folder.interviews).scan()
        return Set(scan.records.compactMap { $0["id"]?.stringValue })
    }
}

import CatiCore

/// The journal of one interview in progress: `journal/<id>.jsonl`, a header line then
/// one line per accepted action, each made durable (fsync) before the screen moves on.
/// The process running the interview holds an exclusive lock on it; the operating
/// system drops the lock when the process dies, which is how others know it can be
/// resumed.
public final class Journal: @unchecked Sendable {
    public let path: String
    public let header: JournalHeader
    private var fd: Int32

    init(path: String, header: JournalHeader, fd: Int32) {
        self.path = path
        self.header = header
        self.fd = fd
    }

    /// Creates the journal and takes its lock.
    static func create(path: String, header: JournalHeader, directory: String) throws -> Journal {
        var fd: Int32 = -1
        for attempt in 1...200 {
            fd = try Platform.open(path, create: true, append: true)
            // Between creating the file and locking it, another process may look at it
            // (listing interrupted interviews: a moment's shared lock) or remove it as
            // left by a crash before its header (FolderStore.recoverFinished): wait a
            // moment, and start again on a file that is still the one named.
            if try Platform.lock(fd, .exclusive, wait: false, path: path), Platform.names(path, fd) { break }
            Platform.close(fd)
            fd = -1
            if attempt < 200 { Platform.sleep(milliseconds: 1) }
        }
        guard fd >= 0 else { throw StoreError.busy(header.id) }
        let journal = Journal(path: path, header: header, fd: fd)
        do {
            try journal.write(header.json)
        } catch {
            // No interview was started: leave nothing that looks resumable.
            Platform.remove(path)
            journal.close()
            throw error
        }
        Platform.syncDirectory(directory)
        return journal
    }

    /// Opens an existing journal, taking its lock; fails if another process holds it.
    static func open(path: String, id: String) throws -> (Journal, [JournalEvent]) {
        guard Platform.exists(path) else { throw StoreError.unknownInterview(id) }
        let fd = try Platform.open(path, create: false, append: true)
        guard try Platform.lock(fd, .exclusive, wait: false, path: path) else {
            Platform.close(fd)
            throw StoreError.busy(id)
        }
        // Replaced or removed by an erasure (docs/privacy.md) since it was opened.
        guard Platform.names(path, fd) else {
            Platform.unlock(fd)
            Platform.close(fd)
            throw StoreError.busy(id)
        }
        do {
            let (header, events) = try read(path: path)
            return (Journal(path: path, header: header, fd: fd), events)
        } catch {
            Platform.close(fd)
            throw error
        }
    }

    /// Reads a journal without locking it. A torn last line (a crash mid-write: that
    /// action was never acknowledged) is ignored.
    public static func read(path: String) throws -> (JournalHeader, [JournalEvent]) {
        let bytes = try Platform.readFile(path)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        if bytes.last != 0x0A, !lines.isEmpty { lines.removeLast() }
        guard let first = lines.first, let json = JSONParser.parseObject(first), let header = JournalHeader(json) else {
            throw StoreError.damaged("journal \(path)")
        }
        let events = lines.dropFirst().compactMap { JSONParser.parseObject($0).flatMap(JournalEvent.init) }
        return (header, events)
    }

    public func append(_ event: JournalEvent) throws {
        try write(event.json)
        if case .finishing = event { hasFinishingRecord = true }
    }

    /// Whether this process wrote the finished record to the journal already.
    private(set) var hasFinishingRecord = false

    private func write(_ json: JSON) throws {
        guard fd >= 0 else { throw StoreError.closed(header.id) }
        var line = json.serialized
        line += "\n"
        let size = try Platform.size(fd, path: path)
        do {
            try Platform.writeAll(fd, Array(line.utf8), path: path)
            try Platform.sync(fd, path: path)
        } catch {
            // Not acknowledged: take the line (or the part written) back, so that a
            // retry of the same action is not replayed twice, nor glued to a torn line.
            Platform.truncate(fd, to: size)
            throw error
        }
    }

    /// Releases the lock (the interview stays resumable).
    public func close() {
        if fd >= 0 {
            Platform.unlock(fd)
            Platform.close(fd)
            fd = -1
        }
    }

    /// The interview is saved: the journal goes.
    func remove() {
        Platform.remove(path)
        close()
    }

    deinit { close() }
}

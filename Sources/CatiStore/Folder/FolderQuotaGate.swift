import CatiCore

/// Quota places in the data folder. Each interview in progress that holds a place has a
/// file `places/<interview id>` listing `quota<TAB>cell` lines, and keeps an exclusive
/// lock on it while its process lives. A place file whose lock can be taken belongs to
/// a dead process: it is not counted, and is removed, unless that process died saving a
/// complete interview (its journal holds the `finishing` record): then the place counts
/// until recovery has put the record in interviews.jsonl (and removes the place file),
/// for that interview is a complete that no count would see yet. Every decision is made
/// under the folder-wide lock `quota.lock`, so two interviewers never both take the
/// last place.
public final class FolderQuotaGate: QuotaGate, @unchecked Sendable {
    let folder: DataFolder
    private let mutex = Lock()
    private var completes: CompleteCounts
    /// Place files of interviews run by this process, locked.
    private var own: [String: (fd: Int32, cells: [String: String])] = [:]

    public init(folder: DataFolder) {
        self.folder = folder
        self.completes = CompleteCounts(path: folder.interviews, indexPath: folder.quotaIndex)
    }

    public func hold(_ cell: Quota.Cell, of quota: Quota, for interview: String) throws -> Bool {
        try mutex.locked {
            try withFolderLock {
                try completes.refresh()
                let taken = completes.complete(quota.name, cell.label)
                    + (try placesHeld(quota.name, cell.label, excluding: interview))
                var cells = own[interview]?.cells ?? [:]
                if taken >= cell.target {
                    cells[quota.name] = nil
                    try writePlaces(interview, cells)
                    return false
                }
                cells[quota.name] = cell.label
                try writePlaces(interview, cells)
                return true
            }
        }
    }

    public func release(_ quota: Quota, for interview: String) throws {
        try mutex.locked {
            guard var cells = own[interview]?.cells, cells[quota.name] != nil else { return }
            try withFolderLock {
                cells[quota.name] = nil
                try writePlaces(interview, cells)
            }
        }
    }

    /// Gives up every place of the interview and removes its place file.
    public func releaseAll(for interview: String) throws {
        try mutex.locked {
            guard let entry = own[interview] else { return }
            try withFolderLock {
                Platform.remove(folder.place(interview))
                Platform.unlock(entry.fd)
                Platform.close(entry.fd)
                own[interview] = nil
            }
        }
    }

    /// Places held per quota and cell by live interviews (and by a dead one that was
    /// saving a complete interview, until recovery writes its record), as `hold` counts
    /// them, read under a *shared* `quota.lock` (which keeps out only the moment an
    /// interviewer changes places); nothing is written or removed.
    func placesHeldReadOnly() -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        guard Platform.exists(folder.quotaLock),
              let lockFD = try? Platform.open(folder.quotaLock, create: false, readOnly: true) else { return counts }
        defer { Platform.close(lockFD) }
        guard (try? Platform.lock(lockFD, .shared, path: folder.quotaLock)) == true else { return counts }
        defer { Platform.unlock(lockFD) }
        for name in Platform.list(folder.places) {
            let path = folder.place(name)
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            defer { Platform.close(fd) }
            if (try? Platform.lock(fd, .shared, wait: false, path: path)) == true {
                Platform.unlock(fd)
                guard diedSavingAComplete(name) else { continue }
            }
            guard let size = try? Platform.size(fd, path: path),
                  let bytes = try? Platform.readAt(fd, offset: 0, count: size, path: path) else { continue }
            for (quota, cell) in Self.parse(bytes) { counts[quota, default: [:]][cell, default: 0] += 1 }
        }
        return counts
    }

    /// Tests only: the process dies holding its places (the locks go, the files stay).
    func abandonAll() {
        mutex.locked {
            for entry in own.values { Platform.unlock(entry.fd); Platform.close(entry.fd) }
            own = [:]
        }
    }

    /// Places held by live interviews, per quota and cell (for `cati quotas` and the monitor).
    public func livePlaces() throws -> [String: [String: Int]] {
        try mutex.locked {
            try withFolderLock { try scanPlaces(excluding: nil) }
        }
    }

    // MARK: -

    private func withFolderLock<T>(_ body: () throws -> T) throws -> T {
        let fd = try Platform.open(folder.quotaLock, create: true)
        defer { Platform.close(fd) }
        try Platform.lock(fd, .exclusive, path: folder.quotaLock)
        defer { Platform.unlock(fd) }
        return try body()
    }

    private func placesHeld(_ quota: String, _ cell: String, excluding interview: String) throws -> Int {
        try scanPlaces(excluding: interview)[quota]?[cell] ?? 0
    }

    private func scanPlaces(excluding interview: String?) throws -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        func count(_ cells: [String: String]) {
            for (quota, cell) in cells { counts[quota, default: [:]][cell, default: 0] += 1 }
        }
        for name in Platform.list(folder.places) where name != interview {
            if let mine = own[name] { count(mine.cells); continue }
            let path = folder.place(name)
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            defer { Platform.close(fd) }
            if try Platform.lock(fd, .shared, wait: false, path: path) {
                // Nobody holds it: its process died. Its places are free again, unless
                // it died saving a complete interview.
                defer { Platform.unlock(fd) }
                guard diedSavingAComplete(name) else {
                    Platform.remove(path)
                    continue
                }
            }
            let bytes = try Platform.readAt(fd, offset: 0, count: try Platform.size(fd, path: path), path: path)
            count(Self.parse(bytes))
        }
        return counts
    }

    /// Whether the interview's journal ends in the record of a complete interview, not
    /// yet recovered into interviews.jsonl (recovery removes the journal).
    private func diedSavingAComplete(_ interview: String) -> Bool {
        guard let (_, events) = try? Journal.read(path: folder.journal(interview)) else { return false }
        for case .finishing(let record) in events.reversed() {
            return JSONParser.parseObject(Array(record.utf8))?["status"]?.stringValue == InterviewStatus.complete.rawValue
        }
        return false
    }

    private func writePlaces(_ interview: String, _ cells: [String: String]) throws {
        let path = folder.place(interview)
        let fd: Int32
        if let entry = own[interview] {
            fd = entry.fd
        } else {
            fd = try Platform.open(path, create: true)
            guard try Platform.lock(fd, .exclusive, wait: false, path: path) else {
                Platform.close(fd)
                throw StoreError.busy(interview)
            }
        }
        own[interview] = (fd, cells)
        let text = cells.keys.sorted().map { "\($0)\t\(cells[$0]!)\n" }.joined()
        try Platform.replaceContents(fd, Array(text.utf8), path: path)
    }

    static func parse(_ bytes: [UInt8]) -> [String: String] {
        var cells: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { cells[String(parts[0])] = String(parts[1]) }
        }
        return cells
    }
}

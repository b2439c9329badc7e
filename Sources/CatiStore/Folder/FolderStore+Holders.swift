import CatiCore

/// Who holds an interview or a case, on the folder (issue 22). The lock on the journal
/// (or claim file) says whether a live process holds it; the holder file says which:
/// `journal/<id>.holder`, one JSON line written by the process when it takes the lock
/// (start, resume), touched (its modification time) on each key and answer, removed
/// when it lets go. A claim file carries the same line. A holder file next to an
/// unlocked journal is what a killed process left: it means nothing.
extension DataFolder {
    public func holder(_ id: String) -> String { journals + "/" + id + ".holder" }
}

extension FolderStore {
    /// How long a process asked to let go (SIGHUP) has before it is killed.
    static let letGoSeconds = 2.0
    /// How long a killed process's lock may take to go.
    static let killSeconds = 3.0

    // MARK: Reading

    /// Whether a live process holds the lock on `path`.
    func isLocked(_ path: String) -> Bool {
        guard let fd = try? Platform.open(path, create: false, readOnly: true) else { return false }
        defer { Platform.close(fd) }
        guard let free = try? Platform.lock(fd, .shared, wait: false, path: path) else { return false }
        if free { Platform.unlock(fd) }
        return !free
    }

    /// The holder named by a holder file or claim file, its last key the file's time.
    static func readHolder(_ path: String) -> InterviewHolder? {
        guard let bytes = try? Platform.readFile(path), let line = bytes.split(separator: 0x0A).first,
              let json = JSONParser.parseObject(Array(line)) else { return nil }
        return InterviewHolder(json, lastKey: Platform.modificationTime(path))
    }

    static func holderLine(_ holder: InterviewHolder) -> [UInt8] { Array((holder.json.serialized + "\n").utf8) }

    // MARK: Taking back

    public func takeOver(_ id: String, by login: String) throws -> Release {
        let path = folder.journal(id)
        guard Platform.exists(path) else { throw StoreError.unknownInterview(id) }
        guard isLocked(path) else { return Release(id: id, holder: nil, how: .wasFree, seconds: 0) }
        let holder = try currentHolder(of: folder.holder(id), locked: path, id: id)
        guard holder.isOwn(login: login) else { throw StoreError.heldBy(id, holder) }
        return try free(path, holder: holder, id: id)
    }

    public func release(_ id: String) throws -> Release {
        // A survey with settings has roles (the command checks the supervisor's); a
        // folder without them belongs to its owner.
        let me = Platform.effectiveUserID
        let owner = Platform.owner(of: folder.path)
        guard me == 0 || me == owner || (try? surveySettings()) != nil else {
            let who = owner.map { "its owner (login \(Platform.login(of: $0)))" } ?? "its owner"
            throw StoreError.permissionDenied("release \(id) in \(folder.path): only \(who) or root may release "
                                              + "what another process holds")
        }
        var target = id
        if !Platform.exists(folder.journal(id)),
           let open = try? interviewsInProgress(),
           let match = open.first(where: { $0.respondent == id && $0.isHeld }) ?? open.first(where: { $0.respondent == id }) {
            target = match.header.id
        }
        let journal = folder.journal(target)
        if Platform.exists(journal) {
            guard isLocked(journal) else { return Release(id: target, holder: nil, how: .wasFree, seconds: 0) }
            let holder = try currentHolder(of: folder.holder(target), locked: journal, id: target)
            guard holder.host == Platform.hostName else { throw StoreError.heldBy(target, holder) }
            return try free(journal, holder: holder, id: target)
        }
        let claim = claims + "/" + Self.safeFileName(id)
        guard Platform.exists(claim) else { throw StoreError.unknownInterview(id) }
        guard isLocked(claim) else { return Release(id: id, holder: nil, how: .wasFree, seconds: 0) }
        let holder = try currentHolder(of: claim, locked: claim, id: id)
        guard holder.host == Platform.hostName else { throw StoreError.heldBy(id, holder) }
        return try free(claim, holder: holder, id: id)
    }

    /// The holder of a locked file. A process that has just taken the lock writes its
    /// holder line a moment later: until then the file may name the process before it
    /// (gone), so a holder whose process is gone is read again for up to a second.
    private func currentHolder(of holderPath: String, locked path: String, id: String) throws -> InterviewHolder {
        let deadline = Platform.monotonic + 1
        while true {
            if let holder = Self.readHolder(holderPath), holder.host != Platform.hostName || Platform.processExists(holder.pid) {
                return holder
            }
            if !isLocked(path) { throw StoreError.busy(id) }  // let go meanwhile: ask again
            if Platform.monotonic >= deadline { throw StoreError.busy(id) }
            Platform.sleep(milliseconds: 50)
        }
    }

    /// Asks the holder to let go (SIGHUP), then kills it (SIGKILL) if it has not within
    /// `letGoSeconds`; returns once the lock is free.
    private func free(_ path: String, holder: InterviewHolder, id: String) throws -> Release {
        let started = Platform.monotonic
        func waitFree(_ seconds: Double) -> Bool {
            let deadline = Platform.monotonic + seconds
            while isLocked(path) {
                if Platform.monotonic >= deadline { return false }
                Platform.sleep(milliseconds: 20)
            }
            return true
        }
        if !Platform.send(.letGo, to: holder.pid), Platform.processExists(holder.pid) {
            throw StoreError.permissionDenied("signal process \(holder.pid) of login \(holder.login) holding \(id)")
        }
        if waitFree(Self.letGoSeconds) {
            return Release(id: id, holder: holder, how: .letGo, seconds: Platform.monotonic - started)
        }
        Platform.send(.kill, to: holder.pid)
        if waitFree(Self.killSeconds) {
            return Release(id: id, holder: holder, how: .killed, seconds: Platform.monotonic - started)
        }
        throw StoreError.busy(id)
    }
}

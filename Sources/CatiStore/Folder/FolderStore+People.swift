import CatiCore

/// Settings, roles and the audit trail in the data folder: `settings.json` (written to
/// a temporary file and renamed into place) and `audit.jsonl` (appended under an
/// exclusive flock, one write, fsync), docs/data-folder.md.
extension FolderStore {
    public func surveySettings() throws -> SurveySettings? {
        try Self.readSettings(folder)
    }

    static func readSettings(_ folder: DataFolder) throws -> SurveySettings? {
        guard Platform.exists(folder.settings) else { return nil }
        let bytes = try Platform.readFile(folder.settings)
        switch SurveySettings.parse(bytes) {
        case .success(let settings): return settings
        case .failure(let problem): throw StoreError.ioFailure(reason: "settings cannot be read", detail: "\(folder.settings): \(problem)")
        }
    }

    public func saveSurveySettings(_ settings: SurveySettings) throws {
        try Self.writeSettings(settings, in: folder)
    }

    static func writeSettings(_ settings: SurveySettings, in folder: DataFolder) throws {
        let temp = folder.settings + ".\(Platform.processID).tmp"
        let fd = try Platform.open(temp, create: true)
        do {
            try Platform.replaceContents(fd, Array((settings.json.serialized + "\n").utf8), path: temp)
            try Platform.sync(fd, path: temp)
            Platform.close(fd)
            try Platform.rename(temp, folder.settings)
        } catch {
            Platform.close(fd)
            Platform.remove(temp)
            throw error
        }
    }

    public func role(of person: Person) throws -> Role {
        AccessPolicy.role(login: person.login, groups: person.groups, settings: try surveySettings())
    }

    public func appendAudit(_ entry: AuditEntry) throws {
        guard try surveySettings() != nil else { return }
        try Self.appendAudit(entry, to: folder)
    }

    static func appendAudit(_ entry: AuditEntry, to folder: DataFolder) throws {
        let path = folder.audit
        let fd = try Platform.open(path, create: true, append: true)
        defer { Platform.close(fd) }
        try Platform.lock(fd, .exclusive, path: path)
        defer { Platform.unlock(fd) }
        let size = try Platform.size(fd, path: path)
        let bytes = try Platform.readAt(fd, offset: 0, count: size, path: path)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        var prefix: [UInt8] = []
        if let last = bytes.last, last != 0x0A {
            // A torn last line (a crash mid-write): the new entry starts on a line of its own
            // and chains to the last whole line; verify names the torn one.
            prefix = [0x0A]
            lines.removeLast()
        }
        let line = AuditChain.line(for: entry, after: lines.last.map(Array.init))
        try Platform.writeAll(fd, prefix + Array((line + "\n").utf8), path: path)
        try Platform.sync(fd, path: path)
        // The trail's first entry: its name in the folder must be durable too.
        if size == 0 { Platform.syncDirectory(folder.path) }
    }

    public func auditLines() throws -> [[UInt8]] {
        guard Platform.exists(folder.audit) else { return [] }
        return try Platform.readFile(folder.audit).split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
    }
}

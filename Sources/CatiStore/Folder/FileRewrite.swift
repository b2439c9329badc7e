import CatiCore

/// The one exception to append-only (docs/privacy.md): a file of the data folder
/// replaced whole, crash-safely. The new contents go to `<file>.erasing`, which is
/// synced, renamed over the file, and the folder synced: a crash at any point leaves
/// the old file or the new one, never a mix. The caller holds the file's writers' lock
/// (writers check, once they hold it, that the path still names the file they opened:
/// `AppendLock`), so no line written meanwhile is lost.
public enum FileRewrite {
    /// Test only: `CATI_ERASE_STEP_MS=N` waits N ms between the steps of a rewrite, so
    /// that a test can `kill -9` the process at every step of it.
    static let stepPause = Platform.environment("CATI_ERASE_STEP_MS").flatMap(Int.init) ?? 0

    static func pause() { if stepPause > 0 { Platform.sleep(milliseconds: stepPause) } }

    /// Replaces the file at `path` by `bytes` (the caller holds its lock). Nothing is
    /// written when they are the same. Returns whether the file changed.
    @discardableResult
    public static func replace(_ path: String, with bytes: [UInt8], old: [UInt8]) throws -> Bool {
        guard bytes != old else { return false }
        let temporary = path + ".erasing"
        try Platform.writeSmallFile(temporary, [])
        let fd = try Platform.open(temporary, create: false, append: true)
        defer { Platform.close(fd) }
        // Written in pieces, so that a kill in the middle leaves a half temporary file
        // (never the file itself).
        let half = bytes.count / 2
        try Platform.writeAll(fd, Array(bytes[..<half]), path: temporary)
        pause()
        try Platform.writeAll(fd, Array(bytes[half...]), path: temporary)
        try Platform.sync(fd, path: temporary)
        pause()
        try Platform.rename(temporary, path)
        Platform.syncDirectory(NSStringPath(path).deletingLastComponent)
        pause()
        return true
    }

    /// Replaces an append-only file's lines under its writers' lock: `transform` gets
    /// each whole line (without its newline) and returns it (kept as it is), a new line,
    /// or nil (dropped). A torn last line (no newline) is kept as it is. Returns how many
    /// lines were dropped or changed.
    @discardableResult
    public static func rewriteLines(_ path: String, _ transform: (ArraySlice<UInt8>) -> [UInt8]??) throws -> Int {
        guard Platform.exists(path) else { return 0 }
        let fd = try AppendLock.open(path)
        defer { Platform.close(fd) }
        defer { Platform.unlock(fd) }
        let size = try Platform.size(fd, path: path)
        let old = size > 0 ? try Platform.readAt(fd, offset: 0, count: size, path: path) : []
        var out: [UInt8] = []
        out.reserveCapacity(old.count)
        var touched = 0
        var start = 0
        while start < old.count {
            guard let end = old[start...].firstIndex(of: 0x0A) else {
                out.append(contentsOf: old[start...])
                break
            }
            let line = old[start..<end]
            switch transform(line) {
            case .none:
                out.append(contentsOf: line)
                out.append(0x0A)
            case .some(.none):
                touched += 1
            case .some(.some(let replaced)):
                touched += 1
                out.append(contentsOf: replaced)
                out.append(0x0A)
            }
            start = end + 1
        }
        if touched > 0 { try replace(path, with: out, old: old) }
        return touched
    }
}

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
    /// written when they are the same. Returns whether the file changed. `mode`: the
    /// permission bits the new file gets (by default those of a file the store makes).
    @discardableResult
    public static func replace(_ path: String, with bytes: [UInt8], old: [UInt8], mode: Int? = nil) throws -> Bool {
        guard bytes != old else { return false }
        let temporary = path + ".erasing"
        try Platform.writeSmallFile(temporary, [])
        if let mode { try Platform.setMode(temporary, mode) }
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
    /// each whole line (without its newline) and returns nil (kept as it is), `.some(nil)`
    /// (dropped) or a new line. A torn last line (no newline) is kept as it is. Returns how
    /// many lines were dropped or replaced. The file is streamed (`LineStreamRewrite`):
    /// memory stays about two chunks (or the longest line), whatever the file's size, and
    /// nothing is written when no line changes.
    @discardableResult
    public static func rewriteLines(_ path: String, chunkSize: Int = 1 << 20,
                                    _ transform: (ArraySlice<UInt8>) -> [UInt8]??) throws -> Int {
        guard Platform.exists(path) else { return 0 }
        let fd = try AppendLock.open(path)
        defer { Platform.close(fd) }
        defer { Platform.unlock(fd) }
        let rewrite = LineStreamRewrite(path: path, fd: fd, size: try Platform.size(fd, path: path),
                                        chunkSize: max(1, chunkSize))
        let outcome = try rewrite.run(transform)
        if outcome.changed { try publish(rewrite.temporaryPath, over: path) }
        return outcome.touched
    }

    /// A file the program did not make (the sample file) rewritten whole under an
    /// exclusive lock on the file itself: two erasures naming the same file take turns
    /// (the second reads what the first wrote), and a reader sees the old file or the
    /// new one. `transform` gets the contents and returns the new ones, or nil for no
    /// change (then nothing is written). Returns what `transform` returned. The caller
    /// checks that the file exists (a missing file is an error here).
    public static func rewriteWhole<T>(_ path: String, _ transform: ([UInt8]) throws -> (bytes: [UInt8], result: T)?) throws -> T? {
        let fd = try AppendLock.openExisting(path)
        defer { Platform.close(fd) }
        defer { Platform.unlock(fd) }
        let old = try Platform.readAt(fd, offset: 0, count: try Platform.size(fd, path: path), path: path)
        guard let (bytes, result) = try transform(old) else { return nil }
        // Its permissions stay (a sample the interviewers' group reads stays readable to them).
        try replace(path, with: bytes, old: old, mode: Platform.mode(path))
        return result
    }

    /// The synced temporary file renamed over `path`, and the folder synced.
    static func publish(_ temporary: String, over path: String) throws {
        pause()
        try Platform.rename(temporary, path)
        Platform.syncDirectory(NSStringPath(path).deletingLastComponent)
        pause()
    }
}

/// Opening an append-only file (`interviews.jsonl`, `calls.jsonl`) for one locked write.
///
/// The erasure (`FolderStore.erase`, docs/privacy.md) replaces these files by a rename,
/// under their exclusive lock. A writer that opened the old file and waited for the lock
/// would then write to a file no longer in the folder, and its record would be lost;
/// so once it holds the lock it checks that the path still names the file it opened,
/// and otherwise opens the new one and waits again.
enum AppendLock {
    /// The file at `path`, open for appending and locked exclusively: the caller writes,
    /// syncs, unlocks and closes.
    static func open(_ path: String) throws -> Int32 {
        try lockedCurrent(path) { try Platform.open(path, create: true, append: true) }
    }

    /// The existing file at `path`, open read-only and locked exclusively (the lock a
    /// whole-file rewrite takes, `FileRewrite.rewriteWhole`); as `open`, a file replaced
    /// while this process waited is opened again. The caller unlocks and closes.
    static func openExisting(_ path: String) throws -> Int32 {
        try lockedCurrent(path) { try Platform.open(path, create: false, readOnly: true) }
    }

    /// Opens with `opening`, locks exclusively, and starts again while the path no
    /// longer names the file locked (it was replaced meanwhile).
    private static func lockedCurrent(_ path: String, _ opening: () throws -> Int32) throws -> Int32 {
        while true {
            let fd = try opening()
            do { try Platform.lock(fd, .exclusive, path: path) } catch {
                Platform.close(fd)
                throw error
            }
            if Platform.names(path, fd) { return fd }
            Platform.unlock(fd)
            Platform.close(fd)
        }
    }
}

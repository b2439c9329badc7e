import CatiCore

/// `interviews.jsonl`: append-only. A record is one line written with one `write`
/// under an exclusive lock and made durable with `fsync` before `append` returns.
/// A file that does not end in a newline (a torn tail) gets the new record on a fresh line.
/// The program never rewrites, truncates or reorders it.
public struct RecordLog: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Makes the file durable as it is (after a failed append whose line did land). A
    /// last line without its newline (the write cut just before it) gets it, so that
    /// every reader counts that record.
    public func syncOnly() throws {
        let fd = try AppendLock.open(path)
        defer { Platform.close(fd) }
        defer { Platform.unlock(fd) }
        let size = try Platform.size(fd, path: path)
        if size > 0, try Platform.readAt(fd, offset: size - 1, count: 1, path: path) != [0x0A] {
            try Platform.writeAll(fd, [0x0A], path: path)
        }
        try Platform.sync(fd, path: path)
    }

    public func append(_ line: String) throws {
        precondition(!line.contains("\n"), "a record is one line")
        let fd = try AppendLock.open(path)
        defer { Platform.close(fd) }
        defer { Platform.unlock(fd) }
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        let size = try Platform.size(fd, path: path)
        // A retry after a failed fsync: the earlier attempt's line may already be the
        // file's last (records carry unique ids, so only that attempt can have written
        // it). Then it is made durable, not written twice. The file is never truncated.
        let tail = size >= bytes.count ? try Platform.readAt(fd, offset: size - bytes.count, count: bytes.count, path: path) : []
        let before = size > bytes.count ? try Platform.readAt(fd, offset: size - bytes.count - 1, count: 1, path: path) : [0x0A]
        if tail == bytes, before == [0x0A] {
            try Platform.sync(fd, path: path)
            return
        }
        if size > 0, try Platform.readAt(fd, offset: size - 1, count: 1, path: path) != [0x0A] {
            bytes.insert(0x0A, at: 0)
        }
        try Platform.writeAll(fd, bytes, path: path)
        try Platform.sync(fd, path: path)
        // The file's first record: its name in the folder must be durable too.
        if size == 0 { Platform.syncDirectory(NSStringPath(path).deletingLastComponent) }
    }
}

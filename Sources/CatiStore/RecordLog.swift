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
        let fd = try Platform.open(path, create: true, append: true)
        defer { Platform.close(fd) }
        try Platform.lock(fd, .exclusive, path: path)
        defer { Platform.unlock(fd) }
        let size = try Platform.size(fd, path: path)
        if size > 0, try Platform.readAt(fd, offset: size - 1, count: 1, path: path) != [0x0A] {
            try Platform.writeAll(fd, [0x0A], path: path)
        }
        try Platform.sync(fd, path: path)
    }

    public func append(_ line: String) throws {
        precondition(!line.contains("\n"), "a record is one line")
        let fd = try Platform.open(path, create: true, append: true)
        defer { Platform.close(fd) }
        try Platform.lock(fd, .exclusive, path: path)
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

/// One record line that could not be read.
public struct SkippedLine: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let reason: String
    public var description: String { "\(path):\(line): warning: \(reason); line skipped" }
}

/// Reads `interviews.jsonl` line by line. A line that is not a JSON object (a torn last
/// line after a crash, or damage) is skipped and reported with its line number; every
/// other record is kept.
public struct RecordReader: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public struct Scan: Sendable {
        public var records: [JSON] = []
        public var skipped: [SkippedLine] = []
        /// Bytes read, up to the end of the last complete line.
        public var endOffset = 0
    }

    public func scan(from offset: Int = 0, startLine: Int = 1) throws -> Scan {
        var scan = Scan()
        scan.endOffset = offset
        guard Platform.exists(path) else { return scan }
        let bytes = try Platform.readFile(path)
        var lineNumber = startLine
        var start = min(offset, bytes.count)
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A)
            let lineBytes = bytes[start..<(end ?? bytes.count)]
            if !lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                if let object = JSONParser.parseObject(lineBytes) {
                    scan.records.append(object)
                } else {
                    let reason = end == nil ? "torn last line (no newline at the end)" : "not a JSON record"
                    scan.skipped.append(SkippedLine(path: path, line: lineNumber, reason: reason))
                }
            }
            guard let end else { break }
            start = end + 1
            scan.endOffset = start
            lineNumber += 1
        }
        return scan
    }
}

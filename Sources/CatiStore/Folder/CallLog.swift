import CatiCore

/// `calls.jsonl` (fieldwork.md): one line per call attempt, append-only, with the
/// writing rules of `interviews.jsonl` (RecordLog): O_APPEND, one `write` under an
/// exclusive flock, `fsync` before `append` returns, a torn tail gets the new lines on a
/// fresh line. Readers take a shared lock, so the only damaged lines they meet are those
/// of a crash or of an outside edit: skipped with a warning, every other line kept.
public struct CallLog: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public init(folder: DataFolder) { self.init(path: folder.path + "/calls.jsonl") }

    /// Appends the attempts in one write, durable when this returns.
    public func append(_ attempts: [CallAttempt]) throws {
        guard !attempts.isEmpty else { return }
        var bytes: [UInt8] = []
        for attempt in attempts {
            bytes.append(contentsOf: Array(attempt.line.utf8))
            bytes.append(0x0A)
        }
        let fd = try AppendLock.open(path)
        defer { Platform.close(fd) }
        defer { Platform.unlock(fd) }
        let size = try Platform.size(fd, path: path)
        if size > 0, try Platform.readAt(fd, offset: size - 1, count: 1, path: path) != [0x0A] {
            bytes.insert(0x0A, at: 0)
        }
        try Platform.writeAll(fd, bytes, path: path)
        try Platform.sync(fd, path: path)
        if size == 0 { Platform.syncDirectory(NSStringPath(path).deletingLastComponent) }
    }

    /// Where a reader has got to: the byte offset past the last complete line and the
    /// number of the next line.
    public struct Position: Sendable, Equatable {
        public var offset = 0
        public var line = 1
        public init(offset: Int = 0, line: Int = 1) {
            self.offset = offset
            self.line = line
        }
    }

    public struct Read: Sendable {
        public var attempts: [CallAttempt] = []
        public var skipped: [SkippedLine] = []
        public var position = Position()
    }

    /// The attempts from `position` on. A last line without its newline is a torn tail
    /// (a crash mid-write): reported, and read again once an append has ended it.
    public func read(from position: Position = Position()) throws -> Read {
        var read = Read()
        read.position = position
        guard Platform.exists(path) else { return read }
        let fd = try Platform.open(path, create: false, readOnly: true)
        defer { Platform.close(fd) }
        try Platform.lock(fd, .shared, path: path)
        let size = try Platform.size(fd, path: path)
        let bytes = size > position.offset
            ? try Platform.readAt(fd, offset: position.offset, count: size - position.offset, path: path) : []
        Platform.unlock(fd)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A)
            let lineBytes = bytes[start..<(end ?? bytes.count)]
            if !lineBytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                if end == nil {
                    read.skipped.append(SkippedLine(path: path, line: read.position.line,
                                                    reason: "torn last line (no newline at the end)"))
                    break
                }
                do {
                    guard let json = JSONParser.parseObject(lineBytes) else { throw CallAttempt.ParseError.missing("{") }
                    read.attempts.append(try CallAttempt(json: json))
                } catch let error as CallAttempt.ParseError {
                    let reason = JSONParser.parseObject(lineBytes) == nil ? "not a JSON record" : error.description
                    read.skipped.append(SkippedLine(path: path, line: read.position.line, reason: reason))
                }
            }
            guard let end else { break }
            start = end + 1
            read.position.offset = position.offset + start
            read.position.line += 1
        }
        return read
    }
}

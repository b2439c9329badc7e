import CatiCore
import Dispatch

/// The one reader of `interviews.jsonl`: complete lines from a byte offset, read in
/// fixed-size chunks so that memory stays small whatever the file's size. A last line
/// without its newline (a torn tail, or a write in progress) is not delivered: reading
/// stops before it and takes it up, whole, next time. Its fast path for counts and ids
/// is `RecordSummaryScanner` (CompleteCounts splits a long first read across
/// processors with `ParallelScan`); records are parsed whole only where they are used.
public struct RecordStream: Sendable {
    public let path: String
    public var chunkSize = 4 << 20

    public init(path: String) { self.path = path }

    public struct Result: Sendable {
        /// Offset just past the last complete line.
        public var endOffset: Int
        /// Number of complete lines delivered.
        public var lines: Int
        /// True when bytes after the last newline were left unread.
        public var tornTail: Bool
    }

    /// Calls `body` with each complete line (without its newline) and its 0-based index,
    /// from `offset` to the end of the file, or to `end` when given.
    @discardableResult
    public func forEachLine(from offset: Int, to end: Int? = nil,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> Result {
        try readLines(from: offset, to: end) { line, index in try body(line, index); return false }
    }

    /// As `forEachLine`, stopping after the line for which `stop` returns true.
    @discardableResult
    public func readLines(from offset: Int, to end: Int? = nil,
                          until stop: (UnsafeBufferPointer<UInt8>, Int) throws -> Bool) throws -> Result {
        guard Platform.exists(path) else { return Result(endOffset: offset, lines: 0, tornTail: false) }
        let fd = try Platform.open(path, create: false, readOnly: true)
        defer { Platform.close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var carried = 0          // bytes of an unfinished line at the start of buffer
        var fileOffset = offset  // where the next read goes
        var lineStart = offset   // file offset of buffer[0]
        var count = 0
        while true {
            if carried == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let room = min(buffer.count - carried, end.map { max(0, $0 - fileOffset) } ?? Int.max)
            let got = room == 0 ? 0 : try buffer.withUnsafeMutableBytes { raw in
                try Platform.read(fd, into: raw.baseAddress! + carried, count: room, at: fileOffset, path: path)
            }
            if got == 0 {
                return Result(endOffset: lineStart, lines: count, tornTail: carried > 0)
            }
            fileOffset += got
            let filled = carried + got
            var consumed = 0
            var stopped = false
            try buffer.withUnsafeBufferPointer { all in
                let base = all.baseAddress!
                while consumed < filled, !stopped {
                    guard let length = Platform.firstIndex(of: 0x0A, in: base + consumed, count: filled - consumed) else { break }
                    stopped = try stop(UnsafeBufferPointer(start: base + consumed, count: length), count)
                    count += 1
                    consumed += length + 1
                }
            }
            lineStart += consumed
            if stopped { return Result(endOffset: lineStart, lines: count, tornTail: false) }
            carried = filled - consumed
            if consumed > 0, carried > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    Platform.moveBytes(raw.baseAddress!, from: raw.baseAddress! + consumed, count: carried)
                }
            }
        }
    }

    /// Where to go on from `cursor`: from it when the file is still the one read, no
    /// shorter, and unchanged just before the cursor (the generation keeps the file's
    /// device, inode and a fingerprint of the 32 bytes before the cursor); else from the
    /// start, with the reason.
    func continues(_ cursor: RecordCursor) -> (from: RecordCursor, restarted: Bool, reason: String?) {
        let now = Platform.identity(path)
        let file = now.map { "\($0.device):\($0.inode)" } ?? ""
        func restart(_ why: String?) -> (RecordCursor, Bool, String?) {
            (RecordCursor(position: 0, line: 0, generation: file), cursor.position > 0, cursor.position > 0 ? why : nil)
        }
        if cursor.generation.isEmpty || cursor.position == 0 {
            return (RecordCursor(position: cursor.position, line: cursor.line, generation: file), false, nil)
        }
        let parts = cursor.generation.split(separator: "/", maxSplits: 1).map(String.init)
        guard let now else { return restart("interviews.jsonl is gone: read again from the start") }
        if parts[0] != file { return restart("interviews.jsonl was replaced by another file: read again from the start") }
        if now.size < cursor.position {
            return restart("interviews.jsonl shrank (\(now.size) bytes, \(cursor.position) read): read again from the start")
        }
        if parts.count == 2, parts[1] != fingerprint(before: cursor.position) {
            return restart("interviews.jsonl was rewritten: read again from the start")
        }
        return (RecordCursor(position: cursor.position, line: cursor.line, generation: file), false, nil)
    }

    /// The cursor at `position`, its generation naming the file and the bytes before it.
    func cursor(at position: Int, line: Int, file generation: String) -> RecordCursor {
        let file = generation.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return RecordCursor(position: position, line: line, generation: file + "/" + fingerprint(before: position))
    }

    private func fingerprint(before position: Int) -> String {
        guard position > 0, let fd = try? Platform.open(path, create: false, readOnly: true) else { return "" }
        defer { Platform.close(fd) }
        let count = min(32, position)
        let bytes = (try? Platform.readAt(fd, offset: position - count, count: count, path: path)) ?? []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// Records after the cursor, parsed; damaged lines become warnings with their line.
    public func read(after cursor: RecordCursor, limit: Int = .max) throws -> RecordBatch {
        let (from, restarted, _) = continues(cursor)
        var batch = RecordBatch(cursor: from, restarted: restarted)
        var damaged: [Int] = []
        let result = try readLines(from: from.position, until: { line, index in
            if let object = JSONParser.parseObject(line) {
                batch.records.append(object)
            } else if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                damaged.append(index)
            }
            return batch.records.count >= limit
        })
        for index in damaged {
            batch.warnings.append(SkippedLine(path: path, line: from.line + index + 1, reason: "not a JSON record").description)
        }
        batch.cursor = self.cursor(at: result.endOffset, line: from.line + result.lines, file: from.generation)
        batch.more = batch.records.count >= limit
        return batch
    }

    /// Every complete line after the cursor (see `InterviewStore.scanRecordLines`).
    public func scanLines(after cursor: RecordCursor,
                          _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> RecordScan {
        let (from, restarted, reason) = continues(cursor)
        let result = try forEachLine(from: from.position) { line, _ in try body(line) }
        return RecordScan(cursor: self.cursor(at: result.endOffset, line: from.line + result.lines, file: from.generation),
                          lines: result.lines, restarted: restarted, tornTail: result.tornTail, restartReason: reason)
    }

    /// The `survey` of the first record, when there is one that can be read.
    func firstSurvey() throws -> String? {
        var survey: String?
        try readLines(from: 0) { line, _ in
            survey = JSONParser.parseObject(line)?["survey"]?.stringValue
            return true
        }
        return survey
    }

    /// Every line from the start in up to `parts` parts read at once (see
    /// `InterviewStore.scanAllRecordLines`); a part is at least 32 MB.
    public func scanAllLines(parts: Int,
                             _ body: @Sendable (Int, UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> [RecordScan] {
        let (from, _, _) = continues(.start)
        let size = Platform.fileSize(path) ?? 0
        let wanted = min(max(1, parts), size / ParallelScan.minimumPart)
        let bounds = wanted >= 2 ? try ParallelScan.boundaries(path, from: 0, size: size, parts: wanted) : [0]
        final class Results: @unchecked Sendable {
            var scans: [Result?]
            var failure: (any Error)?
            let lock = Lock()
            init(_ count: Int) { scans = Array(repeating: nil, count: count) }
        }
        let results = Results(bounds.count)
        let path = self.path
        DispatchQueue.concurrentPerform(iterations: bounds.count) { k in
            do {
                let end = k + 1 < bounds.count ? bounds[k + 1] : nil
                let result = try RecordStream(path: path).forEachLine(from: bounds[k], to: end) { line, index in
                    try body(k, line, index)
                }
                results.lock.locked { results.scans[k] = result }
            } catch {
                results.lock.locked { results.failure = error }
            }
        }
        if let failure = results.failure { throw failure }
        var line = 0
        return results.scans.map { result in
            let r = result ?? Result(endOffset: 0, lines: 0, tornTail: false)
            line += r.lines
            return RecordScan(cursor: cursor(at: r.endOffset, line: line, file: from.generation),
                              lines: r.lines, restarted: false, tornTail: r.tornTail)
        }
    }

    /// Each record's id after the cursor (the fast scanner: no record is built).
    public func forEachID(after cursor: RecordCursor, _ body: (String) -> Void) throws -> RecordCursor {
        try forEachSummary(after: cursor, restartedWith: {}) { if let id = $0.id { body(id) } }
    }

    /// Each record's respondent after the cursor; `restartedWith` is called first when
    /// the file was replaced or shrank (what was gathered before no longer holds).
    public func forEachRespondent(after cursor: RecordCursor, restartedWith restart: () -> Void,
                                  _ body: (String) -> Void) throws -> RecordCursor {
        try forEachSummary(after: cursor, restartedWith: restart) { if let r = $0.respondent { body(r) } }
    }

    private func forEachSummary(after cursor: RecordCursor, restartedWith restart: () -> Void,
                                _ body: (RecordSummaryScanner.Summary) -> Void) throws -> RecordCursor {
        let (from, restarted, _) = continues(cursor)
        if restarted { restart() }
        let result = try forEachLine(from: from.position) { line, _ in
            if let summary = RecordSummaryScanner.scan(line, wantID: true) { body(summary) }
        }
        if result.tornTail {
            // A whole record missing only its newline (a crash between the two) is
            // saved; the cursor stays before it, so it is read again once whole.
            let rest = try tail(from: result.endOffset)
            rest.withUnsafeBufferPointer { line in
                if let summary = RecordSummaryScanner.scan(line, wantID: true) { body(summary) }
            }
        }
        return self.cursor(at: result.endOffset, line: from.line + result.lines, file: from.generation)
    }

    /// The bytes from `offset` to the end of the file.
    func tail(from offset: Int) throws -> [UInt8] {
        let fd = try Platform.open(path, create: false, readOnly: true)
        defer { Platform.close(fd) }
        return try Platform.readAt(fd, offset: offset, count: max(0, try Platform.size(fd, path: path) - offset), path: path)
    }

    // MARK: Whole-file scans with line-numbered warnings (tests, recovery checks)

    public struct Scan: Sendable {
        public var records: [JSON] = []
        public var skipped: [SkippedLine] = []
        /// Bytes read, up to the end of the last complete line.
        public var endOffset = 0
    }

    /// Every record from `offset`, a torn last line reported as such (not delivered).
    public func scan(from offset: Int = 0, startLine: Int = 1) throws -> Scan {
        var scan = Scan()
        let result = try forEachLine(from: offset) { line, index in
            if let object = JSONParser.parseObject(line) {
                scan.records.append(object)
            } else if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                scan.skipped.append(SkippedLine(path: path, line: startLine + index, reason: "not a JSON record"))
            }
        }
        scan.endOffset = result.endOffset
        if result.tornTail {
            // A whole record missing only its newline (a crash between the two) counts;
            // anything else there is a torn line.
            let rest = try tail(from: result.endOffset)
            if let object = JSONParser.parseObject(rest[...]) {
                scan.records.append(object)
            } else {
                scan.skipped.append(SkippedLine(path: path, line: startLine + result.lines,
                                                reason: "torn last line (no newline at the end)"))
            }
        }
        return scan
    }
}

/// The name tests and tools used for the whole-file scan.
public typealias RecordReader = RecordStream

/// One record line that could not be read.
public struct SkippedLine: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let reason: String
    public var description: String { "\(path):\(line): warning: \(reason); line skipped" }

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}


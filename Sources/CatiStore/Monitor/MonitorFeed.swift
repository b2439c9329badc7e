#if canImport(Glibc)
import Glibc
#endif
import CatiCore
import Dispatch

/// `interviews.jsonl` read for the supervisor screen: the whole file once (split
/// between processors when it is large), then at each refresh only what was appended
/// since, from the byte offset where the last complete line ended. A last line without
/// its newline (a write in progress, or a crash in the middle of one) is left for the
/// next refresh. A file that was replaced (another inode), that shrank, or whose bytes
/// before the offset changed is read again from the start, and `restarted` says why.
public struct MonitorFeed: Sendable {
    public let path: String
    public private(set) var tally: MonitorTally
    public private(set) var offset = 0
    /// Complete lines that are not records (damaged), since the start of the file.
    public private(set) var skippedLines = 0
    /// True when the file ends in a line without its newline (not counted yet).
    public private(set) var tornTail = false
    /// Why the file was read again from the start at the last refresh, once.
    public private(set) var restarted: String?
    private var identity: FileIdentity?
    /// The bytes just before `offset`, to notice a file rewritten in place.
    private var lastBytes: [UInt8] = []
    private static let checkLength = 64

    public init(path: String, utcOffset: Int = 0) {
        self.path = path
        self.tally = MonitorTally(utcOffset: utcOffset)
    }

    /// Reads what was appended; returns true when something new was counted.
    @discardableResult
    public mutating func refresh() throws -> Bool {
        restarted = nil
        guard let now = Platform.identity(path) else {
            if offset > 0 { reset("interviews.jsonl is gone: the counts start again") }
            tornTail = false
            return restarted != nil
        }
        if offset > 0 {
            if !now.sameFile(as: identity) {
                reset("interviews.jsonl was replaced by another file: read again from the start")
            } else if now.size < offset {
                reset("interviews.jsonl shrank (\(now.size) bytes, \(offset) read): read again from the start")
            } else if !stillEndsWithLastBytes() {
                reset("interviews.jsonl was rewritten: read again from the start")
            }
        }
        identity = now
        let before = tally.records
        guard now.size > offset else { tornTail = false; return restarted != nil }
        let parts = try Self.scan(path, from: offset, size: now.size, utcOffset: tally.utcOffset)
        for part in parts {
            tally.merge(part.tally)
            skippedLines += part.skipped
            offset = part.endOffset
            tornTail = part.tornTail
        }
        rememberLastBytes()
        return tally.records != before || restarted != nil
    }

    private mutating func reset(_ why: String) {
        tally = MonitorTally(utcOffset: tally.utcOffset)
        offset = 0
        skippedLines = 0
        lastBytes = []
        restarted = why
    }

    private mutating func rememberLastBytes() {
        let count = min(Self.checkLength, offset)
        guard count > 0, let fd = try? Platform.open(path, create: false, readOnly: true) else { lastBytes = []; return }
        defer { Platform.close(fd) }
        lastBytes = (try? Platform.readAt(fd, offset: offset - count, count: count, path: path)) ?? []
    }

    private func stillEndsWithLastBytes() -> Bool {
        guard !lastBytes.isEmpty, let fd = try? Platform.open(path, create: false, readOnly: true) else { return true }
        defer { Platform.close(fd) }
        let now = try? Platform.readAt(fd, offset: offset - lastBytes.count, count: lastBytes.count, path: path)
        return now == lastBytes
    }

    struct Part: Sendable {
        var tally: MonitorTally
        var skipped = 0
        var endOffset = 0
        var tornTail = false
        var failure: String?
    }

    /// The lines from `offset` to `size`: in parts of at least 32 MiB read at once, one
    /// per processor (at most 8), or in one part.
    static func scan(_ path: String, from offset: Int, size: Int, utcOffset: Int) throws -> [Part] {
        let processors = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        let wanted = min(processors, (size - offset) / ParallelScan.minimumPart)
        let bounds = wanted >= 2 ? try ParallelScan.boundaries(path, from: offset, size: size, parts: wanted) : [offset]
        if bounds.count == 1 { return [try scanPart(path, from: offset, to: nil, utcOffset: utcOffset)] }
        final class Results: @unchecked Sendable {
            var parts: [Part?]
            init(_ n: Int) { parts = Array(repeating: nil, count: n) }
        }
        let results = Results(bounds.count)
        DispatchQueue.concurrentPerform(iterations: bounds.count) { k in
            let end = k + 1 < bounds.count ? bounds[k + 1] : nil
            let part: Part
            do { part = try scanPart(path, from: bounds[k], to: end, utcOffset: utcOffset) } catch {
                part = Part(tally: MonitorTally(utcOffset: utcOffset), failure: "\(error)")
            }
            results.parts[k] = part  // each iteration writes its own slot
        }
        let parts = results.parts.compactMap { $0 }
        if let failure = parts.lazy.compactMap(\.failure).first { throw MonitorFeedError(description: failure) }
        return parts
    }

    static func scanPart(_ path: String, from offset: Int, to end: Int?, utcOffset: Int) throws -> Part {
        var part = Part(tally: MonitorTally(utcOffset: utcOffset))
        var scanner = MonitorLineScanner()
        let result = try LineStream(path: path).forEachLine(from: offset, to: end) { line, _ in
            if let record = scanner.record(line) {
                part.tally.add(record)
            } else if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                part.skipped += 1
            }
        }
        part.endOffset = result.endOffset
        part.tornTail = result.tornTail
        return part
    }
}

struct MonitorFeedError: Error, CustomStringConvertible {
    let description: String
}

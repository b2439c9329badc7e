import CatiCore
import Dispatch

/// Completes per quota cell (and records per status), read from `interviews.jsonl`
/// and kept up to date by reading only what was appended since the last look. A
/// snapshot (`quota-index.json`, see QuotaIndex) lets a new process start from where
/// the last one stopped; it is checked against the file and rebuilt from the file when
/// missing or stale. A file replaced by another one (another inode), or shorter than
/// what was read, is read again from the start.
public struct CompleteCounts: Sendable {
    public private(set) var counts: [String: [String: Int]] = [:]
    public private(set) var statusCounts: [String: Int] = [:]
    public private(set) var offset = 0
    public private(set) var lines = 0
    /// Complete lines that are not records, every one since the start of the file.
    public private(set) var skipped: [SkippedLine] = []
    /// The last line when it has no newline yet (a crash in the middle of a write, or
    /// a write in progress): not counted, and read again on the next refresh.
    public private(set) var tornTail: SkippedLine?
    /// A last line that is a whole record missing only its newline (a crash between the
    /// record and its newline): counted, never kept in `counts`, read again next time.
    private var tail: RecordSummaryScanner.Summary?
    public let path: String
    let indexPath: String?
    private var loadedSnapshot = false
    /// Where the snapshot this process adopted or wrote ends (0: none).
    private(set) var snapshotOffset = 0
    private var identity: FileIdentity?

    public init(path: String, indexPath: String? = nil) {
        self.path = path
        self.indexPath = indexPath
    }

    public func complete(_ quota: String, _ cell: String) -> Int {
        (counts[quota]?[cell] ?? 0) + (tail?.cells.contains { $0.quota == quota && $0.cell == cell } == true
                                       && tail?.status == InterviewStatus.complete.rawValue ? 1 : 0)
    }

    /// Completes per quota and cell, the record missing only its newline included.
    public var allCounts: [String: [String: Int]] {
        guard let tail, tail.status == InterviewStatus.complete.rawValue else { return counts }
        var out = counts
        for (quota, cell) in tail.cells { out[quota, default: [:]][cell, default: 0] += 1 }
        return out
    }

    public var records: Int { statusCounts.values.reduce(0, +) }

    /// What a reader warns about: the skipped lines, then a torn last line.
    public var warnings: [SkippedLine] { skipped + (tornTail.map { [$0] } ?? []) }

    /// Reads the records appended since the last refresh. A torn tail is left for
    /// next time (it is read once its line is complete).
    public mutating func refresh() throws {
        let now = Platform.identity(path)
        if loadedSnapshot, now?.sameFile(as: identity) == false { reset() }
        if !loadedSnapshot {
            loadedSnapshot = true
            if let indexPath, let snapshot = QuotaIndex.load(indexPath, for: path) { adopt(snapshot) }
        }
        identity = now
        let size = now?.size ?? 0
        if size < offset { reset() }
        tornTail = nil
        tail = nil
        guard size > offset else { return }
        let firstLine = lines
        var lineBase = firstLine
        for part in try ParallelScan.run(path: path, from: offset, size: size) {
            part.tally.fold(into: &counts, &statusCounts)
            skipped += part.skipped.map { SkippedLine(path: path, line: lineBase + $0 + 1, reason: "not a JSON record") }
            lineBase += part.lines
            offset = part.endOffset
            if part.tornTail {
                tornTail = SkippedLine(path: path, line: lineBase + 1, reason: "torn last line (no newline at the end)")
            }
        }
        lines = lineBase
        tail = nil
        // The tail as it is now (the file may have grown since `size` was taken).
        let tailLength = (Platform.fileSize(path) ?? 0) - offset
        if tornTail != nil, tailLength > 0, tailLength < 1 << 20,
           let fd = try? Platform.open(path, create: false, readOnly: true) {
            defer { Platform.close(fd) }
            let bytes = (try? Platform.readAt(fd, offset: offset, count: tailLength, path: path)) ?? []
            tail = bytes.withUnsafeBufferPointer { RecordSummaryScanner.scan($0) }
            if tail != nil { tornTail = nil }
        }
        if indexPath != nil, offset - snapshotOffset >= 8 << 20 { saveSnapshot() }
    }

    /// Writes the snapshot now (after a long scan by `cati quotas`).
    public mutating func saveSnapshot() {
        guard let indexPath, offset != snapshotOffset else { return }
        QuotaIndex(counts: counts, statusCounts: statusCounts, offset: offset, lines: lines,
                   skipped: skipped.map { ($0.line, $0.reason) }).save(indexPath, for: path)
        snapshotOffset = offset
    }

    private mutating func reset() {
        counts = [:]; statusCounts = [:]; offset = 0; lines = 0; skipped = []; snapshotOffset = 0; tornTail = nil
        tail = nil
    }

    private mutating func adopt(_ s: QuotaIndex) {
        counts = s.counts; statusCounts = s.statusCounts; offset = s.offset; lines = s.lines; snapshotOffset = s.offset
        skipped = s.skipped.map { SkippedLine(path: path, line: $0.line, reason: $0.reason) }
    }

}

/// A long read (a first count of a large file) split at line boundaries into parts
/// read at once, one per processor (at most 8); what is appended later is read in one
/// part, in the calling thread.
enum ParallelScan {
    struct Part {
        var tally = RawTally()
        /// 0-based indexes, within the part, of lines that are not records.
        var skipped: [Int] = []
        var lines = 0
        var endOffset = 0
        var tornTail = false
        var failure: (any Error)?
    }

    static let minimumPart = 32 << 20

    static func run(path: String, from offset: Int, size: Int) throws -> [Part] {
        let processors = max(1, min(8, Platform.processors))
        let wanted = min(processors, (size - offset) / minimumPart)
        let bounds = wanted >= 2 ? try boundaries(path, from: offset, size: size, parts: wanted) : [offset]
        if bounds.count == 1 { return [try scan(path, from: offset, to: nil)] }
        final class Results: @unchecked Sendable {
            var parts: [Part]
            init(_ count: Int) { parts = Array(repeating: Part(), count: count) }
        }
        let results = Results(bounds.count)
        results.parts.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedSendable(slots)
            DispatchQueue.concurrentPerform(iterations: bounds.count) { k in
                let end = k + 1 < bounds.count ? bounds[k + 1] : nil
                do {
                    slots.value[k] = try scan(path, from: bounds[k], to: end)
                } catch {
                    slots.value[k].failure = error
                }
            }
        }
        if let failure = results.parts.lazy.compactMap(\.failure).first { throw failure }
        return results.parts
    }

    static func scan(_ path: String, from offset: Int, to end: Int?) throws -> Part {
        var part = Part()
        let result = try RecordStream(path: path).forEachLine(from: offset, to: end) { line, index in
            if !part.tally.add(line), !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { part.skipped.append(index) }
        }
        part.lines = result.lines
        part.endOffset = result.endOffset
        part.tornTail = result.tornTail
        return part
    }

    /// Where each part starts: `offset`, then just after the first newline at or past
    /// each even share of the range.
    static func boundaries(_ path: String, from offset: Int, size: Int, parts: Int) throws -> [Int] {
        let fd = try Platform.open(path, create: false, readOnly: true)
        defer { Platform.close(fd) }
        var bounds = [offset]
        for k in 1..<parts {
            var at = max(offset + (size - offset) * k / parts, bounds[bounds.count - 1])
            var found: Int?
            while found == nil, at < size {
                let window = try Platform.readAt(fd, offset: at, count: min(64 << 10, size - at), path: path)
                if window.isEmpty { break }
                if let nl = window.firstIndex(of: 0x0A) { found = at + nl + 1 } else { at += window.count }
            }
            guard let found, found < size, found > bounds[bounds.count - 1] else { break }
            bounds.append(found)
        }
        return bounds
    }
}

struct UncheckedSendable<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// The records of one refresh, tallied by the raw bytes of their status and cells:
/// no String is made per line, only one per distinct status and cell, when folding.
struct RawTally {
    private var scan = RecordSummaryScanner.RawScan()
    private var statuses = ByteKeys()
    private var statusTally: [Int] = []
    private var statusIsComplete: [Bool] = []
    private var noStatus = 0
    private var cells = ByteKeys()
    private var cellTally: [Int] = []

    /// False when the line is not a record.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard scan.scan(line) else { return false }
        guard let status = scan.status else {
            noStatus += 1
            return true
        }
        let s = statuses.index(line, status, nil)
        if s == statusTally.count {
            statusTally.append(0)
            statusIsComplete.append(RecordSummaryScanner.decode(line, status) == InterviewStatus.complete.rawValue)
        }
        statusTally[s] += 1
        guard statusIsComplete[s] else { return true }
        for k in 0..<scan.cellCount {
            let c = cells.index(line, scan.quotaRange(k), scan.cellRange(k))
            if c == cellTally.count { cellTally.append(0) }
            cellTally[c] += 1
        }
        return true
    }

    func fold(into counts: inout [String: [String: Int]], _ statusCounts: inout [String: Int]) {
        if noStatus > 0 { statusCounts["?", default: 0] += noStatus }
        for (k, n) in statusTally.enumerated() {
            statuses.keys[k].withUnsafeBufferPointer { statusCounts[RecordSummaryScanner.decode($0), default: 0] += n }
        }
        for (k, n) in cellTally.enumerated() {
            let key = cells.keys[k], split = cells.splits[k]
            key.withUnsafeBufferPointer { all in
                let quota = RecordSummaryScanner.decode(UnsafeBufferPointer(rebasing: all[..<split]))
                let cell = RecordSummaryScanner.decode(UnsafeBufferPointer(rebasing: all[split...]))
                counts[quota, default: [:]][cell, default: 0] += n
            }
        }
    }
}

/// Numbers for distinct byte strings (one or two parts), found by an FNV-1a hash of
/// the bytes in an open-addressing table (no String, no allocation once seen).
struct ByteKeys {
    private(set) var keys: [[UInt8]] = []
    private(set) var splits: [Int] = []
    private var hashes: [UInt64] = []
    /// Entry number + 1 per slot, 0 when free; a power of two at most half full.
    private var slots = [Int32](repeating: 0, count: 64)

    /// The number of `line[a]` (followed by `line[b]`), a new one if not seen yet.
    mutating func index(_ line: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>?) -> Int {
        let base = line.baseAddress!
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in a { h = (h ^ UInt64(base[i])) &* 0x100_0000_01b3 }
        if let b {
            h = (h ^ 0xFF) &* 0x100_0000_01b3
            for i in b { h = (h ^ UInt64(base[i])) &* 0x100_0000_01b3 }
        }
        let total = a.count + (b?.count ?? 0)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            if hashes[k] == h, keys[k].count == total, splits[k] == a.count {
                let same = total == 0 || keys[k].withUnsafeBufferPointer { key in
                    Platform.sameBytes(key.baseAddress!, base + a.lowerBound, count: a.count)
                        && (b.map { Platform.sameBytes(key.baseAddress! + a.count, base + $0.lowerBound, count: $0.count) } ?? true)
                }
                if same { return k }
            }
            slot = (slot + 1) & mask
        }
        var key = Array(UnsafeBufferPointer(rebasing: line[a]))
        if let b { key.append(contentsOf: UnsafeBufferPointer(rebasing: line[b])) }
        keys.append(key)
        splits.append(a.count)
        hashes.append(h)
        slots[slot] = Int32(keys.count)
        if keys.count * 2 > slots.count { grow() }
        return keys.count - 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (k, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(k + 1)
        }
    }
}

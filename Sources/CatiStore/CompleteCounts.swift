import CatiCore

/// Completes per quota cell (and records per status), read from `interviews.jsonl`
/// and kept up to date by reading only what was appended since the last look. A
/// snapshot (`quota-index.json`, see docs/data-folder.md) lets a new process start
/// from where the last one stopped; it is checked against the file's bytes and
/// rebuilt from the file when missing or stale.
public struct CompleteCounts: Sendable {
    public private(set) var counts: [String: [String: Int]] = [:]
    public private(set) var statusCounts: [String: Int] = [:]
    public private(set) var offset = 0
    public private(set) var lines = 0
    public private(set) var skipped: [SkippedLine] = []
    public let path: String
    let indexPath: String?
    private var loadedSnapshot = false
    private var snapshotOffset = 0

    public init(path: String, indexPath: String? = nil) {
        self.path = path
        self.indexPath = indexPath
    }

    public func complete(_ quota: String, _ cell: String) -> Int { counts[quota]?[cell] ?? 0 }

    public var records: Int { statusCounts.values.reduce(0, +) }

    /// Reads the records appended since the last refresh. A torn tail is left for
    /// next time (it is read once its line is complete).
    public mutating func refresh() throws {
        if !loadedSnapshot {
            loadedSnapshot = true
            if let indexPath, let snapshot = QuotaIndex.load(indexPath, for: path) { adopt(snapshot) }
        }
        let size = Platform.fileSize(path) ?? 0
        if size < offset { reset() }
        guard size > offset else { return }
        var fresh: [SkippedLine] = []
        let firstLine = lines
        let result = try LineStream(path: path).forEachLine(from: offset) { line, index in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return }
            guard let summary = RecordSummaryScanner.scan(line) else {
                fresh.append(SkippedLine(path: path, line: firstLine + index + 1, reason: "not a JSON record"))
                return
            }
            add(summary)
        }
        skipped += fresh
        lines += result.lines
        offset = result.endOffset
        if let indexPath, offset - snapshotOffset >= 8 << 20 {
            QuotaIndex(counts: counts, statusCounts: statusCounts, offset: offset, lines: lines).save(indexPath, for: path)
            snapshotOffset = offset
        }
    }

    /// Writes the snapshot now (after a long scan by `cati quotas`).
    public mutating func saveSnapshot() {
        guard let indexPath, offset != snapshotOffset else { return }
        QuotaIndex(counts: counts, statusCounts: statusCounts, offset: offset, lines: lines).save(indexPath, for: path)
        snapshotOffset = offset
    }

    private mutating func reset() {
        counts = [:]; statusCounts = [:]; offset = 0; lines = 0; skipped = []; snapshotOffset = 0
    }

    private mutating func adopt(_ s: QuotaIndex) {
        counts = s.counts; statusCounts = s.statusCounts; offset = s.offset; lines = s.lines; snapshotOffset = s.offset
    }

    mutating func add(_ summary: RecordSummaryScanner.Summary) {
        let status = summary.status ?? "?"
        statusCounts[status, default: 0] += 1
        guard status == InterviewStatus.complete.rawValue else { return }
        for (quota, cell) in summary.cells { counts[quota, default: [:]][cell, default: 0] += 1 }
    }
}

import CatiCore

/// Completes per quota cell, read from `interviews.jsonl` and kept up to date by
/// reading only what was appended since the last look.
public struct CompleteCounts: Sendable {
    public private(set) var counts: [String: [String: Int]] = [:]
    public private(set) var statusCounts: [String: Int] = [:]
    public private(set) var offset = 0
    public private(set) var lines = 1
    public private(set) var skipped: [SkippedLine] = []
    let reader: RecordReader

    public init(path: String) {
        reader = RecordReader(path: path)
    }

    public func complete(_ quota: String, _ cell: String) -> Int { counts[quota]?[cell] ?? 0 }

    /// Reads the records appended since the last refresh (never a torn tail: it is read
    /// again next time, once its line is complete).
    public mutating func refresh() throws {
        let size = Platform.fileSize(reader.path) ?? 0
        if size < offset { self = CompleteCounts(path: reader.path) }
        guard size > offset else { return }
        let scan = try reader.scan(from: offset, startLine: lines)
        for record in scan.records { add(record) }
        let newLines = scan.records.count + scan.skipped.filter { !$0.reason.hasPrefix("torn") }.count
        skipped += scan.skipped.filter { !$0.reason.hasPrefix("torn") }
        lines += newLines
        offset = scan.endOffset
    }

    mutating func add(_ record: JSON) {
        let status = record["status"]?.stringValue ?? "?"
        statusCounts[status, default: 0] += 1
        guard status == InterviewStatus.complete.rawValue else { return }
        for (quota, cell) in record["quota_cells"]?.objectMembers ?? [] {
            if let label = cell.stringValue { counts[quota, default: [:]][label, default: 0] += 1 }
        }
    }
}

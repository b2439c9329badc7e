import CatiCore

/// Streams a store's records into an export, one record line at a time through
/// `scanRecordLines` (memory stays bounded whatever the number of records): each record whose status is
/// wanted becomes a row (or, for JSONL, is copied byte for byte). Output is handed to
/// `sink` in blocks of about a megabyte.
public struct RecordExport {
    public enum Output {
        case rows(DelimitedRowWriter)
        case jsonl
    }

    public let store: any InterviewStore
    /// The statuses to keep (their JSON string bytes); nil keeps every record.
    public let statuses: [[UInt8]]?
    public let layout: ExportLayout

    public struct Summary: Sendable {
        public var exported = 0
        public var otherStatus = 0
        public var skipped: [SkippedLine] = []
    }

    /// Rewrites each record line before it is exported (`--pseudonymise`,
    /// `--include-personal`: docs/privacy.md); nil exports the lines as stored.
    public var rewrite: (@Sendable (UnsafeBufferPointer<UInt8>) -> [UInt8]?)?

    public init(store: any InterviewStore, layout: ExportLayout, statuses: [String]?) {
        self.store = store
        self.layout = layout
        self.statuses = statuses.map { $0.map { Array($0.utf8) } }
    }

    /// Runs the export; `output` comes back with the widths its writer measured.
    public func run(_ output: inout Output, header: [UInt8] = [],
                    sink: ([UInt8]) throws -> Void) throws -> Summary {
        var summary = Summary()
        var out: [UInt8] = header
        out.reserveCapacity(1 << 21)
        if case .rows(var writer) = output {
            writer.writeHeader(into: &out)
            output = .rows(writer)
        }
        let scanner = RecordRowScanner(layout: layout)
        var row = RecordRow(layout: layout)
        let path = store.recordsName
        var index = 0
        func process(_ line: UnsafeBufferPointer<UInt8>) throws {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return }
            guard scanner.scan(line, into: &row) else {
                summary.skipped.append(SkippedLine(path: path, line: index + 1, reason: "not a JSON record"))
                return
            }
            if let statuses {
                let status = row.fields[RecordRow.statusField]
                let wanted = status.kind == .string && statuses.contains { name in
                    name.count == status.end - status.start && name.withUnsafeBufferPointer { n in
                        (0..<n.count).allSatisfy { n[$0] == line[status.start + $0] }
                    }
                }
                guard wanted else { summary.otherStatus += 1; return }
            }
            summary.exported += 1
            switch output {
            case .jsonl:
                out.append(contentsOf: line)
                out.append(0x0A)
            case .rows(var writer):
                output = .jsonl   // the writer is moved out while it writes (no copy of its buffers)
                writer.writeRow(row, line: line, into: &out)
                output = .rows(writer)
            }
            if out.count >= 1 << 20 {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        let result = try store.scanRecordLines(after: RecordCursor()) { stored in
            defer { index += 1 }
            let rewritten = rewrite.flatMap { $0(stored) }
            if let rewritten {
                try rewritten.withUnsafeBufferPointer { try process($0) }
            } else {
                try process(stored)
            }
        }
        if result.tornTail {
            summary.skipped.append(SkippedLine(path: path, line: result.lines + 1,
                                               reason: "torn last line (no newline at the end)"))
        }
        if !out.isEmpty { try sink(out) }
        return summary
    }
}

import CatiCore

/// The records read for the supervisor screen, through the store: the whole stream
/// once (in parts on as many cores when the store can split it), then at each refresh
/// only what came after the cursor. A last record still being written is left for the
/// next refresh. A store replaced, shrunk or rewritten is read again from the start,
/// and `restarted` says why.
public struct MonitorFeed: Sendable {
    public let store: any InterviewStore
    public private(set) var tally: MonitorTally
    public private(set) var cursor = RecordCursor.start
    /// Lines that are not records (damaged), since the start.
    public private(set) var skippedLines = 0
    /// True when the stream ends in a record not yet whole (not counted yet).
    public private(set) var tornTail = false
    /// Why the records were read again from the start at the last refresh, once.
    public private(set) var restarted: String?

    public init(store: any InterviewStore, utcOffset: Int = 0) {
        self.store = store
        self.tally = MonitorTally(utcOffset: utcOffset)
    }

    /// Reads what came since the last refresh; true when something new was counted.
    @discardableResult
    public mutating func refresh() throws -> Bool {
        restarted = nil
        let before = tally.records
        if cursor == .start {
            try readWhole()
        } else {
            var part = Part(utcOffset: tally.utcOffset)
            let scan = try store.scanRecordLines(after: cursor) { part.add($0) }
            if scan.restarted {
                tally = MonitorTally(utcOffset: tally.utcOffset)
                skippedLines = 0
                restarted = scan.restartReason ?? "the records were replaced: read again from the start"
            }
            tally.merge(part.tally)
            skippedLines += part.skipped
            cursor = scan.cursor
            tornTail = scan.tornTail
        }
        return tally.records != before || restarted != nil
    }

    private mutating func readWhole() throws {
        final class Slot: @unchecked Sendable {
            var part: Part
            init(_ utcOffset: Int) { part = Part(utcOffset: utcOffset) }
        }
        let utcOffset = tally.utcOffset
        let slots = (0..<8).map { _ in Slot(utcOffset) }
        // Each part is read by one thread into its own tally; the tallies add up.
        let scans = try store.scanAllRecordLines(parts: 8) { k, line, _ in slots[k].part.add(line) }
        for (k, scan) in scans.enumerated() {
            tally.merge(slots[k].part.tally)
            skippedLines += slots[k].part.skipped
            cursor = scan.cursor
            tornTail = scan.tornTail
        }
    }

    struct Part: Sendable {
        var tally: MonitorTally
        var scanner = MonitorLineScanner()
        var skipped = 0

        init(utcOffset: Int) { tally = MonitorTally(utcOffset: utcOffset) }

        mutating func add(_ line: UnsafeBufferPointer<UInt8>) {
            if let record = scanner.record(line) {
                tally.add(record)
            } else if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                skipped += 1
            }
        }
    }
}

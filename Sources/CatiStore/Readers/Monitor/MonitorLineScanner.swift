import CatiCore

/// Reads what the supervisor screen needs from one record line — the top-level
/// `interviewer`, `status`, `started`, `finished` and `quota_cells` — in one pass over
/// the bytes, skipping answers and paradata 8 bytes at a time (`JSONSkip`), as
/// `RecordSummaryScanner` does for quota counts. The same interviewer, status or cell
/// seen again costs no new String: their bytes are looked up (`ByteKeys`).
struct MonitorLineScanner {
    private var names = ByteKeys()
    private var nameStrings: [String] = []
    private var nameKinds: [InterviewStatus?] = []
    private var cellKeys = ByteKeys()
    private var cellNames: [QuotaCellName] = []
    private var cellBounds: [Int] = []

    init() { cellBounds.reserveCapacity(16) }

    /// nil when the line is not a well-formed object with a status (torn or damaged).
    mutating func record(_ line: UnsafeBufferPointer<UInt8>) -> MonitorRecord? {
        guard let p = line.baseAddress else { return nil }
        let n = line.count
        var interviewer: Range<Int>?, status: Range<Int>?, started: Range<Int>?, finished: Range<Int>?
        cellBounds.removeAll(keepingCapacity: true)
        var i = 0
        @inline(__always) func skipSpace() { JSONSkip.skipSpace(p, &i, n) }
        @inline(__always) func readString() -> Range<Int>? { JSONSkip.readString(p, &i, n) }
        @inline(__always) func equals(_ r: Range<Int>, _ word: StaticString) -> Bool { JSONSkip.equals(p, r, word) }
        skipSpace()
        guard i < n, p[i] == 0x7B else { return nil }
        i += 1
        skipSpace()
        if i < n, p[i] == 0x7D { return nil }
        while true {
            skipSpace()
            guard let key = readString() else { return nil }
            skipSpace()
            guard i < n, p[i] == 0x3A else { return nil }
            i += 1
            skipSpace()
            guard i < n else { return nil }
            if p[i] == 0x22 {
                guard let value = readString() else { return nil }
                switch key.count {
                case 6 where equals(key, "status"): status = value
                case 7 where equals(key, "started"): started = value
                case 8 where equals(key, "finished"): finished = value
                case 11 where equals(key, "interviewer"): interviewer = value
                default: break
                }
            } else if p[i] == 0x7B, equals(key, "quota_cells") {
                i += 1
                skipSpace()
                if i < n, p[i] == 0x7D { i += 1 } else {
                    while true {
                        skipSpace()
                        guard let q = readString() else { return nil }
                        skipSpace()
                        guard i < n, p[i] == 0x3A else { return nil }
                        i += 1
                        skipSpace()
                        guard i < n else { return nil }
                        if p[i] == 0x22 {
                            guard let cell = readString() else { return nil }
                            cellBounds += [q.lowerBound, q.upperBound, cell.lowerBound, cell.upperBound]
                        } else {
                            guard let end = RecordSummaryScanner.RawScan.skipValue(p, i, n) else { return nil }
                            i = end
                        }
                        skipSpace()
                        guard i < n else { return nil }
                        if p[i] == 0x2C { i += 1; continue }
                        if p[i] == 0x7D { i += 1; break }
                        return nil
                    }
                }
            } else {
                guard let end = RecordSummaryScanner.RawScan.skipValue(p, i, n) else { return nil }
                i = end
            }
            skipSpace()
            guard i < n else { return nil }
            if p[i] == 0x2C { i += 1; continue }
            if p[i] == 0x7D { i += 1; break }
            return nil
        }
        skipSpace()
        guard i == n, let status else { return nil }
        var cells: [QuotaCellName] = []
        if !cellBounds.isEmpty {
            cells.reserveCapacity(cellBounds.count / 4)
            for k in stride(from: 0, to: cellBounds.count, by: 4) {
                let c = cellKeys.index(line, cellBounds[k]..<cellBounds[k + 1], cellBounds[k + 2]..<cellBounds[k + 3])
                if c == cellNames.count {
                    cellNames.append(QuotaCellName(quota: RecordSummaryScanner.decode(line, cellBounds[k]..<cellBounds[k + 1]),
                                                   cell: RecordSummaryScanner.decode(line, cellBounds[k + 2]..<cellBounds[k + 3])))
                }
                cells.append(cellNames[c])
            }
        }
        let statusName = name(line, status)
        let kind = lastKind
        return MonitorRecord(interviewer: interviewer.map { name(line, $0) } ?? "?", status: statusName,
                             started: started.flatMap { Timestamp.parse(utf8: UnsafeBufferPointer(rebasing: line[$0])) },
                             finished: finished.flatMap { Timestamp.parse(utf8: UnsafeBufferPointer(rebasing: line[$0])) },
                             cells: cells, kind: .some(kind))
    }

    /// The status of the last name looked up (nil: not one of data.md's).
    private var lastKind: InterviewStatus?

    private mutating func name(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        let k = names.index(line, r, nil)
        if k == nameStrings.count {
            nameStrings.append(RecordSummaryScanner.decode(line, r))
            nameKinds.append(InterviewStatus(rawValue: nameStrings[k]))
        }
        lastKind = nameKinds[k]
        return nameStrings[k]
    }
}

import CatiCore
import Dispatch

/// Reads `interviews.jsonl` for `cati report` in one streaming pass: each line's
/// top-level `status` and `version` and, for a complete interview, the answers the
/// report's plan asks for, straight from the bytes (no record is built; nested values
/// it does not need are skipped 8 bytes at a time). Memory does not grow with the file.
public enum ReportReader {
    public struct Result: Sendable {
        public var lines = 0
        public var skipped: [SkippedLine] = []
        /// Bytes after the last newline (a torn last line, or a write in progress).
        public var tornTail = false
    }

    /// Reads every record of the store into `tally`, the parts of a large store on as
    /// many cores (each part into a tally of its own, added up at the end: every count
    /// in them is a sum).
    public static func read(_ store: any InterviewStore, into tally: inout ReportTally) throws -> Result {
        final class Part: @unchecked Sendable {
            var tally: ReportTally
            var values: RecordValues
            var line: LineParser
            var skipped: [Int] = []
            init(_ plan: ReportPlan) {
                tally = ReportTally(plan: plan)
                values = RecordValues(slots: plan.slotNames.count)
                line = LineParser(table: SlotTable(plan.slotNames), sha256: plan.questionnaire.sha256)
            }
            func add(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) {
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return }
                values.reset()
                guard let base = bytes.baseAddress, let status = line.parse(base, bytes.count, &values) else {
                    skipped.append(index)
                    return
                }
                tally.add(status: status, values)
            }
        }
        let plan = tally.plan
        let parts = (0..<8).map { _ in Part(plan) }
        let scans = try store.scanAllRecordLines(parts: min(8, Platform.processors)) { k, bytes, index in
            parts[k].add(bytes, index)
        }
        var result = Result()
        for (k, scan) in scans.enumerated() {
            tally.merge(parts[k].tally)
            for index in parts[k].skipped {
                result.skipped.append(SkippedLine(path: store.recordsName, line: result.lines + index + 1,
                                                  reason: "not a JSON record"))
            }
            result.lines += scan.lines
        }
        result.tornTail = scans.last?.tornTail ?? false
        if result.tornTail {
            result.skipped.append(SkippedLine(path: store.recordsName, line: result.lines + 1,
                                              reason: "torn last line (no newline at the end)"))
        }
        return result
    }
}

/// Variable names to slots, looked up by the bytes of a key without making a String:
/// FNV-1a hash, open addressing, the bytes compared on a hit.
struct SlotTable {
    private var keys: [[UInt8]] = []
    private var table: [Int32]
    private let mask: Int

    init(_ names: [String]) {
        var size = 16
        while size < names.count * 4 { size *= 2 }
        table = Array(repeating: -1, count: size)
        mask = size - 1
        for (slot, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            keys.append(bytes)
            var h = bytes.withUnsafeBufferPointer { Self.hash($0.baseAddress!, $0.count) } & mask
            while table[h] >= 0 { h = (h + 1) & mask }
            table[h] = Int32(slot)
        }
    }

    @inline(__always) static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h >> 1)
    }

    @inline(__always) func slot(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var h = Self.hash(p, n) & mask
        while true {
            let s = Int(table[h])
            if s < 0 { return nil }
            let key = keys[s]
            if key.count == n, key.withUnsafeBufferPointer({ Platform.sameBytes($0.baseAddress!, p, count: n) }) { return s }
            h = (h + 1) & mask
        }
    }
}

/// One record line: its status (nil for a line that is not a well-formed object) and
/// the plan's answers into `values`.
struct LineParser {
    let table: SlotTable
    /// The reported questionnaire's SHA-256 (lowercase hex), to compare records' with.
    let sha256: [UInt8]
    private var p: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    private var n = 0
    private var i = 0

    init(table: SlotTable, sha256: String) {
        self.table = table
        self.sha256 = Array(sha256.utf8)
    }

    @inline(__always) private mutating func skipSpace() { JSONSkip.skipSpace(p, &i, n) }

    @inline(__always) private mutating func readString() -> Range<Int>? { JSONSkip.readString(p, &i, n) }

    @inline(__always) private func equals(_ r: Range<Int>, _ word: StaticString) -> Bool { JSONSkip.equals(p, r, word) }

    mutating func parse(_ base: UnsafePointer<UInt8>, _ count: Int, _ values: inout RecordValues) -> String? {
        p = base
        n = count
        i = 0
        var status: String?
        var answersParsed = false
        skipSpace()
        guard i < n, p[i] == 0x7B else { return nil }
        i += 1
        skipSpace()
        if i < n, p[i] == 0x7D { return "" }
        while true {
            skipSpace()
            guard let key = readString() else { return nil }
            skipSpace()
            guard i < n, p[i] == 0x3A else { return nil }
            i += 1
            skipSpace()
            guard i < n else { return nil }
            if equals(key, "status"), p[i] == 0x22 {
                guard let r = readString() else { return nil }
                status = equals(r, "complete") ? "complete" : RecordSummaryScanner.decode(UnsafeBufferPointer(start: p, count: n), r)
            } else if equals(key, "version"), p[i] == 0x2D || (p[i] >= 0x30 && p[i] <= 0x39) {
                let start = i
                guard let end = RecordSummaryScanner.RawScan.skipValue(p, i, n) else { return nil }
                i = end
                values.version = Int(String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self))
            } else if equals(key, "questionnaire_sha256"), p[i] == 0x22 {
                guard let r = readString() else { return nil }
                values.otherFile = r.count != sha256.count
                    || sha256.withUnsafeBufferPointer { !Platform.sameBytes($0.baseAddress!, p + r.lowerBound, count: r.count) }
            } else if equals(key, "answers"), p[i] == 0x7B, status == nil || status == "complete" {
                guard answers(&values) else { return nil }
                answersParsed = true
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
        guard i == n else { return nil }
        if status != "complete", answersParsed { values.reset() }
        return status ?? ""
    }

    /// At `{` of `answers`: every member whose name is a slot.
    private mutating func answers(_ values: inout RecordValues) -> Bool {
        i += 1
        skipSpace()
        if i < n, p[i] == 0x7D { i += 1; return true }
        while true {
            skipSpace()
            guard let key = readString() else { return false }
            skipSpace()
            guard i < n, p[i] == 0x3A else { return false }
            i += 1
            skipSpace()
            guard i < n else { return false }
            if let slot = table.slot(p + key.lowerBound, key.count) {
                guard value(slot, &values) else { return false }
            } else {
                guard let end = RecordSummaryScanner.RawScan.skipValue(p, i, n) else { return false }
                i = end
            }
            skipSpace()
            guard i < n else { return false }
            if p[i] == 0x2C { i += 1; continue }
            if p[i] == 0x7D { i += 1; return true }
            return false
        }
    }

    private mutating func value(_ slot: Int, _ values: inout RecordValues) -> Bool {
        let c = p[i]
        if c == 0x2D || (c >= 0x30 && c <= 0x39) {
            guard let x = number() else { return false }
            values.state[slot] = .value
            values.value[slot] = x
            return true
        }
        if c == 0x5B {
            i += 1
            values.state[slot] = .value
            while true {
                skipSpace()
                guard i < n else { return false }
                if p[i] == 0x5D { i += 1; return true }
                guard let x = number() else { return false }
                if x == x.rounded(), abs(x) < 1e15 { values.codes[slot].append(Int(x)) }
                skipSpace()
                guard i < n else { return false }
                if p[i] == 0x2C { i += 1 }
            }
        }
        if c == 0x7B {
            let start = i
            guard let end = RecordSummaryScanner.RawScan.skipValue(p, i, n) else { return false }
            // {"missing":"dk"} or {"missing":"refused"}
            i = start + 1
            skipSpace()
            if let k = readString(), equals(k, "missing") {
                skipSpace()
                if i < n, p[i] == 0x3A {
                    i += 1
                    skipSpace()
                    if let v = readString() {
                        if equals(v, "dk") { values.state[slot] = .dk } else if equals(v, "refused") { values.state[slot] = .refused }
                    }
                }
            }
            i = end
            return true
        }
        guard let end = RecordSummaryScanner.RawScan.skipValue(p, i, n) else { return false }
        i = end
        return true
    }

    /// A JSON number: integers read digit by digit, others through Double's parser.
    private mutating func number() -> Double? {
        let start = i
        var negative = false
        if p[i] == 0x2D { negative = true; i += 1 }
        var whole = 0
        var digits = 0
        while i < n, p[i] >= 0x30, p[i] <= 0x39, digits < 18 {
            whole = whole * 10 + Int(p[i] - 0x30)
            i += 1
            digits += 1
        }
        if digits > 0, i < n, p[i] != 0x2E, p[i] != 0x65, p[i] != 0x45, !(p[i] >= 0x30 && p[i] <= 0x39) {
            return Double(negative ? -whole : whole)
        }
        guard let end = RecordSummaryScanner.RawScan.skipValue(p, start, n) else { return nil }
        i = end
        return Double(String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self))
    }
}

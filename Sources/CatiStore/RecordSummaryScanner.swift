#if canImport(Glibc)
import Glibc
#endif
import CatiCore

/// Reads only what quota counting needs from a record line — the top-level `status`
/// and the members of the top-level `quota_cells` object — in one pass over the bytes,
/// without building the record. Strings are skipped with their escapes, so a `status`
/// key inside `answers` or inside a text never counts.
///
/// `RawScan` is the allocation-free form that CompleteCounts uses: it leaves byte
/// ranges of the line (still escaped) in reusable storage; `scan` gives Strings.
public enum RecordSummaryScanner {
    public struct Summary: Equatable, Sendable {
        public var id: String?
        public var status: String?
        public var cells: [(quota: String, cell: String)] = []

        public static func == (a: Summary, b: Summary) -> Bool {
            a.status == b.status && a.id == b.id && a.cells.map(\.quota) == b.cells.map(\.quota)
                && a.cells.map(\.cell) == b.cells.map(\.cell)
        }
    }

    /// nil when the line is not a well-formed object (torn or damaged).
    public static func scan(_ line: UnsafeBufferPointer<UInt8>, wantID: Bool = false) -> Summary? {
        var raw = RawScan()
        guard raw.scan(line, wantID: wantID) else { return nil }
        var summary = Summary()
        summary.status = raw.status.map { decode(line, $0) }
        summary.id = raw.id.map { decode(line, $0) }
        for k in 0..<raw.cellCount {
            summary.cells.append((decode(line, raw.quotaRange(k)), decode(line, raw.cellRange(k))))
        }
        return summary
    }

    /// The text of a string's raw bytes (between its quotes), escapes resolved.
    static func decode(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        decode(UnsafeBufferPointer(rebasing: line[r]))
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !bytes.contains(0x5C) { return String(decoding: bytes, as: UTF8.self) }
        var quoted: [UInt8] = [0x22]
        quoted.append(contentsOf: bytes)
        quoted.append(0x22)
        return JSONParser.parse(quoted)?.stringValue ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Byte classes for skipping: 1 quote, 2 `{`/`[`, 3 `}`/`]`, 4 backslash.
    static let classes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        t[0x22] = 1; t[0x7B] = 2; t[0x5B] = 2; t[0x7D] = 3; t[0x5D] = 3; t[0x5C] = 4
        return t
    }()

    /// One line's `status`, `id` and `quota_cells` as byte ranges. Reuse one value for
    /// many lines: its storage is kept.
    public struct RawScan {
        public private(set) var status: Range<Int>?
        public private(set) var id: Range<Int>?
        /// quota start, quota end, cell start, cell end; per cell.
        private var bounds: [Int] = []

        public init() { bounds.reserveCapacity(32) }

        public var cellCount: Int { bounds.count / 4 }
        public func quotaRange(_ k: Int) -> Range<Int> { bounds[4 * k]..<bounds[4 * k + 1] }
        public func cellRange(_ k: Int) -> Range<Int> { bounds[4 * k + 2]..<bounds[4 * k + 3] }

        /// False when the line is not a well-formed object.
        public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, wantID: Bool = false) -> Bool {
            status = nil
            id = nil
            bounds.removeAll(keepingCapacity: true)
            guard let base = line.baseAddress else { return false }
            return RecordSummaryScanner.classes.withUnsafeBufferPointer { table in
                parse(base, line.count, table.baseAddress!, wantID)
            }
        }

        private mutating func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ table: UnsafePointer<UInt8>, _ wantID: Bool)
            -> Bool
        {
            var i = 0
            @inline(__always) func skipSpace() {
                while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D { i += 1 }
            }
            /// At an opening quote: moves past the closing one; the raw contents' range.
            @inline(__always) func readString() -> Range<Int>? {
                guard i < n, p[i] == 0x22 else { return nil }
                let start = i + 1
                guard let end = Self.stringEnd(p, start, n, table) else { return nil }
                i = end + 1
                return start..<end
            }
            @inline(__always) func equals(_ r: Range<Int>, _ word: StaticString) -> Bool {
                r.count == word.utf8CodeUnitCount && memcmp(p + r.lowerBound, word.utf8Start, r.count) == 0
            }

            skipSpace()
            guard i < n, p[i] == 0x7B else { return false }
            i += 1
            skipSpace()
            if i < n, p[i] == 0x7D {
                i += 1
                skipSpace()
                return i == n
            }
            while true {
                skipSpace()
                guard let key = readString() else { return false }
                skipSpace()
                guard i < n, p[i] == 0x3A else { return false }
                i += 1
                skipSpace()
                guard i < n else { return false }
                let c = p[i]
                if c == 0x22 {
                    guard let value = readString() else { return false }
                    if equals(key, "status") { status = value } else if wantID, equals(key, "id") { id = value }
                } else if c == 0x7B, equals(key, "quota_cells") {
                    i += 1
                    skipSpace()
                    if i < n, p[i] == 0x7D {
                        i += 1
                    } else {
                        while true {
                            skipSpace()
                            guard let q = readString() else { return false }
                            skipSpace()
                            guard i < n, p[i] == 0x3A else { return false }
                            i += 1
                            skipSpace()
                            guard i < n else { return false }
                            if p[i] == 0x22 {
                                guard let cell = readString() else { return false }
                                bounds.append(q.lowerBound); bounds.append(q.upperBound)
                                bounds.append(cell.lowerBound); bounds.append(cell.upperBound)
                            } else {
                                guard let end = Self.skipValue(p, i, n, table) else { return false }
                                i = end
                            }
                            skipSpace()
                            guard i < n else { return false }
                            if p[i] == 0x2C { i += 1; continue }
                            if p[i] == 0x7D { i += 1; break }
                            return false
                        }
                    }
                } else {
                    guard let end = Self.skipValue(p, i, n, table) else { return false }
                    i = end
                }
                skipSpace()
                guard i < n else { return false }
                if p[i] == 0x2C { i += 1; continue }
                if p[i] == 0x7D { i += 1; break }
                return false
            }
            skipSpace()
            return i == n
        }

        /// The index of the closing quote of a string whose contents start at `i`.
        @inline(__always)
        static func stringEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ table: UnsafePointer<UInt8>) -> Int? {
            var i = start
            while i < n {
                let k = table[Int(p[i])]
                if k == 1 { return i }
                i += k == 4 ? 2 : 1
            }
            return nil
        }

        /// Past the value starting at `i` (object, array, string, number, literal).
        static func skipValue(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ table: UnsafePointer<UInt8>) -> Int? {
            var i = start
            switch p[i] {
            case 0x22:
                guard let end = stringEnd(p, i + 1, n, table) else { return nil }
                return end + 1
            case 0x7B, 0x5B:
                var depth = 0
                while i < n {
                    switch table[Int(p[i])] {
                    case 0:
                        i += 1
                    case 1:
                        guard let end = stringEnd(p, i + 1, n, table) else { return nil }
                        i = end + 1
                    case 2:
                        depth += 1
                        i += 1
                    case 3:
                        depth -= 1
                        i += 1
                        if depth == 0 { return i }
                    default:
                        return nil  // a backslash outside a string
                    }
                }
                return nil
            default:
                while i < n {
                    let c = p[i]
                    if c == 0x2C || c == 0x7D || c == 0x5D || c == 0x20 || c == 0x09 || c == 0x0D || c == 0x3A
                        || c == 0x22 || c == 0x7B || c == 0x5B { break }
                    i += 1
                }
                return i > start ? i : nil
            }
        }
    }
}

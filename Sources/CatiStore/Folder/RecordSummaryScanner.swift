import CatiCore

/// Reads only what quota counting needs from a record line — the top-level `status`
/// and the members of the top-level `quota_cells` object — in one pass over the bytes,
/// without building the record. Strings are skipped with their escapes, so a `status`
/// key inside `answers` or inside a text never counts.
///
/// `RawScan` is the allocation-free form that CompleteCounts uses: it leaves byte
/// ranges of the line (still escaped) in reusable storage; `scan` gives Strings.
/// Strings and nested values are skipped with `JSONSkip` (below), 8 bytes at a time.
public enum RecordSummaryScanner {
    public struct Summary: Equatable, Sendable {
        public var id: String?
        public var respondent: String?
        public var status: String?
        public var cells: [(quota: String, cell: String)] = []

        public static func == (a: Summary, b: Summary) -> Bool {
            a.status == b.status && a.id == b.id && a.respondent == b.respondent && a.cells.map(\.quota) == b.cells.map(\.quota)
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
        summary.respondent = raw.respondent.map { decode(line, $0) }
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

    /// One line's `status`, `id` and `quota_cells` as byte ranges. Reuse one value for
    /// many lines: its storage is kept.
    public struct RawScan {
        public private(set) var status: Range<Int>?
        public private(set) var id: Range<Int>?
        /// With `wantID`: the respondent's id, when it is a string.
        public private(set) var respondent: Range<Int>?
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
            respondent = nil
            bounds.removeAll(keepingCapacity: true)
            guard let base = line.baseAddress else { return false }
            return parse(base, line.count, wantID)
        }

        private mutating func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ wantID: Bool) -> Bool {
            var i = 0
            @inline(__always) func skipSpace() { JSONSkip.skipSpace(p, &i, n) }
            @inline(__always) func readString() -> Range<Int>? { JSONSkip.readString(p, &i, n) }
            @inline(__always) func equals(_ r: Range<Int>, _ word: StaticString) -> Bool { JSONSkip.equals(p, r, word) }

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
                    if equals(key, "status") {
                        status = value
                    } else if wantID, equals(key, "id") {
                        id = value
                    } else if wantID, equals(key, "respondent") {
                        respondent = value
                    }
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
                                guard let end = Self.skipValue(p, i, n) else { return false }
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
                    guard let end = Self.skipValue(p, i, n) else { return false }
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

        /// Past the value starting at `i` (object, array, string, number, literal).
        static func skipValue(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int? {
            var i = start
            switch p[i] {
            case 0x22:
                guard let end = JSONSkip.stringEnd(p, i + 1, n) else { return nil }
                return end + 1
            case 0x7B, 0x5B:
                return JSONSkip.compositeEnd(p, i, n)
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

/// Word-at-a-time (SWAR) searches over JSON text: 8 bytes per step, no branch per
/// byte, so that skipping the bulk of a record (answers, paradata) costs a fraction of
/// a byte-by-byte loop (about 3 times less on cc_parma records). `compositeEnd` works
/// on 64-byte blocks as simdjson's first stage does: bit masks of quotes, backslashes
/// and brackets; quotes escaped by an odd run of backslashes dropped (simdjson's
/// odd-backslash-run arithmetic, carried across blocks); the inside of strings by a
/// prefix XOR of the quotes; then only the brackets outside strings are looked at.
enum JSONSkip {
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Past spaces, tabs and carriage returns from `i`.
    @inline(__always) static func skipSpace(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) {
        while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D { i += 1 }
    }

    /// At an opening quote: moves `i` past the closing one; the raw contents' range.
    @inline(__always) static func readString(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) -> Range<Int>? {
        guard i < n, p[i] == 0x22 else { return nil }
        let start = i + 1
        guard let end = stringEnd(p, start, n) else { return nil }
        i = end + 1
        return start..<end
    }

    /// Whether the raw bytes at `r` are `word`.
    @inline(__always) static func equals(_ p: UnsafePointer<UInt8>, _ r: Range<Int>, _ word: StaticString) -> Bool {
        r.count == word.utf8CodeUnitCount && Platform.sameBytes(p + r.lowerBound, word.utf8Start, count: r.count)
    }

    /// 0x80 in each byte of `x` equal to the byte repeated in `t`, 0 elsewhere (exact).
    @inline(__always) static func equalBytes(_ x: UInt64, _ t: UInt64) -> UInt64 {
        let y = x ^ t
        return ~(((y & low7) &+ low7) | y | low7)
    }

    /// One bit per byte (bit k for byte k) from a 0x80-per-byte mask.
    @inline(__always) static func gather(_ z: UInt64) -> UInt64 {
        ((z >> 7) &* 0x0102_0408_1020_4080) >> 56
    }

    @inline(__always) static func prefixXor(_ x: UInt64) -> UInt64 {
        var m = x
        m ^= m << 1; m ^= m << 2; m ^= m << 4; m ^= m << 8; m ^= m << 16; m ^= m << 32
        return m
    }

    /// The index of the closing quote of a string whose contents start at `start`.
    @inline(__always)
    static func stringEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int? {
        var i = start
        while true {
            while i + 8 <= n {
                let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let z = equalBytes(x, 0x2222_2222_2222_2222) | equalBytes(x, 0x5C5C_5C5C_5C5C_5C5C)
                if z == 0 { i += 8; continue }
                let k = i + z.trailingZeroBitCount >> 3
                if p[k] == 0x22 { return k }
                i = k + 2
            }
            while i < n {
                let c = p[i]
                if c == 0x22 { return i }
                i += c == 0x5C ? 2 : 1
            }
            return nil
        }
    }

    /// Past the `}` or `]` that closes the object or array opening at `start`.
    static func compositeEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int? {
        var block = start
        var depth = 0
        var inString: UInt64 = 0        // all ones when the block starts inside a string
        var escapeCarry: UInt64 = 0     // 1 when the block starts right after an odd backslash run
        var tail = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while block < n {
            var q: UInt64 = 0, b: UInt64 = 0, oc: UInt64 = 0
            var anyB: UInt64 = 0
            @inline(__always) func add(_ x: UInt64, _ k: Int) {
                let xm = x & 0xDFDF_DFDF_DFDF_DFDF
                q |= gather(equalBytes(x, 0x2222_2222_2222_2222)) << (8 * k)
                oc |= gather(equalBytes(xm, 0x5B5B_5B5B_5B5B_5B5B) | equalBytes(xm, 0x5D5D_5D5D_5D5D_5D5D)) << (8 * k)
                anyB |= equalBytes(x, 0x5C5C_5C5C_5C5C_5C5C)
            }
            let count = min(64, n - block)
            if count == 64 {
                let raw = UnsafeRawPointer(p + block)
                for k in 0..<8 { add(raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self), k) }
                if anyB != 0 {
                    for k in 0..<8 {
                        b |= gather(equalBytes(raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self), 0x5C5C_5C5C_5C5C_5C5C)) << (8 * k)
                    }
                }
            } else {
                tail = (0, 0, 0, 0, 0, 0, 0, 0)
                withUnsafeMutableBytes(of: &tail) { t in
                    t.baseAddress!.copyMemory(from: p + block, byteCount: count)
                    for k in 0..<8 { add(t.load(fromByteOffset: 8 * k, as: UInt64.self), k) }
                    if anyB != 0 {
                        for k in 0..<8 {
                            b |= gather(equalBytes(t.load(fromByteOffset: 8 * k, as: UInt64.self), 0x5C5C_5C5C_5C5C_5C5C)) << (8 * k)
                        }
                    }
                }
            }
            // Quotes escaped by an odd run of backslashes are text, not delimiters.
            if b != 0 || escapeCarry != 0 {
                let even: UInt64 = 0x5555_5555_5555_5555
                let starts = b & ~(b << 1)
                let evenStartMask = even ^ escapeCarry
                let evenStarts = starts & evenStartMask
                let oddStarts = starts & ~evenStartMask
                let evenCarries = b &+ evenStarts
                let (sum, overflow) = b.addingReportingOverflow(oddStarts)
                let oddCarries = sum | escapeCarry
                escapeCarry = overflow ? 1 : 0
                let evenCarryEnds = evenCarries & ~b
                let oddCarryEnds = oddCarries & ~b
                let escaped = (evenCarryEnds & ~even) | (oddCarryEnds & even)
                q &= ~escaped
            }
            let strings = prefixXor(q) ^ inString
            inString = UInt64(bitPattern: Int64(bitPattern: strings) >> 63)
            var events = oc & ~strings
            while events != 0 {
                let at = block + events.trailingZeroBitCount
                if p[at] & 0x02 != 0 {
                    depth += 1
                } else {
                    depth -= 1
                    if depth == 0 { return at + 1 }
                }
                events &= events - 1
            }
            block += 64
        }
        return nil
    }
}

/// Reads one `interviews.jsonl` line into a `RecordRow` in a single pass over its bytes:
/// the fixed top-level fields, each member of `answers` (by name, in whatever order),
/// `paradata.seconds` (per question, and their sum) and the number of `paradata.notes`.
/// Nothing is copied or decoded; the whole line is checked to be one well-formed JSON
/// object, so a torn or damaged line is refused (`scan` returns false) and never half read.
public struct RecordRowScanner {
    private let top: ByteNameTable
    private let answerSlots: ByteNameTable
    private let questions: ByteNameTable
    private let paradataKeys = ByteNameTable(["seconds", "notes"])
    /// Whether seconds per question are columns (`--paradata`); else only their sum is.
    private let perQuestionSeconds: Bool
    private static let answersKey = ExportLayout.fieldNames.count
    private static let paradataKey = ExportLayout.fieldNames.count + 1

    public init(layout: ExportLayout) {
        top = ByteNameTable(ExportLayout.fieldNames + ["answers", "paradata"])
        answerSlots = ByteNameTable(layout.slotNames)
        questions = ByteNameTable(layout.questionNames)
        perQuestionSeconds = layout.columns.contains { if case .seconds = $0.source { true } else { false } }
    }

    public func scan(_ line: UnsafeBufferPointer<UInt8>, into row: inout RecordRow) -> Bool {
        row.reset()
        var c = JSONCursor(line)
        c.space()
        guard c.take(UInt8(ascii: "{")) else { return false }
        let ok = c.members { c, keyStart, keyEnd in
            switch top.lookup(c.p, keyStart, keyEnd) {
            case RecordRowScanner.answersKey?:
                guard c.peek == UInt8(ascii: "{") else { return c.skipValue() }
                c.i += 1
                return c.members { c, ks, ke in
                    guard let slot = answerSlots.lookup(c.p, ks, ke) else { return c.skipValue() }
                    return c.value(into: &row.answers[slot])
                }
            case RecordRowScanner.paradataKey?:
                guard c.peek == UInt8(ascii: "{") else { return c.skipValue() }
                c.i += 1
                return c.members { c, ks, ke in
                    switch paradataKeys.lookup(c.p, ks, ke) {
                    case 0?:
                        guard c.peek == UInt8(ascii: "{") else { return c.skipValue() }
                        c.i += 1
                        return c.members { c, qs, qe in
                            let start = c.i
                            guard c.skipValue() else { return false }
                            guard let n = JSONCursor.number(c.p, start, c.i) else { return true }
                            row.secondsTotal += n
                            if perQuestionSeconds, let q = questions.lookup(c.p, qs, qe) {
                                row.seconds[q] = RecordRow.Raw(kind: .number, start: start, end: c.i)
                            }
                            return true
                        }
                    case 1?:
                        guard c.peek == UInt8(ascii: "[") else { return c.skipValue() }
                        c.i += 1
                        return c.elements { c in row.notesCount += 1; return c.skipValue() }
                    default: return c.skipValue()
                    }
                }
            case let field?:
                return c.value(into: &row.fields[field])
            case nil:
                return c.skipValue()
            }
        }
        guard ok else { return false }
        c.space()
        return c.i == c.p.count
    }
}

/// A position in a line of JSON, with the few steps the scanner needs.
struct JSONCursor {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    var peek: UInt8? { i < p.count ? p[i] : nil }

    mutating func space() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard i < p.count, p[i] == byte else { return false }
        i += 1
        return true
    }

    /// After `{`: calls `body` at each member's value with its key's bytes, up to `}`.
    mutating func members(_ body: (inout JSONCursor, Int, Int) -> Bool) -> Bool {
        space()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            space()
            guard take(UInt8(ascii: "\"")) else { return false }
            let keyStart = i
            guard skipStringBody() else { return false }
            let keyEnd = i - 1
            space()
            guard take(UInt8(ascii: ":")) else { return false }
            space()
            guard body(&self, keyStart, keyEnd) else { return false }
            space()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// After `[`: calls `body` at each element, up to `]`.
    mutating func elements(_ body: (inout JSONCursor) -> Bool) -> Bool {
        space()
        if take(UInt8(ascii: "]")) { return true }
        while true {
            space()
            guard body(&self) else { return false }
            space()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]"))
        }
    }

    /// Reads the value here into `raw` (missing-value objects recognised).
    mutating func value(into raw: inout RecordRow.Raw) -> Bool {
        guard let c = peek else { return false }
        let start = i
        switch c {
        case UInt8(ascii: "\""):
            i += 1
            let escaped = skipStringBodyNotingEscapes()
            guard let escaped else { return false }
            raw = RecordRow.Raw(kind: .string, start: start + 1, end: i - 1, escaped: escaped)
            return true
        case UInt8(ascii: "{"):
            guard skipValue() else { return false }
            raw = RecordRow.Raw(kind: missingKind(start, i), start: start, end: i)
            return true
        case UInt8(ascii: "["):
            guard skipValue() else { return false }
            raw = RecordRow.Raw(kind: .array, start: start, end: i)
        case UInt8(ascii: "t"):
            guard skipValue() else { return false }
            raw = RecordRow.Raw(kind: .yes, start: start, end: i)
        case UInt8(ascii: "f"):
            guard skipValue() else { return false }
            raw = RecordRow.Raw(kind: .no, start: start, end: i)
        case UInt8(ascii: "n"):
            guard skipValue() else { return false }
            raw = RecordRow.Raw(kind: .null, start: start, end: i)
        default:
            guard skipValue() else { return false }
            raw = RecordRow.Raw(kind: .number, start: start, end: i)
        }
        return true
    }

    /// `{"missing":"dk"}` or `{"missing":"refused"}` (as the engine writes them), else `.object`.
    private func missingKind(_ start: Int, _ end: Int) -> RecordRow.Raw.Kind {
        let dk = Array(#"{"missing":"dk"}"#.utf8), refused = Array(#"{"missing":"refused"}"#.utf8)
        func equals(_ word: [UInt8]) -> Bool {
            guard end - start == word.count else { return false }
            for k in 0..<word.count where p[start + k] != word[k] { return false }
            return true
        }
        if equals(dk) { return .dk }
        if equals(refused) { return .refused }
        return .object
    }

    /// Skips any value; false when it is not well-formed.
    mutating func skipValue() -> Bool {
        guard let c = peek else { return false }
        switch c {
        case UInt8(ascii: "\""): i += 1; return skipStringBody()
        case UInt8(ascii: "{"): i += 1; return members { c, _, _ in c.skipValue() }
        case UInt8(ascii: "["): i += 1; return elements { c in c.skipValue() }
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"): return word("null")
        default: return skipNumber()
        }
    }

    private mutating func word(_ w: StaticString) -> Bool {
        let n = w.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        let base = w.utf8Start
        for k in 0..<n where p[i + k] != base[k] { return false }
        i += n
        return true
    }

    private mutating func skipNumber() -> Bool {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        while i < p.count {
            let b = p[i]
            if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { i += 1 } else { break }
        }
        return i > start && p[i - 1] >= 0x30 && p[i - 1] <= 0x39
    }

    /// After the opening quote: to just past the closing quote.
    mutating func skipStringBody() -> Bool { skipStringBodyNotingEscapes() != nil }

    /// Past the closing quote; whether the string holds an escape, or nil when it has no
    /// end. Eight bytes at a time: a word with no quote and no backslash is stepped over.
    private mutating func skipStringBodyNotingEscapes() -> Bool? {
        var escaped = false
        guard let base = p.baseAddress else { return nil }
        let n = p.count
        while true {
            while i + 8 <= n {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let z = JSONCursor.equalBytes(x, 0x2222_2222_2222_2222) | JSONCursor.equalBytes(x, 0x5C5C_5C5C_5C5C_5C5C)
                if z == 0 { i += 8; continue }
                let k = i + z.trailingZeroBitCount >> 3
                if base[k] == 0x22 { i = k + 1; return escaped }
                escaped = true
                i = k + 2
            }
            while i < n {
                let b = base[i]
                if b == 0x22 { i += 1; return escaped }
                if b == 0x5C { escaped = true; i += 2; continue }
                i += 1
            }
            return nil
        }
    }

    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// 0x80 in each byte of `x` equal to the byte repeated in `t`, 0 elsewhere.
    @inline(__always) private static func equalBytes(_ x: UInt64, _ t: UInt64) -> UInt64 {
        let y = x ^ t
        return ~(((y & low7) &+ low7) | y | low7)
    }

    /// The value of a JSON number's bytes (nil if they are not one).
    static func number(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if i < end, p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var whole: Double = 0
        var digits = 0
        while i < end, p[i] >= 0x30, p[i] <= 0x39 { whole = whole * 10 + Double(p[i] - 0x30); i += 1; digits += 1 }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < end, p[i] >= 0x30, p[i] <= 0x39 { whole += Double(p[i] - 0x30) * scale; scale /= 10; i += 1; digits += 1 }
        }
        if i < end {
            // An exponent: rare in records; the standard parser handles it.
            return Double(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
        }
        guard digits > 0 else { return nil }
        return negative ? -whole : whole
    }
}

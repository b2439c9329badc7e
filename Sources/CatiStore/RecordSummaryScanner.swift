import CatiCore

/// Reads only what quota counting needs from a record line — the top-level `status`
/// and the members of the top-level `quota_cells` object — in one pass over the bytes,
/// without building the record. Strings are skipped with their escapes, so a `status`
/// key inside `answers` or inside a text never counts.
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
        var summary = Summary()
        var i = 0
        let n = line.count
        func skipSpace() { while i < n, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D { i += 1 } }
        /// Reads a string starting at the opening quote; returns its raw bytes range (no unescaping).
        func readString() -> Range<Int>? {
            guard i < n, line[i] == 0x22 else { return nil }
            i += 1
            let start = i
            while i < n {
                let c = line[i]
                if c == 0x5C { i += 2; continue }
                if c == 0x22 { let r = start..<i; i += 1; return r }
                i += 1
            }
            return nil
        }
        /// Skips any value (object, array, string, literal, number); false if malformed.
        func skipValue() -> Bool {
            guard i < n else { return false }
            switch line[i] {
            case 0x22: return readString() != nil
            case 0x7B, 0x5B:
                var depth = 0
                while i < n {
                    let c = line[i]
                    if c == 0x22 { if readString() == nil { return false }; continue }
                    if c == 0x7B || c == 0x5B { depth += 1 } else if c == 0x7D || c == 0x5D {
                        depth -= 1
                        if depth == 0 { i += 1; return true }
                    }
                    i += 1
                }
                return false
            default:
                let start = i
                while i < n, line[i] != 0x2C, line[i] != 0x7D, line[i] != 0x5D, line[i] != 0x20 { i += 1 }
                return i > start
            }
        }
        func equals(_ r: Range<Int>, _ word: StaticString) -> Bool {
            guard r.count == word.utf8CodeUnitCount else { return false }
            let p = word.utf8Start
            for k in 0..<r.count where line[r.lowerBound + k] != p[k] { return false }
            return true
        }
        func text(_ r: Range<Int>) -> String {
            let raw = String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self)
            if !raw.contains("\\") { return raw }
            return JSONParser.parse("\"" + raw + "\"")?.stringValue ?? raw
        }

        skipSpace()
        guard i < n, line[i] == 0x7B else { return nil }
        i += 1
        while true {
            skipSpace()
            if i < n, line[i] == 0x7D { i += 1; break }
            guard let key = readString() else { return nil }
            skipSpace()
            guard i < n, line[i] == 0x3A else { return nil }
            i += 1
            skipSpace()
            if equals(key, "status"), i < n, line[i] == 0x22 {
                guard let r = readString() else { return nil }
                summary.status = text(r)
            } else if wantID, equals(key, "id"), i < n, line[i] == 0x22 {
                guard let r = readString() else { return nil }
                summary.id = text(r)
            } else if equals(key, "quota_cells"), i < n, line[i] == 0x7B {
                i += 1
                while true {
                    skipSpace()
                    if i < n, line[i] == 0x7D { i += 1; break }
                    guard let q = readString() else { return nil }
                    skipSpace()
                    guard i < n, line[i] == 0x3A else { return nil }
                    i += 1
                    skipSpace()
                    if i < n, line[i] == 0x22 {
                        guard let c = readString() else { return nil }
                        summary.cells.append((text(q), text(c)))
                    } else if !skipValue() { return nil }
                    skipSpace()
                    if i < n, line[i] == 0x2C { i += 1 }
                }
            } else if !skipValue() {
                return nil
            }
            skipSpace()
            if i < n, line[i] == 0x2C { i += 1; continue }
            if i < n, line[i] == 0x7D { i += 1; break }
            return nil
        }
        skipSpace()
        return i == n ? summary : nil
    }
}

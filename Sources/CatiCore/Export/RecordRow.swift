/// Where one record line's values are, without copying them: byte ranges into the line,
/// filled by `RecordRowScanner` and read by the writers. One row is reused for every line.
public struct RecordRow {
    /// One JSON value inside the line.
    public struct Raw {
        public enum Kind: UInt8 {
            case absent, null, number, string, array, object, yes, no, dk, refused
        }
        public var kind: Kind = .absent
        /// For a string: the bytes between its quotes (still escaped); else the value's bytes.
        public var start = 0
        public var end = 0
        /// For a string: whether it holds a backslash escape.
        public var escaped = false
    }

    /// `ExportLayout.fieldNames`, in that order.
    public var fields: [Raw]
    /// One per `ExportLayout.slotNames`.
    public var answers: [Raw]
    /// One per `ExportLayout.questionNames`: the `paradata.seconds` value.
    public var seconds: [Raw]
    public var secondsTotal = 0.0
    public var notesCount = 0

    public init(layout: ExportLayout) {
        fields = Array(repeating: Raw(), count: ExportLayout.fieldNames.count)
        answers = Array(repeating: Raw(), count: layout.slotNames.count)
        seconds = Array(repeating: Raw(), count: layout.questionNames.count)
    }

    mutating func reset() {
        for i in fields.indices { fields[i].kind = .absent }
        for i in answers.indices { answers[i].kind = .absent }
        for i in seconds.indices { seconds[i].kind = .absent }
        secondsTotal = 0
        notesCount = 0
    }

    /// The index of the `status` field.
    public static let statusField = 3
}

/// Names looked up by their bytes (no String made per key): open addressing on an
/// FNV-1a hash, compared byte by byte.
struct ByteNameTable {
    /// Every name's bytes, one after another; `starts[i]..<starts[i + 1]` is name i.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var table: [Int32]
    private let mask: Int

    init(_ list: [String]) {
        var size = 16
        while size < list.count * 4 { size *= 2 }
        table = Array(repeating: -1, count: size)
        mask = size - 1
        for (i, name) in list.enumerated() {
            let utf8 = Array(name.utf8)
            bytes.append(contentsOf: utf8)
            starts.append(bytes.count)
            var h = utf8.withUnsafeBufferPointer { ByteNameTable.hash($0, 0, $0.count) } & mask
            while table[h] >= 0 { h = (h + 1) & mask }
            table[h] = Int32(i)
        }
    }

    /// A cheap hash of a short name: its length, first, middle and last bytes, mixed by
    /// one multiplication (collisions are settled by comparing the bytes).
    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let n = end - start
        guard n > 0 else { return 0 }
        let key = UInt64(n) | UInt64(p[start]) << 8 | UInt64(p[start + n / 2]) << 16 | UInt64(p[end - 1]) << 24
            | UInt64(p[start + min(1, n - 1)]) << 32 | UInt64(p[end - 1 - min(1, n - 1)]) << 40
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
    }

    /// The index of the name spelled by `p[start..<end]`, or nil.
    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var h = ByteNameTable.hash(p, start, end) & mask
        return table.withUnsafeBufferPointer { table in
            starts.withUnsafeBufferPointer { starts in
                bytes.withUnsafeBufferPointer { bytes in
                    while true {
                        let i = Int(table[h])
                        if i < 0 { return nil }
                        let from = starts[i], count = starts[i + 1] - from
                        if count == end - start {
                            var k = 0
                            while k < count, bytes[from + k] == p[start + k] { k += 1 }
                            if k == count { return i }
                        }
                        h = (h + 1) & mask
                    }
                }
            }
        }
    }
}

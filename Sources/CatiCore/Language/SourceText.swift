/// The text of a questionnaire: its bytes (kept for hashing), where each line starts,
/// and where the first invalid UTF-8 byte stands. Lines are cut out as strings only
/// when a diagnostic needs one. Invalid UTF-8 is repaired for reading and reported by
/// the lexer.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// The byte offset where each line starts (the first is 0).
    private let lineStarts: [Int]
    /// Where the first invalid UTF-8 byte stands, if any.
    public let invalidUTF8At: SourceLocation?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let scan = SourceScan(bytes)
        self.lineStarts = scan.lineStarts
        self.invalidUTF8At = scan.firstInvalid.map { SourceText.location(ofInvalidByte: $0, in: bytes, lineStarts: scan.lineStarts) }
    }

    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// The text as read: invalid UTF-8 repaired.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes the lexer reads: the file's own, or the repaired text's when the file
    /// is not valid UTF-8.
    var readableBytes: [UInt8] { invalidUTF8At == nil ? bytes : Array(text.utf8) }

    public var lineCount: Int { lineStarts.count }

    /// Every line, without its line break (a CR before the LF is dropped too).
    public var lines: [String] { (1...lineCount).map { line($0)! } }

    /// The column, counted in characters, of a column counted in scalars.
    public func characterColumn(line number: Int, scalarColumn: Int) -> Int {
        guard number >= 1, number <= lineCount, scalarColumn > 1 else { return scalarColumn }
        let range = byteRange(ofLine: number)
        if !bytes[range].contains(where: { $0 >= 0x80 }) { return scalarColumn }
        let scalars = line(number)!.unicodeScalars
        let taken = scalars.prefix(scalarColumn - 1)
        let extra = max(0, scalarColumn - 1 - taken.count)
        return String(String.UnicodeScalarView(taken)).count + 1 + extra
    }

    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineCount else { return nil }
        return String(decoding: bytes[byteRange(ofLine: number)], as: UTF8.self)
    }

    private func byteRange(ofLine number: Int) -> Range<Int> {
        let start = lineStarts[number - 1]
        guard number < lineCount else { return start..<bytes.count }
        let newline = lineStarts[number] - 1
        let end = newline > start && bytes[newline - 1] == 0x0D ? newline - 1 : newline
        return start..<end
    }

    /// Line and column (in scalars of the repaired text) of the invalid byte at `offset`.
    private static func location(ofInvalidByte offset: Int, in bytes: [UInt8], lineStarts: [Int]) -> SourceLocation {
        var line = lineStarts.count
        while lineStarts[line - 1] > offset { line -= 1 }
        let prefix = String(decoding: bytes[lineStarts[line - 1]..<offset], as: UTF8.self)
        return SourceLocation(line: line, column: prefix.unicodeScalars.count + 1)
    }
}

/// One pass over a questionnaire's bytes: where lines start, and the offset of the
/// first byte that is not well-formed UTF-8.
struct SourceScan {
    var lineStarts: [Int] = [0]
    var firstInvalid: Int?

    init(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        while i < count {
            // Eight bytes at a time while they are ASCII without a line break.
            if i + 8 <= count, SourceScan.isPlainASCII(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { lineStarts.append(i + 1) }
                i += 1
                continue
            }
            let length = SourceScan.sequenceLength(bytes, at: i)
            if length == 0 {
                if firstInvalid == nil { firstInvalid = i }
                i += 1
            } else {
                i += length
            }
        }
    }

    /// Whether eight bytes are all ASCII and none is a line feed.
    private static func isPlainASCII(_ word: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        if word & high != 0 { return false }
        let x = word ^ 0x0A0A_0A0A_0A0A_0A0A // a line feed becomes a zero byte
        return (x &- 0x0101_0101_0101_0101) & ~x & high == 0
    }

    /// The length of the well-formed UTF-8 sequence that starts with the non-ASCII byte
    /// at `i`, or 0 when it is not well-formed.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = bytes[i]
        let length: Int
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard i + length <= bytes.count else { return 0 }
        for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return 0 }
        let b1 = bytes[i + 1]
        if length == 3, (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) { return 0 }
        if length == 4, (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) { return 0 }
        return length
    }
}

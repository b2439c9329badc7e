/// The text of a questionnaire, split into lines, with the questionnaire's bytes kept
/// for hashing. Invalid UTF-8 is repaired for reading and reported by the lexer.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    public let text: String
    public let lines: [String]
    /// Where the first invalid UTF-8 byte stands, if any.
    public let invalidUTF8At: SourceLocation?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.invalidUTF8At = SourceText.firstInvalidUTF8(bytes)
        self.text = String(decoding: bytes, as: UTF8.self)
        var lines: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = index + 1
        }
        lines.append(String(decoding: bytes[start...], as: UTF8.self))
        self.lines = lines
    }

    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// The column, counted in characters, of a column counted in scalars.
    public func characterColumn(line number: Int, scalarColumn: Int) -> Int {
        guard number >= 1, number <= lines.count, scalarColumn > 1 else { return scalarColumn }
        let scalars = lines[number - 1].unicodeScalars
        if scalars.allSatisfy({ $0.isASCII }) { return scalarColumn }
        let taken = scalars.prefix(scalarColumn - 1)
        let extra = max(0, scalarColumn - 1 - taken.count)
        return String(String.UnicodeScalarView(taken)).count + 1 + extra
    }

    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> SourceLocation? {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && i + length <= bytes.count
            if valid {
                for k in 1..<max(length, 1) where bytes[i + k] & 0xC0 != 0x80 { valid = false }
            }
            if valid, length == 3 {
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) { valid = false }
            }
            if valid, length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) { valid = false }
            }
            if !valid {
                let prefix = String(decoding: bytes[lineStart..<i], as: UTF8.self)
                return SourceLocation(line: line, column: prefix.unicodeScalars.count + 1)
            }
            i += length
        }
        return nil
    }
}

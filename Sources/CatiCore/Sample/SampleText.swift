/// The bytes of a sample file as text, line by line: a line with a byte that is not
/// UTF-8 (a Latin-1 "è" in a file saved by an old spreadsheet) is kept, with that byte
/// shown as U+FFFD, and reported by line and byte, so that `SampleFile` leaves that
/// row out and keeps every other one.
public struct SampleText: Sendable {
    /// The first byte of a line that is not UTF-8.
    public struct BadByte: Sendable, Equatable {
        /// 1-based, counted in bytes from the start of the line.
        public let position: Int
        public let value: UInt8

        public init(position: Int, value: UInt8) {
            self.position = position
            self.value = value
        }
    }

    public let text: String
    /// Line number (1-based) → its first byte that is not UTF-8.
    public let badBytes: [Int: BadByte]

    public init(bytes: [UInt8]) {
        var badBytes: [Int: BadByte] = [:]
        var line = 1
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if let bad = Self.firstInvalid(bytes[start..<end]) { badBytes[line] = bad }
            line += 1
            start = end + 1
        }
        self.badBytes = badBytes
        text = String(decoding: bytes, as: UTF8.self)
    }

    static func firstInvalid(_ line: ArraySlice<UInt8>) -> BadByte? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = line.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error:
                return BadByte(position: offset + 1, value: line[line.startIndex + offset])
            case .emptyInput: return nil
            }
        }
    }
}

extension SampleText.BadByte {
    /// "byte 0xE8 (byte 12 of the line) is not UTF-8".
    public var description: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex) (byte \(position) of the line) is not UTF-8 text"
    }
}

/// Turns questionnaire text into tokens. Statements are lines: a `newline` token ends
/// each one, except where the very next line starts with a string literal (a
/// continuation, joined as the literal is read) or a string is still open at the end
/// of the line.
///
/// The lexer reads well-formed UTF-8 bytes (the source repairs what is not); a token
/// keeps the range of its bytes, and a name the word of the language it spells. Columns
/// count scalars: the bytes read on the line, less the UTF-8 continuation bytes among them.
public struct Lexer {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    /// Where the current line starts, and how many continuation bytes were read on it.
    private var lineStart = 0
    private var continuationBytes = 0
    private(set) var tokens: [Token] = []
    /// The string literals that close on a later line than they open.
    private(set) var multiLineStrings: [MultiLineString] = []
    private var diagnostics: DiagnosticList
    /// Where the statement on this line ends: the start of a trailing comment.
    private var statementEnd: SourceLocation?

    /// The tokens of `bytes` (a source's `readableBytes`); `invalidUTF8At` is where the
    /// source had its first invalid byte, reported first.
    public static func tokenize(_ bytes: [UInt8], invalidUTF8At: SourceLocation?,
                                into diagnostics: inout DiagnosticList) -> [Token] {
        var strings: [MultiLineString] = []
        return tokenize(bytes, invalidUTF8At: invalidUTF8At, into: &diagnostics, multiLineStrings: &strings)
    }

    /// The same, and the string literals that run over several lines.
    static func tokenize(_ bytes: [UInt8], invalidUTF8At: SourceLocation?,
                         into diagnostics: inout DiagnosticList,
                         multiLineStrings: inout [MultiLineString]) -> [Token] {
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer, diagnostics: diagnostics)
            if let bad = invalidUTF8At {
                lexer.diagnostics.error(.invalidUTF8, at: bad)
            }
            lexer.run()
            diagnostics = lexer.diagnostics
            multiLineStrings = lexer.multiLineStrings
            return lexer.tokens
        }
    }

    public static func tokenize(_ source: SourceText, into diagnostics: inout DiagnosticList) -> [Token] {
        tokenize(source.readableBytes, invalidUTF8At: source.invalidUTF8At, into: &diagnostics)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, diagnostics: DiagnosticList) {
        self.bytes = bytes
        self.diagnostics = diagnostics
        // About one token per six bytes in a typical questionnaire; room for one per five.
        tokens.reserveCapacity(bytes.count / 5 + 16)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    private func peek(_ offset: Int = 1) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }
    private var here: SourceLocation {
        SourceLocation(line: line, column: index - lineStart - continuationBytes + 1)
    }

    /// Steps over one byte, keeping line and column.
    private mutating func advanceByte() {
        let b = bytes[index]
        index += 1
        if b == 0x0A {
            line += 1
            lineStart = index
            continuationBytes = 0
            statementEnd = nil
        } else if b & 0xC0 == 0x80 {
            continuationBytes += 1
        }
    }

    /// Steps over one whole scalar.
    private mutating func advanceScalar() {
        advanceByte()
        while let b = current, b & 0xC0 == 0x80 { advanceByte() }
    }

    /// The scalar that starts at byte `i` (a lead byte of well-formed UTF-8).
    private func scalar(at i: Int) -> Unicode.Scalar {
        let b = bytes[i]
        if b < 0x80 { return Unicode.Scalar(b) }
        var value: UInt32
        let length: Int
        if b >= 0xF0 { value = UInt32(b & 0x07); length = 4 }
        else if b >= 0xE0 { value = UInt32(b & 0x0F); length = 3 }
        else { value = UInt32(b & 0x1F); length = 2 }
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private mutating func add(_ kind: Token.Kind, _ bytes: Range<Int>, from start: SourceLocation) {
        tokens.append(Token(kind: kind, bytes: bytes, location: start))
    }

    private mutating func run() {
        while let c = current {
            if c == 0x20 || c == 0x09 || c == 0x0D { // space, tab, CR
                index += 1
                continue
            }
            let start = here
            switch c {
            case 0x0A:
                tokens.append(Token(kind: .newline, bytes: index..<index + 1, location: statementEnd ?? start))
                advanceByte()
            case 0x23: // #
                statementEnd = start
                while let d = current, d != 0x0A { advanceByte() }
            case 0x22: // "
                lexString(from: start)
            case 0x30...0x39:
                lexNumber(from: start)
            case 0x41...0x5A, 0x61...0x7A:
                lexName(from: start)
            case 0x80...:
                let s = scalar(at: index)
                if s == "\u{FEFF}" {
                    advanceScalar()
                } else if Lexer.isNameStart(s) {
                    lexName(from: start)
                } else {
                    lexSymbol(c, from: start)
                }
            default:
                lexSymbol(c, from: start)
            }
        }
        add(.end, index..<index, from: here)
    }

    private mutating func lexName(from start: SourceLocation) {
        let first = index
        skipNameContinue()
        let word = Word.recognize(UnsafeBufferPointer(rebasing: bytes[first..<index]))
        add(.name(word), first..<index, from: start)
    }

    private mutating func skipNameContinue() {
        while let d = current {
            if d < 0x80 {
                guard Lexer.isNameContinue(ASCII: d) else { return }
                index += 1
            } else {
                guard Lexer.isNameContinue(scalar(at: index)) else { return }
                advanceScalar()
            }
        }
    }

    private mutating func lexSymbol(_ c: UInt8, from start: SourceLocation) {
        let first = index
        let next = peek()
        let pair: Token.Symbol?
        switch (c, next) {
        case (0x3C, 0x3E): pair = .notEqual     // <>
        case (0x3C, 0x3D): pair = .lessEqual    // <=
        case (0x3E, 0x3D): pair = .greaterEqual // >=
        case (0x2E, 0x2E): pair = .dotDot       // ..
        default: pair = nil
        }
        if let pair {
            index += 2
            add(.symbol(pair), first..<index, from: start)
        } else if let symbol = Lexer.singleSymbol(c) {
            index += 1
            add(.symbol(symbol), first..<index, from: start)
        } else {
            let s = scalar(at: index)
            advanceScalar()
            diagnostics.error(.unexpectedCharacter(Character(s)), at: start)
            add(.invalid, first..<index, from: start)
        }
    }

    private static func isDigit(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b >= 0x30 && b <= 0x39
    }

    private mutating func lexNumber(from start: SourceLocation) {
        let first = index
        while Lexer.isDigit(current) { index += 1 }
        if current == 0x2E, Lexer.isDigit(peek()) {
            index += 1
            while Lexer.isDigit(current) { index += 1 }
            let digits = String(decoding: bytes[first..<index], as: UTF8.self)
            if index - first > 30 {
                diagnostics.error(.numberTooLarge(digits), at: start)
                add(.invalid, first..<index, from: start)
            } else {
                add(.decimal(Double(digits) ?? 0), first..<index, from: start)
            }
            return
        }
        if index < bytes.count, Lexer.isNameStart(scalar(at: index)) {
            diagnostics.error(.nameStartsWithDigit, at: start)
            skipNameContinue()
            add(.invalid, first..<index, from: start)
            return
        }
        if let value = Lexer.integer(bytes[first..<index]) {
            add(.integer(value), first..<index, from: start)
        } else {
            diagnostics.error(.numberTooLarge(String(decoding: bytes[first..<index], as: UTF8.self)), at: start)
            add(.invalid, first..<index, from: start)
        }
    }

    /// The value of a run of decimal digits, or nil from 10^18 up.
    private static func integer(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for d in digits {
            if value >= 100_000_000_000_000_000 { return nil }
            value = value * 10 + Int(d - 0x30)
        }
        return value < 1_000_000_000_000_000 ? value : nil
    }

    private mutating func lexString(from start: SourceLocation) {
        index += 1 // opening quote
        let first = index
        while index < bytes.count {
            let c = bytes[index]
            if c == 0x22 {
                let raw = first..<index
                if line != start.line {
                    multiLineStrings.append(MultiLineString(open: start, close: here))
                }
                index += 1
                joinContinuation(at: start)
                add(.string, raw, from: start)
                return
            }
            if c == 0x5C, index + 1 < bytes.count { // a backslash escapes the next byte
                index += 1
                advanceByte()
            } else if c == 0x0A || c >= 0x80 {
                advanceByte()
            } else {
                index += 1 // plain ASCII: no line or column bookkeeping
            }
        }
        diagnostics.error(.unterminatedString, at: start)
        add(.invalid, first - 1..<index, from: start)
    }

    /// Drops the newline just read when the string literal that starts at `start` is
    /// on the very next line and the newline ends a statement (not a blank line).
    private mutating func joinContinuation(at start: SourceLocation) {
        let count = tokens.count
        guard count >= 2, tokens[count - 1].kind == .newline,
              start.line == tokens[count - 1].location.line + 1,
              tokens[count - 2].kind != .newline else { return }
        tokens.removeLast()
    }

    static func singleSymbol(_ c: UInt8) -> Token.Symbol? {
        switch c {
        case 0x3D: return .equal
        case 0x3C: return .less
        case 0x3E: return .greater
        case 0x2B: return .plus
        case 0x2D: return .minus
        case 0x2A: return .star
        case 0x2F: return .slash
        case 0x28: return .openParen
        case 0x29: return .closeParen
        case 0x2C: return .comma
        case 0x3A: return .colon
        default: return nil
        }
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        return c.properties.isAlphabetic
    }

    /// A letter, a digit or `_`, looked up in two 64-bit masks: one bit per ASCII byte.
    static func isNameContinue(ASCII v: UInt8) -> Bool {
        guard v < 0x80 else { return false }
        let mask: UInt64 = v < 0x40 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
        return (mask >> UInt64(v & 0x3F)) & 1 != 0
    }

    static func isNameContinue(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return isNameContinue(ASCII: UInt8(v)) }
        return c.properties.isAlphabetic
    }
}

/// Turns questionnaire text into tokens. Statements are lines: a `newline` token ends
/// each one, except where the very next line starts with a string literal (a
/// continuation) or a string is still open at the end of the line.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    /// The same text as UTF-8, to cut names and strings out of it in one piece.
    private let bytes: [UInt8]
    private var index = 0
    private var byteIndex = 0
    private var line = 1
    private var column = 1
    private(set) var tokens: [Token] = []
    private var diagnostics: DiagnosticList
    /// Where the statement on this line ends: the start of a trailing comment.
    private var statementEnd: SourceLocation?

    public static func tokenize(_ source: SourceText, into diagnostics: inout DiagnosticList) -> [Token] {
        var lexer = Lexer(scalars: Array(source.text.unicodeScalars), bytes: Array(source.text.utf8),
                          diagnostics: diagnostics)
        if let bad = source.invalidUTF8At {
            lexer.diagnostics.error(.invalidUTF8, at: bad)
        }
        lexer.run()
        diagnostics = lexer.diagnostics
        return Lexer.joinContinuations(lexer.tokens)
    }

    private init(scalars: [Unicode.Scalar], bytes: [UInt8], diagnostics: DiagnosticList) {
        self.scalars = scalars
        self.bytes = bytes
        self.diagnostics = diagnostics
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int = 1) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }
    private var here: SourceLocation { SourceLocation(line: line, column: column) }

    private mutating func advance() {
        guard let c = current else { return }
        index += 1
        let v = c.value
        byteIndex += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        if c == "\n" {
            line += 1
            column = 1
            statementEnd = nil
        } else {
            // Columns count scalars here; `QuestionnaireChecker` turns them into
            // characters as a reader counts them.
            column += 1
        }
    }

    private mutating func add(_ kind: Token.Kind, from start: SourceLocation) {
        tokens.append(Token(kind: kind, location: start, endLocation: here))
    }

    private mutating func run() {
        while let c = current {
            let start = here
            switch c {
            case " ", "\t", "\r", "\u{FEFF}":
                advance()
            case "\n":
                tokens.append(Token(kind: .newline, location: statementEnd ?? start, endLocation: start))
                advance()
            case "#":
                statementEnd = start
                while let d = current, d != "\n" { advance() }
            case "\"":
                lexString(from: start)
            case "0"..."9":
                lexNumber(from: start)
            case _ where Lexer.isNameStart(c):
                let first = byteIndex
                while let d = current, Lexer.isNameContinue(d) { advance() }
                add(.name(String(decoding: bytes[first..<byteIndex], as: UTF8.self)), from: start)
            default:
                lexSymbol(c, from: start)
            }
        }
        add(.end, from: here)
    }

    private mutating func lexSymbol(_ c: Unicode.Scalar, from start: SourceLocation) {
        let next = peek()
        let pair: Token.Symbol?
        switch (c, next) {
        case ("<", ">"): pair = .notEqual
        case ("<", "="): pair = .lessEqual
        case (">", "="): pair = .greaterEqual
        case (".", "."): pair = .dotDot
        default: pair = nil
        }
        if let pair {
            advance(); advance()
            add(.symbol(pair), from: start)
        } else if let symbol = Lexer.singleSymbols[c] {
            advance()
            add(.symbol(symbol), from: start)
        } else {
            advance()
            diagnostics.error(.unexpectedCharacter(Character(c)), at: start)
            add(.invalid, from: start)
        }
    }

    private mutating func lexNumber(from start: SourceLocation) {
        var digits = ""
        while let d = current, ("0"..."9").contains(d) { digits.unicodeScalars.append(d); advance() }
        if current == ".", let next = peek(), ("0"..."9").contains(next) {
            digits += "."
            advance()
            while let d = current, ("0"..."9").contains(d) { digits.unicodeScalars.append(d); advance() }
            if digits.count > 30 {
                diagnostics.error(.numberTooLarge(digits), at: start)
                add(.invalid, from: start)
            } else {
                add(.decimal(Double(digits) ?? 0, text: digits), from: start)
            }
            return
        }
        if let d = current, Lexer.isNameStart(d) {
            diagnostics.error(.nameStartsWithDigit, at: start)
            while let e = current, Lexer.isNameContinue(e) { advance() }
            add(.invalid, from: start)
            return
        }
        if let value = Int(digits), value < 1_000_000_000_000_000 {
            add(.integer(value), from: start)
        } else {
            diagnostics.error(.numberTooLarge(digits), at: start)
            add(.invalid, from: start)
        }
    }

    private mutating func lexString(from start: SourceLocation) {
        advance() // opening quote
        let first = byteIndex
        while let c = current {
            if c == "\"" {
                let raw = String(decoding: bytes[first..<byteIndex], as: UTF8.self)
                advance()
                add(.string(raw: raw), from: start)
                return
            }
            if c == "\\", peek() != nil {
                advance()
            }
            advance()
        }
        diagnostics.error(.unterminatedString, at: start)
        add(.invalid, from: start)
    }

    /// Drops a newline when the very next line starts with a string literal.
    static func joinContinuations(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        for (i, token) in tokens.enumerated() {
            if token.kind == .newline, i + 1 < tokens.count,
               case .string = tokens[i + 1].kind,
               tokens[i + 1].location.line == token.location.line + 1,
               let previous = out.last, previous.kind != .newline {
                continue
            }
            out.append(token)
        }
        return out
    }

    static let singleSymbols: [Unicode.Scalar: Token.Symbol] = [
        "=": .equal, "<": .less, ">": .greater, "+": .plus, "-": .minus, "*": .star, "/": .slash,
        "(": .openParen, ")": .closeParen, ",": .comma, ":": .colon,
    ]

    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        return c.properties.isAlphabetic
    }

    static func isNameContinue(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x5F }
        return c.properties.isAlphabetic
    }
}

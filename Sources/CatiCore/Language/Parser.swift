/// Reads tokens into a `SyntaxTree`. One statement is one line; after the first error
/// in a statement the parser skips to the next line, so one run reports every
/// statement's first error without a cascade.
public struct Parser {
    struct Abort: Error {}
    /// The statement was reported and skipped already (with its block's lines).
    struct Recovered: Error {}

    var tokens: [Token]
    /// The bytes the tokens stand on.
    let bytes: [UInt8]
    var position = 0
    var diagnostics: DiagnosticList
    var blockDepth = 0
    var expressionDepth = 0
    var operatorCount = 0
    /// For each text (by its first literal's place): where each joined literal starts
    /// in the text's value, so a wrong fill is reported on its own line.
    var textPieces: [SourceLocation: [TextPiece]] = [:]
    /// How many names the statements read so far declare.
    var declarationCount = 0

    public static func parse(_ source: SourceText, into diagnostics: inout DiagnosticList) -> SyntaxTree {
        let bytes = source.readableBytes
        var strings: [MultiLineString] = []
        let tokens = Lexer.tokenize(bytes, invalidUTF8At: source.invalidUTF8At, into: &diagnostics,
                                    multiLineStrings: &strings)
        var parser = Parser(tokens: tokens, bytes: bytes, diagnostics: diagnostics)
        var tree = parser.parseFile()
        tree.multiLineStrings = strings
        diagnostics = parser.diagnostics
        return tree
    }

    // MARK: - Token cursor

    var current: Token { tokens[position] }
    func peek(_ offset: Int = 1) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    /// The token's text: a name as written, a string literal's raw text, a number's digits.
    func text(of token: Token) -> String {
        String(decoding: bytes[token.bytes], as: UTF8.self)
    }

    /// How the token reads in a message.
    func shown(_ token: Token) -> String {
        switch token.kind {
        case .name, .decimal: return "'\(text(of: token))'"
        case .string: return "a string"
        case .integer(let i): return "'\(i)'"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .newline: return "the end of the line"
        case .end: return "the end of the file"
        case .invalid: return "an invalid character"
        }
    }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    mutating func skipBlankLines() {
        while current.kind == .newline { advance() }
    }

    mutating func skipToNextLine() {
        while !current.isLineEnd { advance() }
        if current.kind == .newline { advance() }
    }

    /// Reports an error; the caller throws it to abandon the current statement.
    mutating func fail(_ message: Message, at location: SourceLocation? = nil) -> Abort {
        // The lexer already reported what made an invalid token.
        if location == nil, current.kind == .invalid { return Abort() }
        diagnostics.error(message, at: location ?? current.location)
        return Abort()
    }

    /// Skips the rest of a statement that had an error.
    mutating func recover() {
        skipToNextLine()
    }

    mutating func expectLineEnd(after what: String) throws {
        guard current.isLineEnd else { throw fail(.unexpectedAfter(shown(current), what)) }
        if current.kind == .newline { advance() }
    }

    /// `role` is worded only when the name is missing (it may be built from parts).
    mutating func expectName(_ role: @autoclosure () -> String) throws -> Located<String> {
        guard case .name(let word) = current.kind else { throw fail(.expected(role(), found: shown(current))) }
        if let word, word.isReserved { throw fail(.reservedName(word.text)) }
        let located = Located(value: text(of: current), location: current.location)
        advance()
        return located
    }

    mutating func expectString(_ role: String, fold: Bool = true) throws -> Located<String> {
        guard current.isString else { throw fail(.expected(role, found: shown(current))) }
        let start = current.location
        var value = StringLiteral.value(of: text(of: current), fold: fold)
        advance()
        guard current.isString else { return Located(value: value, location: start) }
        // A text of several literals, joined by a space (none when not folded).
        var pieces = [TextPiece(offset: 0, location: start)]
        var offset = 0
        var previousLength = value.utf8.count
        while current.isString {
            offset += previousLength + (fold ? 1 : 0)
            pieces.append(TextPiece(offset: offset, location: current.location))
            let part = StringLiteral.value(of: text(of: current), fold: fold)
            if fold { value += " " }
            value += part
            previousLength = part.utf8.count
            advance()
        }
        textPieces[start] = pieces
        return Located(value: value, location: start)
    }

    mutating func expectInteger(_ role: String) throws -> Located<Int> {
        let start = current.location
        var sign = 1
        if current.isSymbol(.minus) { sign = -1; advance() }
        guard case .integer(let value) = current.kind else {
            throw fail(.expected(role, found: shown(current)))
        }
        advance()
        return Located(value: sign * value, location: start)
    }

    mutating func expectNumber(_ role: @autoclosure () -> String) throws -> (Double, isInteger: Bool) {
        var sign = 1.0
        if current.isSymbol(.minus) { sign = -1; advance() }
        switch current.kind {
        case .integer(let i): advance(); return (sign * Double(i), true)
        case .decimal(let d): advance(); return (sign * d, false)
        default: throw fail(.expected(role(), found: shown(current)))
        }
    }

    mutating func expectRange(_ role: String) throws -> Located<RangeSyntax> {
        let start = current.location
        let (lower, lowerIsInteger) = try expectNumber(role)
        guard current.isSymbol(.dotDot) else { throw fail(.expected("'..' in \(role)", found: shown(current))) }
        advance()
        let (upper, upperIsInteger) = try expectNumber("the upper end of \(role)")
        if lower > upper { throw fail(.rangeReversed(lower: lower, upper: upper), at: start) }
        return Located(value: RangeSyntax(lower: lower, upper: upper, isInteger: lowerIsInteger && upperIsInteger),
                       location: start)
    }

    // MARK: - File

    mutating func parseFile() -> SyntaxTree {
        var tree = SyntaxTree()
        parseHeader(into: &tree)
        tree.statements = parseBlock(closers: [], opener: nil).body
        tree.textPieces = textPieces
        tree.declarationCount = declarationCount
        return tree
    }

    private mutating func parseHeader(into tree: inout SyntaxTree) {
        skipBlankLines()
        if current.isWord(.survey) {
            do {
                let location = current.location
                advance()
                let name = try expectName("the survey's name")
                let title = try expectString("the survey's title")
                try expectLineEnd(after: "the survey's title")
                tree.survey = (name.value, title.value, location)
            } catch { recover() }
        } else {
            diagnostics.error(.missingSurvey, at: current.location)
        }
        while true {
            skipBlankLines()
            if current.isWord(.version) {
                do {
                    let location = current.location
                    advance()
                    let number = try expectInteger("a version number")
                    try expectLineEnd(after: "the version number")
                    if tree.version != nil { diagnostics.error(.duplicateHeader("version"), at: location) }
                    tree.version = Located(value: number.value, location: location)
                } catch { recover() }
            } else if current.isWord(.language), peek().isName, peek(2).isLineEnd {
                let location = current.location
                advance()
                let code = text(of: current)
                advance()
                if !InterviewerLanguage.supported.contains(code) {
                    diagnostics.error(.unknownLanguage(code), at: peek(-1).location)
                }
                if tree.language != nil { diagnostics.error(.duplicateHeader("language"), at: location) }
                tree.language = Located(value: code, location: location)
                if current.kind == .newline { advance() }
            } else {
                return
            }
        }
    }

    // MARK: - Blocks and statements

    struct Block {
        var body: [Statement]
        /// The word that closed the block (`end`, `elseif`, `else`), or nil at the end of the file.
        var closer: Token?
    }

    mutating func parseBlock(closers: [Word], opener: Token?) -> Block {
        var body: [Statement] = []
        while true {
            skipBlankLines()
            if current.kind == .end { return Block(body: body, closer: nil) }
            if !closers.isEmpty, let word = current.word, closers.contains(word) { return Block(body: body, closer: current) }
            let start = current
            do {
                if let statement = try parseStatement() { body.append(statement) }
            } catch is Recovered {
                continue
            } catch {
                recover()
                skipContinuationLines(of: start)
            }
        }
    }

    mutating func parseStatement() throws -> Statement? {
        let token = current
        guard case .name(let tag) = token.kind else {
            if case .integer = token.kind { throw fail(.optionOutsideQuestion) }
            if case .invalid = token.kind { throw Abort() }
            throw fail(.expectedStatement(found: shown(token)))
        }
        switch tag {
        case .if?: return try parseBranch()
        case .elseif?, .else?: throw fail(.closerWithoutIf(tag!.text))
        case .end?: throw fail(.endWithoutBlock)
        case .terminate?: return try parseTerminate()
        case .compute?: return try parseCompute()
        case .check?, .warn?: return try parseRule(isHard: tag == .check)
        case .quota?: return try parseQuota()
        case .sample?: return try parseSample()
        case .survey?, .version?: throw fail(.headerNotFirst(tag!.text))
        default:
            if let kind = tag?.questionKind { return try parseQuestion(kind) }
            if startsLoop(token) { return try parseLoop() } // extension: Parser+Loop.swift
            let word = text(of: token)
            if peek().isString || peek().isName && peek(2).isString {
                throw fail(.unknownQuestionKind(word, suggestion: Suggest.closest(to: word, in: QuestionKindWord.allCases.map(\.rawValue))))
            }
            throw fail(.unknownStatement(word, suggestion: Suggest.closest(to: word, in: Parser.statementWords)))
        }
    }

    /// A grid item line: a name (reserved ones too, to report them) then a string; never
    /// a `terminate "…"` statement.
    static func isItemLine(_ first: Token, _ second: Token) -> Bool {
        guard first.isName, !first.isWord(.terminate) else { return false }
        return second.isString
    }

    /// The words that close an `if` block or one of its arms.
    static let ifClosers: [Word] = [.elseif, .else, .end]

    /// How deep `if` blocks and parentheses may nest.
    static let maximumNesting = 64
    /// How many `and`/`or`/arithmetic operators one expression may chain.
    static let maximumOperators = 500

    static let statementWords = Word.allCases.filter(\.startsStatement).map(\.text)

    /// After a broken question header, its option/item lines are skipped quietly.
    mutating func skipContinuationLines(of start: Token) {
        guard case .name(let word) = start.kind else { return }
        if let word, word.startsStatement, ![.single, .multi, .scale, .grid, .sample].contains(word) { return }
        while true {
            let save = position
            skipBlankLines()
            let isOption: Bool
            switch current.kind {
            case .integer: isOption = true
            case .symbol(.minus): isOption = true
            case .name: isOption = word == .grid && Parser.isItemLine(current, peek())
            default: isOption = false
            }
            if !isOption { position = save; return }
            skipToNextLine()
        }
    }

    private mutating func parseBranch() throws -> Statement {
        var arms: [BranchSyntax.Arm] = []
        let opener = current
        if blockDepth >= Parser.maximumNesting { throw fail(.nestedTooDeeply(Parser.maximumNesting)) }
        blockDepth += 1
        defer { blockDepth -= 1 }
        advance()
        var condition: ExprSyntax? = parseConditionLine(at: opener.location)
        var armLocation = opener.location
        while true {
            let block = parseBlock(closers: Parser.ifClosers, opener: opener)
            arms.append(.init(condition: condition, location: armLocation, body: block.body))
            guard let closer = block.closer else {
                diagnostics.error(.blockNotClosed("if"), at: opener.location)
                return .branch(BranchSyntax(arms: arms, fromAttribute: false))
            }
            armLocation = closer.location
            advance()
            switch closer.word {
            case .end?:
                do { try expectLineEnd(after: "'end'") } catch { recover() }
                return .branch(BranchSyntax(arms: arms, fromAttribute: false))
            case .else? where condition == nil || arms.contains(where: { $0.condition == nil }):
                diagnostics.error(.duplicateElse, at: closer.location)
                condition = nil
                do { try expectLineEnd(after: "'else'") } catch { recover() }
            case .else?:
                condition = nil
                do { try expectLineEnd(after: "'else'") } catch { recover() }
            default: // elseif
                if arms.contains(where: { $0.condition == nil }) {
                    diagnostics.error(.elseifAfterElse, at: closer.location)
                }
                condition = parseConditionLine(at: closer.location)
            }
        }
    }

    /// The condition of `if`/`elseif`; a broken one is reported and stands as `.invalid`
    /// so that the block's body is still read as a body.
    private mutating func parseConditionLine(at location: SourceLocation) -> ExprSyntax {
        do {
            let condition = try parseExpression()
            try expectLineEnd(after: "the condition")
            return condition
        } catch {
            recover()
            return .invalid(location)
        }
    }

    private mutating func parseTerminate() throws -> Statement {
        let location = current.location
        advance()
        let closing = try expectString("the closing text after 'terminate'")
        // `as OUTCOME` (a call outcome name, with its hyphens).
        var outcome: Located<String>?
        if case .name = current.kind, text(of: current) == "as" {
            advance()
            // Outcome names may spell words of the language (`quota-filled`): any name goes.
            guard case .name = current.kind else {
                throw fail(.expected("an outcome name after 'as' (like refusal-hard)", found: shown(current)))
            }
            var name = Located(value: text(of: current), location: current.location)
            advance()
            while current.isSymbol(.minus), case .name = peek().kind {
                advance()
                name.value += "-" + text(of: current)
                advance()
            }
            outcome = name
        }
        var condition: ExprSyntax?
        if current.isWord(.if) {
            advance()
            condition = try parseExpression()
        }
        try expectLineEnd(after: condition == nil ? "the closing text" : "the condition")
        return .terminate(TerminateSyntax(location: location, text: closing, condition: condition, outcome: outcome))
    }

    private mutating func parseCompute() throws -> Statement {
        let location = current.location
        advance()
        let name = try expectName("a name after 'compute'")
        declarationCount += 1
        guard current.isSymbol(.equal) else { throw fail(.expected("'=' after the name", found: shown(current))) }
        advance()
        let value = try parseExpression("a value or an expression")
        try expectLineEnd(after: "the expression")
        return .compute(ComputeSyntax(location: location, name: name, value: value))
    }

    private mutating func parseRule(isHard: Bool) throws -> Statement {
        let location = current.location
        advance()
        let condition = try parseExpression()
        let message = try expectString("the message (a string) after the condition")
        try expectLineEnd(after: "the message")
        return .rule(RuleSyntax(isHard: isHard, location: location, condition: condition, message: message))
    }
}

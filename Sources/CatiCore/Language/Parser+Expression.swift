/// Conditions and arithmetic, by the grammar of the language sketch:
/// or → and → not → compare (=, <>, <, <=, >, >=, in, has) → sum → term → factor.
extension Parser {
    mutating func parseExpression(_ role: String = "a condition") throws -> ExprSyntax {
        if current.isLineEnd { throw fail(.expected(role, found: shown(current))) }
        operatorCount = 0
        return try parseOr()
    }

    /// Chains of operators make deep trees too: their length is bounded like nesting.
    private mutating func countOperator() throws {
        operatorCount += 1
        if operatorCount > Parser.maximumOperators { throw fail(.expressionTooLong(Parser.maximumOperators)) }
    }

    private mutating func parseOr() throws -> ExprSyntax {
        var left = try parseAnd()
        while current.isWord(.or) {
            let location = current.location
            try countOperator()
            advance()
            left = .or(left, try parseAnd(), location)
        }
        return left
    }

    private mutating func parseAnd() throws -> ExprSyntax {
        var left = try parseNot()
        while current.isWord(.and) {
            let location = current.location
            try countOperator()
            advance()
            left = .and(left, try parseNot(), location)
        }
        return left
    }

    private mutating func parseNot() throws -> ExprSyntax {
        if current.isWord(.not) {
            if expressionDepth >= Parser.maximumNesting { throw fail(.nestedTooDeeply(Parser.maximumNesting)) }
            expressionDepth += 1
            defer { expressionDepth -= 1 }
            let location = current.location
            advance()
            return .not(try parseNot(), location)
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> ExprSyntax {
        let left = try parseSum()
        let token = current
        if case .symbol(let symbol) = token.kind, let op = Parser.compareOperator(symbol) {
            advance()
            return .compare(op, left, try parseSum(), token.location)
        }
        if token.isWord(.in) {
            advance()
            return .inList(left, try parseInList(), token.location)
        }
        if token.isWord(.has) {
            advance()
            return .has(left, try parseSum(), token.location)
        }
        return left
    }

    private static func compareOperator(_ symbol: Token.Symbol) -> CompareOperator? {
        switch symbol {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }

    private mutating func parseInList() throws -> [InItemSyntax] {
        guard current.isSymbol(.openParen) else { throw fail(.expected("'(' after 'in'", found: shown(current))) }
        advance()
        var items: [InItemSyntax] = []
        repeat {
            if current.isSymbol(.comma) { advance() }
            let first = try parseSum()
            if current.isSymbol(.dotDot) {
                advance()
                items.append(.range(first, try parseSum()))
            } else {
                items.append(.value(first))
            }
        } while current.isSymbol(.comma)
        guard current.isSymbol(.closeParen) else {
            throw fail(.expected("',' or ')' in the list after 'in'", found: shown(current)))
        }
        advance()
        return items
    }

    private mutating func parseSum() throws -> ExprSyntax {
        var left = try parseTerm()
        while case .symbol(let s) = current.kind, s == .plus || s == .minus {
            let location = current.location
            try countOperator()
            advance()
            left = .arithmetic(s == .plus ? .add : .subtract, left, try parseTerm(), location)
        }
        return left
    }

    private mutating func parseTerm() throws -> ExprSyntax {
        var left = try parseFactor()
        while case .symbol(let s) = current.kind, s == .star || s == .slash {
            let location = current.location
            try countOperator()
            advance()
            left = .arithmetic(s == .star ? .multiply : .divide, left, try parseFactor(), location)
        }
        return left
    }

    private mutating func parseFactor() throws -> ExprSyntax {
        let token = current
        switch token.kind {
        case .integer(let i):
            advance()
            return .number(Double(i), isInteger: true, token.location)
        case .decimal(let d):
            advance()
            return .number(d, isInteger: false, token.location)
        case .string:
            let text = try expectString("a string")
            return .string(text.value, token.location)
        case .symbol(.minus):
            if expressionDepth >= Parser.maximumNesting { throw fail(.nestedTooDeeply(Parser.maximumNesting)) }
            expressionDepth += 1
            defer { expressionDepth -= 1 }
            advance()
            return .negate(try parseFactor(), token.location)
        case .symbol(.openParen):
            if expressionDepth >= Parser.maximumNesting { throw fail(.nestedTooDeeply(Parser.maximumNesting)) }
            expressionDepth += 1
            defer { expressionDepth -= 1 }
            advance()
            let inner = try parseOr()
            guard current.isSymbol(.closeParen) else {
                throw fail(.expected("')'", found: shown(current)))
            }
            advance()
            return inner
        case .name(let word):
            if let word, word.isFunction, peek().isSymbol(.openParen) {
                advance(); advance()
                guard current.isName else {
                    throw fail(.expected("a question name inside \(word.text)( )", found: shown(current)))
                }
                let located = Located(value: text(of: current), location: current.location)
                advance()
                guard current.isSymbol(.closeParen) else { throw fail(.expected("')'", found: shown(current))) }
                advance()
                return .call(word.text, argument: located, token.location)
            }
            if let word, word.isReserved {
                throw fail(.expected("a value", found: shown(token)))
            }
            advance()
            return .name(text(of: token), token.location)
        case .invalid:
            throw Abort()
        default:
            throw fail(.expected("a value", found: shown(token)))
        }
    }
}

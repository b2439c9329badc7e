/// `quota NAME ["title"] by V1, V2 [full "text"]`, rows `CODE, CODE: TARGET`, `end`.
extension Parser {
    mutating func parseQuota() throws -> Statement {
        let opener = current
        do {
            return try parseQuotaBlock(opener)
        } catch {
            // A broken header: its rows and `end` go quietly.
            skipToNextLine()
            while current.kind != .end {
                skipBlankLines()
                if current.isWord(.end) { skipToNextLine(); break }
                if let word = current.word, word.startsStatement { break }
                skipToNextLine()
            }
            throw Recovered()
        }
    }

    private mutating func parseQuotaBlock(_ opener: Token) throws -> Statement {
        advance()
        let name = try expectName("the quota's name")
        var title: String?
        if case .string = current.kind { title = try expectString("the quota's title").value }
        guard current.isWord(.by) else { throw fail(.expected("'by' and the quota's variables", found: shown(current))) }
        let byLocation = current.location
        advance()
        var variables: [Located<String>] = []
        repeat {
            if current.isSymbol(.comma) { advance() }
            variables.append(try expectName("a question name after 'by'"))
        } while current.isSymbol(.comma)
        var fullText: Located<String>?
        if current.isWord(.full) {
            advance()
            fullText = try expectString("the closing text after 'full'")
        }
        try expectLineEnd(after: "the quota's variables")

        var rows: [QuotaSyntax.Row] = []
        var hadRowErrors = false
        while true {
            skipBlankLines()
            if current.isWord(.end) {
                advance()
                do { try expectLineEnd(after: "'end'") } catch { recover() }
                break
            }
            if current.kind == .end {
                diagnostics.error(.blockNotClosed("quota"), at: opener.location)
                break
            }
            if let word = current.word, word.startsStatement || word == .survey {
                diagnostics.error(.blockNotClosed("quota"), at: opener.location)
                break
            }
            do {
                rows.append(try parseQuotaRow())
            } catch {
                hadRowErrors = true
                recover()
            }
        }
        var quota = QuotaSyntax(location: opener.location, name: name, title: title, byLocation: byLocation,
                                variables: variables, fullText: fullText, rows: rows)
        quota.hadRowErrors = hadRowErrors
        return .quota(quota)
    }

    private mutating func parseQuotaRow() throws -> QuotaSyntax.Row {
        let location = current.location
        var items: [Located<QuotaItemSyntax>] = []
        repeat {
            if current.isSymbol(.comma) { advance() }
            let token = current
            switch token.kind {
            case .symbol(.star):
                advance()
                items.append(Located(value: .any, location: token.location))
            case .integer, .symbol(.minus):
                let code = try expectInteger("a code")
                items.append(Located(value: .code(code.value), location: token.location))
            case .name:
                advance()
                items.append(Located(value: .codeName(text(of: token)), location: token.location))
            default:
                throw fail(.expected("a code, a code name or '*'", found: shown(token)))
            }
        } while current.isSymbol(.comma)
        guard current.isSymbol(.colon) else {
            throw fail(.expected("':' and the cell's target", found: shown(current)))
        }
        advance()
        let target = try expectInteger("the cell's target (a whole number)")
        if target.value < 0 { throw fail(.negativeTarget, at: target.location) }
        try expectLineEnd(after: "the target")
        return QuotaSyntax.Row(location: location, items: items, target: target)
    }
}

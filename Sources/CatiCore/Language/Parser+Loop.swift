/// `loop NAME over QUESTION`, its body, `end` (extension). `loop` and `over` are words
/// only in their place: no reserved word is added.
extension Parser {
    /// A statement that starts with the name `loop` followed by a name.
    func startsLoop(_ token: Token) -> Bool {
        guard case .name(let word) = token.kind, word == nil, text(of: token) == "loop" else { return false }
        return peek().isName
    }

    mutating func parseLoop() throws -> Statement? {
        let opener = current
        if blockDepth >= Parser.maximumNesting { throw fail(.nestedTooDeeply(Parser.maximumNesting)) }
        blockDepth += 1
        defer { blockDepth -= 1 }
        advance()
        var header: (name: Located<String>, source: Located<String>)?
        do {
            let name = try expectName("the loop's name")
            guard case .name = current.kind, text(of: current) == "over" else {
                throw fail(.expected("'over' and the multi or number question the rounds come from",
                                     found: shown(current)))
            }
            advance()
            let source = try expectName("a multi or number question after 'over'")
            try expectLineEnd(after: "the loop's question")
            header = (name, source)
        } catch {
            recover() // the body is still read as a body
        }
        let block = parseBlock(closers: [.end], opener: opener)
        if block.closer == nil {
            diagnostics.error(.blockNotClosed("loop"), at: opener.location)
        } else {
            advance()
            do { try expectLineEnd(after: "'end'") } catch { recover() }
        }
        guard let header else { return nil }
        return .loop(LoopSyntax(location: opener.location, name: header.name, source: header.source,
                                body: block.body))
    }
}

/// Question headers, their attributes, and the option / anchor / item lines below them.
extension Parser {
    mutating func parseQuestion(_ kind: QuestionKindWord) throws -> Statement {
        let location = current.location
        advance()
        let name = try expectName("the question's name after '\(kind.rawValue)'")
        declarationCount += 1
        let text = try expectString("the question's text (a string) after its name")
        var q = QuestionSyntax(kind: kind, location: location, name: name, text: text)
        // A broken header is reported, but the question is still declared (with its
        // option lines), so that later uses of its name do not cascade into errors.
        do {
            try parseAttributes(into: &q)
        } catch {
            recover()
        }
        parseListLines(into: &q)
        validateLists(of: q)
        if let condition = q.condition {
            var inner = q
            inner.condition = nil
            return .branch(BranchSyntax(
                arms: [.init(condition: condition, location: condition.location, body: [.question(inner)])],
                fromAttribute: true))
        }
        return .question(q)
    }

    private mutating func parseAttributes(into q: inout QuestionSyntax) throws {
        while !current.isLineEnd {
            let token = current
            if q.kind == .scale, token.isSymbol(.minus) || isNumberToken(token) {
                try setOnce(&q.scale, try expectRange("the scale's range"), "A..B", token)
                continue
            }
            guard case .name(let tag) = token.kind else {
                throw fail(.expected("an attribute", found: shown(token)))
            }
            guard let word = tag, word.isAttribute else {
                let written = text(of: token)
                throw fail(.unknownAttribute(written, kind: q.kind.rawValue,
                                             suggestion: Suggest.closest(to: written, in: Parser.attributes(for: q.kind).map(\.text))))
            }
            guard Parser.attributes(for: q.kind).contains(word) else {
                throw fail(.attributeNotForKind(word.text, kind: q.kind.rawValue))
            }
            advance()
            switch word {
            case .range:
                try setOnce(&q.range, try expectRange("the range"), word, token)
            case .decimals:
                let n = try expectInteger("the number of decimals")
                guard (0...9).contains(n.value) else { throw fail(.decimalsOutOfBounds, at: n.location) }
                try setOnce(&q.decimals, n, word, token)
            case .max:
                let n = try expectInteger("the maximum length")
                guard n.value >= 1 else { throw fail(.maxTooSmall, at: n.location) }
                try setOnce(&q.maxLength, n, word, token)
            case .pattern:
                let pattern = try expectString("the pattern (a string)", fold: false)
                try setOnce(&q.pattern, pattern, word, token)
            case .pick:
                try setOnce(&q.pick, try parsePick(), word, token)
            case .scale:
                try setOnce(&q.scale, try expectRange("the scale's range"), word, token)
            case .allow:
                try parseAllow(into: &q, at: token)
            case .optional: try setOnce(&q.optional, Located(value: true, location: token.location), word, token)
            case .rotate: try setOnce(&q.rotate, Located(value: true, location: token.location), word, token)
            case .preload: try setOnce(&q.preload, Located(value: true, location: token.location), word, token)
            case .instruction:
                try setOnce(&q.instruction, try expectString("the instruction (a string) after 'instruction'"), word, token)
            default: // if
                q.condition = try parseExpression()
                if !current.isLineEnd { throw fail(.ifMustBeLast(found: shown(current))) }
            }
        }
        try requireKindAttributes(of: q)
        if current.kind == .newline { advance() }
    }

    static func attributes(for kind: QuestionKindWord) -> [Word] {
        switch kind {
        case .info: return AttributeLists.info
        case .single: return AttributeLists.single
        case .multi: return AttributeLists.multi
        case .number: return AttributeLists.number
        case .text: return AttributeLists.text
        case .scale: return AttributeLists.scale
        case .grid: return AttributeLists.grid
        }
    }

    /// The attributes each kind of question takes, built once.
    private enum AttributeLists {
        static let common: [Word] = [.allow, .optional, .rotate, .preload, .instruction, .if]
        static let info: [Word] = [.instruction, .if]
        static let single = common
        static let multi = common + [.pick]
        static let number: [Word] = [.range, .decimals, .allow, .optional, .preload, .instruction, .if]
        static let text: [Word] = [.max, .pattern, .allow, .optional, .preload, .instruction, .if]
        static let scale: [Word] = [.allow, .optional, .preload, .instruction, .if]
        static let grid: [Word] = [.scale, .allow, .optional, .rotate, .instruction, .if]
    }

    private func isNumberToken(_ token: Token) -> Bool {
        switch token.kind {
        case .integer, .decimal: return true
        default: return false
        }
    }

    mutating func setOnce<T>(_ slot: inout Located<T>?, _ value: Located<T>, _ word: Word, _ token: Token) throws {
        try setOnce(&slot, value, word.text, token)
    }

    mutating func setOnce<T>(_ slot: inout Located<T>?, _ value: Located<T>, _ word: String, _ token: Token) throws {
        if slot != nil { throw fail(.duplicateAttribute(word), at: token.location) }
        slot = Located(value: value.value, location: token.location)
    }

    private mutating func parsePick() throws -> Located<PickSyntax> {
        let lower = try expectInteger("the smallest number of codes to pick")
        guard lower.value >= 0 else { throw fail(.pickNegative, at: lower.location) }
        guard current.isSymbol(.dotDot) else {
            return Located(value: PickSyntax(lower: lower.value, upper: lower.value), location: lower.location)
        }
        advance()
        guard case .integer(let upper) = current.kind else {
            return Located(value: PickSyntax(lower: lower.value, upper: nil), location: lower.location)
        }
        advance()
        guard lower.value <= upper else {
            throw fail(.rangeReversed(lower: Double(lower.value), upper: Double(upper)), at: lower.location)
        }
        guard upper >= 1 else { throw fail(.pickNegative, at: lower.location) }
        return Located(value: PickSyntax(lower: lower.value, upper: upper), location: lower.location)
    }

    private mutating func parseAllow(into q: inout QuestionSyntax, at token: Token) throws {
        repeat {
            if current.isSymbol(.comma) { advance() }
            let word = current
            switch word.word {
            case .dk?:
                advance()
                try setOnce(&q.allowDK, Located(value: true, location: word.location), "allow dk", word)
            case .refused?:
                advance()
                try setOnce(&q.allowRefused, Located(value: true, location: word.location), "allow refused", word)
            default:
                throw fail(.expected("'dk' or 'refused' after 'allow'", found: shown(word)))
            }
        } while current.isSymbol(.comma)
    }

    private mutating func requireKindAttributes(of q: QuestionSyntax) throws {
        switch q.kind {
        case .number where q.range == nil:
            throw fail(.missingAttribute("range A..B", kind: "number"), at: q.name.location)
        case .scale where q.scale == nil:
            throw fail(.missingAttribute("its range A..B", kind: "scale"), at: q.name.location)
        case .grid where q.scale == nil:
            throw fail(.missingAttribute("scale A..B", kind: "grid"), at: q.name.location)
        case .scale, .grid:
            if let s = q.scale, !s.value.isInteger { throw fail(.scaleNotInteger, at: s.location) }
        case .number:
            if let r = q.range, !r.value.isInteger, q.decimals == nil {
                throw fail(.rangeNeedsDecimals, at: r.location)
            }
        default: break
        }
        if q.preload != nil, q.kind == .grid || q.kind == .info {
            throw fail(.attributeNotForKind("preload", kind: q.kind.rawValue), at: q.preload!.location)
        }
    }

    // MARK: - Option, anchor and item lines

    mutating func parseListLines(into q: inout QuestionSyntax) {
        while true {
            let save = position
            skipBlankLines()
            switch q.kind {
            case .single, .multi, .scale:
                guard case .integer = current.kind else {
                    if current.isSymbol(.minus), case .integer = peek().kind { break }
                    position = save; return
                }
            case .grid:
                guard Parser.isItemLine(current, peek()) else {
                    position = save; return
                }
            default:
                position = save; return
            }
            do {
                switch q.kind {
                case .grid: q.items.append(try parseItemLine())
                case .scale: q.anchors.append(try parseAnchorLine())
                default: q.options.append(try parseOptionLine(multi: q.kind == .multi))
                }
            } catch {
                recover()
            }
        }
    }

    mutating func parseOptionLine(multi: Bool) throws -> OptionSyntax {
        let code = try expectInteger("a code")
        var codeName: Located<String>?
        if current.isName { codeName = try expectName("a code name") }
        let label = try expectString("the option's label (a string)")
        var option = OptionSyntax(code: code, codeName: codeName, label: label, other: false, exclusive: nil, fixed: false)
        // A mistake after the label is reported, but the option still belongs to its
        // question, so its code and code name do not cascade into more errors.
        do {
            while case .name(let word) = current.kind {
                switch word {
                case .other? where !option.other: option.other = true
                case .exclusive? where option.exclusive == nil:
                    if !multi { throw fail(.exclusiveNotMulti) }
                    option.exclusive = Located(value: true, location: current.location)
                case .fixed? where !option.fixed: option.fixed = true
                case .instruction? where option.instruction == nil:
                    advance()
                    option.instruction = try expectString("the instruction (a string) after 'instruction'")
                    continue
                case .other?, .exclusive?, .fixed?, .instruction?: throw fail(.duplicateAttribute(word!.text))
                default:
                    let written = text(of: current)
                    throw fail(.unknownOptionFlag(written, suggestion: Suggest.closest(
                        to: written, in: ["other", "exclusive", "fixed", "instruction"])))
                }
                advance()
            }
            try expectLineEnd(after: "the option")
        } catch {
            skipToNextLine()
        }
        return option
    }

    private mutating func parseAnchorLine() throws -> AnchorSyntax {
        let value = try expectInteger("a scale value")
        let label = try expectString("the anchor's label (a string)")
        try expectLineEnd(after: "the anchor's label")
        return AnchorSyntax(value: value, label: label)
    }

    private mutating func parseItemLine() throws -> ItemSyntax {
        let name = try expectName("an item name")
        declarationCount += 1
        let text = try expectString("the item's text")
        var item = ItemSyntax(name: name, text: text, fixed: false)
        // As for options: a mistake after the text is reported, the item still counts.
        do {
            while true {
                if current.isWord(.fixed), !item.fixed {
                    item.fixed = true
                    advance()
                } else if current.isWord(.instruction), item.instruction == nil {
                    advance()
                    item.instruction = try expectString("the instruction (a string) after 'instruction'")
                } else {
                    break
                }
            }
            try expectLineEnd(after: "the item's text")
        } catch {
            skipToNextLine()
        }
        return item
    }

    private mutating func validateLists(of q: QuestionSyntax) {
        switch q.kind {
        case .single, .multi:
            if q.options.isEmpty { diagnostics.error(.noOptions(q.name.value), at: q.name.location) }
        case .grid:
            if q.items.isEmpty { diagnostics.error(.noItems(q.name.value), at: q.name.location) }
        default: break
        }
    }

    // MARK: - sample

    mutating func parseSample() throws -> Statement {
        let location = current.location
        advance()
        let name = try expectName("the sample variable's name")
        declarationCount += 1
        let kindToken = current
        guard let kind = current.word?.questionKind, [.single, .number, .text].contains(kind) else {
            throw fail(.sampleKind(found: shown(current)))
        }
        advance()
        let text = try expectString("the sample variable's description (a string)")
        var sample = SampleSyntax(location: location, name: name,
                                  kind: Located(value: kind, location: kindToken.location), text: text, options: [])
        try parseSampleAttributes(into: &sample)
        try expectLineEnd(after: "the description")
        var options: [OptionSyntax] = []
        if kind == .single {
            while true {
                let save = position
                skipBlankLines()
                guard case .integer = current.kind else { position = save; break }
                do { options.append(try parseOptionLine(multi: false)) } catch { recover() }
            }
            if options.isEmpty { diagnostics.error(.noOptions(name.value), at: name.location) }
        }
        sample.options = options
        return .sample(sample)
    }

    /// `range`, `decimals` for a `number` sample variable; `max`, `pattern` for a `text`
    /// one: what its sample cells must be (checked when the sample file is loaded).
    private mutating func parseSampleAttributes(into s: inout SampleSyntax) throws {
        let kind = s.kind.value
        let allowed: [Word] = kind == .number ? [.range, .decimals] : kind == .text ? [.max, .pattern] : []
        while case .name(let tag) = current.kind {
            let token = current
            // `personal` (extension, docs/privacy.md): the column names the respondent.
            if tag == nil, text(of: token) == "personal" {
                if s.personal { throw fail(.duplicateAttribute("personal"), at: token.location) }
                s.personal = true
                advance()
                continue
            }
            guard let word = tag, allowed.contains(word) else {
                let written = text(of: token)
                if let word = tag, word.isAttribute {
                    throw fail(.attributeNotForKind(word.text, kind: "sample \(kind.rawValue)"))
                }
                throw fail(.unknownAttribute(written, kind: "sample \(kind.rawValue)",
                                             suggestion: Suggest.closest(to: written, in: allowed.map(\.text))))
            }
            advance()
            switch word {
            case .range: try setOnce(&s.range, try expectRange("the range"), word, token)
            case .decimals:
                let n = try expectInteger("the number of decimals")
                guard (0...9).contains(n.value) else { throw fail(.decimalsOutOfBounds, at: n.location) }
                try setOnce(&s.decimals, n, word, token)
            case .max:
                let n = try expectInteger("the maximum length")
                guard n.value >= 1 else { throw fail(.maxTooSmall, at: n.location) }
                try setOnce(&s.maxLength, n, word, token)
            default: // pattern
                try setOnce(&s.pattern, try expectString("the pattern (a string)", fold: false), word, token)
            }
        }
        if let r = s.range, !r.value.isInteger, s.decimals == nil { throw fail(.rangeNeedsDecimals, at: r.location) }
    }
}

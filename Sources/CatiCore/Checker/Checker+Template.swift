/// Text fills: `{name}`, `{sample.column}`, `{interviewer}`, `{{`.
extension Checker {
    mutating func template(_ text: Located<String>, owner: String? = nil) -> Template {
        guard text.value.containsByte(0x7B) else { return Template(parts: [.literal(text.value)]) }
        var value = text.value
        return value.withUTF8 { template(of: $0, text, owner: owner) }
    }

    /// Cuts the text's bytes into literals and fills; the literal bytes between two fills
    /// are copied once (through a buffer only when a `{{` splits them).
    private mutating func template(of bytes: UnsafeBufferPointer<UInt8>, _ text: Located<String>,
                                   owner: String?) -> Template {
        var parts: [Template.Part] = []
        parts.reserveCapacity(4)
        var joined: [UInt8]? // the literal so far, when a `{{` split it
        var i = 0
        var run = 0 // start of the literal bytes not yet copied
        func flush() {
            if var buffer = joined {
                buffer += bytes[run..<i]
                if !buffer.isEmpty { parts.append(.literal(String(decoding: buffer, as: UTF8.self))) }
                joined = nil
            } else if run < i {
                parts.append(.literal(String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<i]), as: UTF8.self)))
            }
        }
        while i < bytes.count {
            guard bytes[i] == 0x7B else { i += 1; continue }
            if i + 1 < bytes.count, bytes[i + 1] == 0x7B { // `{{`: a literal brace
                joined = (joined ?? []) + bytes[run...i]
                i += 2
                run = i
                continue
            }
            let offset = i
            guard let close = bytes[(i + 1)...].firstIndex(of: 0x7D) else {
                diagnostics.error(.unclosedFill, at: location(in: text, offset: offset))
                i += 1
                continue
            }
            flush()
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<close]), as: UTF8.self).trimmingSpaces()
            i = close + 1
            run = i
            if let owner, name == owner {
                diagnostics.error(.fillOwnAnswer(name), at: location(in: text, offset: offset))
                continue
            }
            switch fillPart(name) {
            case .success(let part): parts.append(part)
            case .failure(let wrong): diagnostics.error(wrong.message, at: location(in: text, offset: offset))
            }
        }
        flush()
        if parts.isEmpty { parts.append(.literal("")) }
        return Template(parts: parts)
    }

    /// Where the byte at UTF-8 `offset` of a text's value stands in the file: the string
    /// literal that holds it (a text may be several literals on several lines).
    private func location(in text: Located<String>, offset: Int) -> SourceLocation {
        guard let pieces = tree.textPieces[text.location],
              let piece = pieces.last(where: { $0.offset <= offset }) else { return text.location }
        return piece.location
    }

    /// A fill's wrong name, as the message that reports it.
    struct WrongFill: Error {
        var message: Message
    }

    private mutating func fillPart(_ name: String) -> Result<Template.Part, WrongFill> {
        if name == "interviewer" { return .success(.interviewer) }
        if let round = activeRound, name == round.loopName { return .success(round.fill) }
        // The byte test first (cheap, and false for almost every fill), then the
        // character test: a combining mark after the dot makes another character.
        if name.utf8.starts(with: "sample.".utf8), name.hasPrefix("sample.") {
            let column = String(name.dropFirst(7)) // "sample." is 7 characters
            guard !column.isEmpty, !column.contains(" ") else { return .failure(WrongFill(message: .badFill(name))) }
            return .success(.sample(column))
        }
        guard !name.isEmpty, name.isPlainName || name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            return .failure(WrongFill(message: .badFill(name)))
        }
        if declared[name] == nil, let part = otherFill(name) { return .success(part) }
        guard let id = declared[name] else {
            if let message = loopBodyName(name) { return .failure(WrongFill(message: message)) }
            if let below = declaredAnywhere[name] {
                return .failure(WrongFill(message: .fillBeforeDeclaration(name, line: below.line)))
            }
            return .failure(WrongFill(message: .unknownFill(name, suggestion: suggestDeclared(name))))
        }
        if variables[id].role == .info { return .failure(WrongFill(message: .noValue(name))) }
        return .success(.variable(id))
    }

    /// `{NAME_other}` of a question NAME declared above with an `other` option.
    private func otherFill(_ name: String) -> Template.Part? {
        guard name.hasSuffix("_other"), let id = declared[String(name.dropLast(6))],
              case .question(let q) = variables[id].role, questions[q].options.contains(where: \.other)
        else { return nil }
        return .other(question: q)
    }
}

extension String {
    func trimmingSpaces() -> String {
        // Nothing to trim: no space byte at either end (a Character that is a space
        // starts and ends with one).
        if let first = utf8.first, first != 0x20, utf8.last != 0x20 { return self }
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    /// Whether the UTF-8 holds `byte`, read from contiguous storage when there is some.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? utf8.contains(byte)
    }

    /// Only ASCII letters, digits and `_`: a name by the quick test (others take the
    /// Character test).
    var isPlainName: Bool {
        utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }
    }
}

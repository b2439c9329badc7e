/// Text fills: `{name}`, `{sample.column}`, `{interviewer}`, `{{`.
extension Checker {
    mutating func template(_ text: Located<String>, owner: String? = nil) -> Template {
        guard text.value.utf8.contains(0x7B) else { return Template(parts: [.literal(text.value)]) }
        var parts: [Template.Part] = []
        var literal: [UInt8] = []
        let bytes = Array(text.value.utf8)
        var i = 0
        var run = 0 // start of the literal bytes not yet copied
        func flush() {
            literal += bytes[run..<i]
            if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))); literal = [] }
        }
        while i < bytes.count {
            guard bytes[i] == 0x7B else { i += 1; continue }
            if i + 1 < bytes.count, bytes[i + 1] == 0x7B { // `{{`: a literal brace
                literal += bytes[run...i]
                i += 2
                run = i
                continue
            }
            let at = location(in: text, offset: i)
            guard let close = bytes[(i + 1)...].firstIndex(of: 0x7D) else {
                diagnostics.error(.unclosedFill, at: at)
                i += 1
                continue
            }
            flush()
            let name = String(decoding: bytes[(i + 1)..<close], as: UTF8.self).trimmingSpaces()
            i = close + 1
            run = i
            if let owner, name == owner {
                diagnostics.error(.fillOwnAnswer(name), at: at)
                continue
            }
            if let part = fillPart(name, at: at) { parts.append(part) }
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

    private mutating func fillPart(_ name: String, at location: SourceLocation) -> Template.Part? {
        if name == "interviewer" { return .interviewer }
        if name.hasPrefix("sample.") {
            let column = String(name.dropFirst("sample.".count))
            guard !column.isEmpty, !column.contains(" ") else {
                diagnostics.error(.badFill(name), at: location)
                return nil
            }
            return .sample(column)
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            diagnostics.error(.badFill(name), at: location)
            return nil
        }
        guard let id = declared[name] else {
            if let below = declaredAnywhere[name] {
                diagnostics.error(.fillBeforeDeclaration(name, line: below.line), at: location)
            } else {
                diagnostics.error(.unknownFill(name, suggestion: Suggest.closest(to: name, in: Array(declared.keys))),
                                  at: location)
            }
            return nil
        }
        if variables[id].role == .info {
            diagnostics.error(.noValue(name), at: location)
            return nil
        }
        return .variable(id)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

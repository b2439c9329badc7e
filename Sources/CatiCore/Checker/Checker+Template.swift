/// Text fills: `{name}`, `{sample.column}`, `{interviewer}`, `{{`.
extension Checker {
    mutating func template(_ text: Located<String>, owner: String? = nil) -> Template {
        guard text.value.contains("{") else { return Template(parts: [.literal(text.value)]) }
        var parts: [Template.Part] = []
        var literal = ""
        let all = Array(text.value)
        var chars = all[...]
        while let c = chars.popFirst() {
            if c == "{", chars.first == "{" {
                chars.removeFirst()
                literal.append("{")
                continue
            }
            guard c == "{" else { literal.append(c); continue }
            let at = location(in: text, offset: chars.startIndex - 1)
            guard let close = chars.firstIndex(of: "}") else {
                diagnostics.error(.unclosedFill, at: at)
                literal.append(c)
                continue
            }
            let name = String(chars[chars.startIndex..<close]).trimmingSpaces()
            chars = chars[(close + 1)...]
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            if let owner, name == owner {
                diagnostics.error(.fillOwnAnswer(name), at: at)
                continue
            }
            if let part = fillPart(name, at: at) { parts.append(part) }
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
        return Template(parts: parts)
    }

    /// Where the character at `offset` of a text's value stands in the file: the string
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

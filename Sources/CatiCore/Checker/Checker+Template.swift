/// Text fills: `{name}`, `{sample.column}`, `{interviewer}`, `{{`.
extension Checker {
    mutating func template(_ text: Located<String>) -> Template {
        var parts: [Template.Part] = []
        var literal = ""
        var chars = Array(text.value)[...]
        while let c = chars.popFirst() {
            if c == "{", chars.first == "{" {
                chars.removeFirst()
                literal.append("{")
                continue
            }
            guard c == "{" else { literal.append(c); continue }
            guard let close = chars.firstIndex(of: "}") else {
                diagnostics.error(.unclosedFill, at: text.location)
                literal.append(c)
                continue
            }
            let name = String(chars[chars.startIndex..<close]).trimmingSpaces()
            chars = chars[(close + 1)...]
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            if let part = fillPart(name, at: text.location) { parts.append(part) }
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
        return Template(parts: parts)
    }

    private mutating func fillPart(_ name: String, at location: SourceLocation) -> Template.Part? {
        if name == "interviewer" { return .interviewer }
        if name.hasPrefix("sample.") {
            let column = String(name.dropFirst("sample.".count))
            guard !column.isEmpty else {
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

/// A questionnaire's texts by key, and the same questionnaire with its texts in another
/// language: same variables, codes, routing, quotas and SHA-256, so that interviews in
/// every language are one survey.
extension Questionnaire {
    /// The language codes the interview can be run in: the questionnaire's own first.
    public var languages: [String] { [textLanguage] + translations.keys.sorted() }

    /// Adds a checked translation.
    public mutating func add(_ translation: Translation) {
        translations[translation.language] = translation
    }

    /// The questionnaire with its texts in `language` (itself for its own language or
    /// an unknown one).
    public func translated(to language: String) -> Questionnaire {
        guard language != textLanguage, let translation = translations[language] else { return self }
        var copy = self
        copy.textLanguage = language
        func t(_ key: String, _ original: Template) -> Template { translation.texts[key] ?? original }
        func ti(_ key: String, _ original: Template?) -> Template? { original.map { t(key, $0) } }
        copy.questions = questions.map { q in
            let kind: Question.Kind
            func options(_ list: CodeList) -> CodeList {
                CodeList(options: list.options.map { o in
                    AnswerOption(code: o.code, codeName: o.codeName, label: t("\(q.name) \(o.code)", o.label),
                                 other: o.other, exclusive: o.exclusive, fixed: o.fixed,
                                 instruction: ti("\(q.name) \(o.code) instruction", o.instruction))
                })
            }
            switch q.kind {
            case .single(let list): kind = .single(options(list))
            case .multi(let list, let pick): kind = .multi(options(list), pick: pick)
            case .scale(let range, let anchors):
                kind = .scale(range: range, anchors: anchors.reduce(into: [:]) { $0[$1.key] = t("\(q.name) \($1.key)", $1.value) })
            case .grid(let range, let items):
                kind = .grid(range: range, items: items.map { i in
                    GridItem(name: i.name, text: t("\(q.name) \(i.name)", i.text), fixed: i.fixed, variable: i.variable,
                             instruction: ti("\(q.name) \(i.name) instruction", i.instruction))
                })
            default: kind = q.kind
            }
            return Question(index: q.index, name: q.name, kind: kind, text: t(q.name, q.text), allowDK: q.allowDK,
                            allowRefused: q.allowRefused, optional: q.optional, rotate: q.rotate, preload: q.preload,
                            location: q.location, variable: q.variable,
                            instruction: ti("\(q.name) instruction", q.instruction))
        }
        // Coded answers fill with their labels: the variables' code lists, translated.
        copy.variables = variables.map { v in
            var out = v
            switch v.role {
            case .question(let q) where !copy.questions[q].options.isEmpty:
                out.codes = CodeList(options: copy.questions[q].options)
            case .sample where v.codes != nil:
                out.codes = CodeList(options: v.codes!.options.map { o in
                    AnswerOption(code: o.code, codeName: o.codeName, label: t("\(v.name) \(o.code)", o.label),
                                 other: o.other, exclusive: o.exclusive, fixed: o.fixed, instruction: o.instruction)
                })
            default: break
            }
            return out
        }
        var terminates = 0, checks = 0, warns = 0
        copy.program = program.map { instruction in
            switch instruction {
            case .terminate(let text, let condition, let outcome):
                terminates += 1
                return .terminate(t("terminate \(terminates)", text), condition: condition, outcome: outcome)
            case .rule(let r):
                var key: String
                if r.isHard { checks += 1; key = "check \(checks)" } else { warns += 1; key = "warn \(warns)" }
                key = r.textKey ?? key
                var rule = Rule(isHard: r.isHard, condition: r.condition, message: t(key, r.message),
                                variables: r.variables, location: r.location)
                rule.textKey = r.textKey
                return .rule(rule)
            default: return instruction
            }
        }
        copy.quotas = quotas.map { q in
            Quota(name: q.name, title: q.title, variables: q.variables, cells: q.cells,
                  fullText: ti("quota \(q.name) full", q.fullText), location: q.location)
        }
        return copy
    }

    /// Every translatable text by its key (see `TextKeys`).
    func textTemplates() -> [String: Template] {
        var out: [String: Template] = [:]
        for q in questions {
            out[q.name] = q.text
            if let i = q.instruction { out["\(q.name) instruction"] = i }
            for o in q.options {
                out["\(q.name) \(o.code)"] = o.label
                if let i = o.instruction { out["\(q.name) \(o.code) instruction"] = i }
            }
            if case .scale(_, let anchors) = q.kind { for (v, a) in anchors { out["\(q.name) \(v)"] = a } }
            for item in q.gridItems {
                out["\(q.name) \(item.name)"] = item.text
                if let i = item.instruction { out["\(q.name) \(item.name) instruction"] = i }
            }
        }
        var terminates = 0, checks = 0, warns = 0
        for instruction in program {
            switch instruction {
            case .terminate(let text, _, _): terminates += 1; out["terminate \(terminates)"] = text
            case .rule(let r):
                if r.isHard { checks += 1 } else { warns += 1 }
                out[r.textKey ?? (r.isHard ? "check \(checks)" : "warn \(warns)")] = r.message
            default: break
            }
        }
        for q in quotas { if let f = q.fullText { out["quota \(q.name) full"] = f } }
        for id in sampleVariables { for o in variables[id].codes?.options ?? [] { out["\(variables[id].name) \(o.code)"] = o.label } }
        return out
    }
}

/// Questions: names, code lists, anchors, grid items, and their place in the program.
extension Checker {
    mutating func checkQuestion(_ q: QuestionSyntax) {
        let index = questions.count
        let text = template(q.text, owner: q.name.value)
        let instruction = q.instruction.map { template($0, owner: q.name.value) }
        var variable: Int?
        let kind: Question.Kind
        switch q.kind {
        case .info:
            kind = .info
            _ = declare(q.name, role: .info, type: .none, codes: nil)
        case .single:
            let list = codeList(q.options, question: q.name.value)
            kind = .single(list)
            variable = declare(q.name, role: .question(index: index), type: .code, codes: list)
        case .multi:
            let list = codeList(q.options, question: q.name.value)
            let pick = pickRange(q, optionCount: list.options.count)
            kind = .multi(list, pick: pick)
            variable = declare(q.name, role: .question(index: index), type: .codes, codes: list)
        case .number:
            let r = q.range?.value ?? RangeSyntax(lower: 0, upper: 0, isInteger: true)
            kind = .number(range: r.lower...r.upper, decimals: q.decimals?.value ?? 0)
            variable = declare(q.name, role: .question(index: index), type: .number, codes: nil)
        case .text:
            if let p = q.pattern { validatePattern(p) }
            kind = .text(maxLength: q.maxLength?.value ?? 500, pattern: q.pattern?.value)
            variable = declare(q.name, role: .question(index: index), type: .text, codes: nil)
        case .scale:
            let range = scaleRange(q)
            kind = .scale(range: range, anchors: anchors(q.anchors, range: range))
            variable = declare(q.name, role: .question(index: index), type: .code, codes: scaleCodes(range))
        case .grid:
            let range = scaleRange(q)
            // The grid's own name is no variable, but it takes its place among the names.
            _ = declare(q.name, role: .info, type: .none, codes: nil)
            var items: [GridItem] = []
            let codes = scaleCodes(range)
            for item in q.items {
                let id = declare(item.name, role: .gridItem(question: index, item: items.count), type: .code,
                                 codes: codes)
                items.append(GridItem(name: item.name.value, text: template(item.text), fixed: item.fixed, variable: id,
                                      instruction: item.instruction.map { template($0) }))
            }
            kind = .grid(range: range, items: items)
        }
        if let rotate = q.rotate, q.options.count + q.items.count < 2 {
            diagnostics.warning(.rotateNothing, at: rotate.location)
        }
        questions.append(Question(
            index: index, name: q.name.value, kind: kind, text: text,
            allowDK: q.allowDK != nil, allowRefused: q.allowRefused != nil, optional: q.optional != nil,
            rotate: q.rotate != nil, preload: q.preload != nil, location: q.location, variable: variable,
            instruction: instruction))
        program.append(.ask(question: index))
    }

    /// A scale's or grid's range; a broken header (already reported) stands as 0..0.
    private func scaleRange(_ q: QuestionSyntax) -> ClosedRange<Int> {
        guard let r = q.scale?.value, r.lower <= r.upper, abs(r.lower) < 1e9, abs(r.upper) < 1e9 else { return 0...0 }
        return Int(r.lower)...Int(r.upper)
    }

    mutating func codeList(_ options: [OptionSyntax], question: String) -> CodeList {
        var seenCodes = SeenLines<Int>(expected: options.count)
        var seenNames = SeenLines<String>(expected: options.count)
        var out: [AnswerOption] = []
        out.reserveCapacity(options.count)
        for option in options {
            if let line = seenCodes[option.code.value] {
                diagnostics.error(.duplicateCode(option.code.value, question: question, firstAt: line), at: option.code.location)
                continue
            }
            seenCodes[option.code.value] = option.code.location.line
            if let name = option.codeName {
                if Word.isReserved(name.value) {
                    diagnostics.error(.reservedName(name.value), at: name.location)
                } else if let line = seenNames[name.value] {
                    diagnostics.error(.duplicateCodeName(name.value, question: question, firstAt: line), at: name.location)
                }
                seenNames[name.value] = name.location.line
            }
            out.append(AnswerOption(code: option.code.value, codeName: option.codeName?.value, label: template(option.label),
                              other: option.other, exclusive: option.exclusive != nil, fixed: option.fixed,
                              instruction: option.instruction.map { template($0) }))
        }
        return CodeList(options: out)
    }

    private mutating func pickRange(_ q: QuestionSyntax, optionCount: Int) -> ClosedRange<Int> {
        guard let pick = q.pick else { return 1...max(1, optionCount) }
        let upper = pick.value.upper ?? optionCount
        if pick.value.lower > optionCount {
            diagnostics.error(.pickImpossible(pick.value.lower, options: optionCount), at: pick.location)
            return 0...max(optionCount, 1)
        }
        if upper > optionCount {
            diagnostics.warning(.pickLargerThanOptions(upper, options: optionCount), at: pick.location)
        }
        let lower = max(pick.value.lower, q.optional != nil ? 0 : 0)
        return lower...max(lower, min(upper, max(optionCount, 1)))
    }

    private mutating func anchors(_ anchors: [AnchorSyntax], range: ClosedRange<Int>) -> [Int: Template] {
        var out: [Int: Template] = [:]
        for anchor in anchors {
            if !range.contains(anchor.value.value) {
                diagnostics.error(.anchorOutsideScale(anchor.value.value, lower: range.lowerBound, upper: range.upperBound),
                                  at: anchor.value.location)
            } else if out[anchor.value.value] != nil {
                diagnostics.error(.duplicateAnchor(anchor.value.value), at: anchor.value.location)
            }
            out[anchor.value.value] = template(anchor.label)
        }
        return out
    }

    /// The codes of a scale: one list per range, shared by every scale and grid that has it.
    private mutating func scaleCodes(_ range: ClosedRange<Int>) -> CodeList? {
        guard range.count <= 1_000 else { return nil }
        if let codes = scaleCodeLists[range] { return codes }
        let codes = CodeList(options: range.map {
            AnswerOption(code: $0, codeName: nil, label: Template(literal: String($0)), other: false, exclusive: false, fixed: false)
        })
        scaleCodeLists[range] = codes
        return codes
    }

    mutating func validatePattern(_ pattern: Located<String>) {
        do {
            _ = try Regex(pattern.value)
        } catch {
            diagnostics.error(.invalidPattern(String(describing: error)), at: pattern.location)
        }
    }
}

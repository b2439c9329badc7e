/// The current step as a plain value for the screen.
extension Interview {
    public var screen: Screen {
        let stop = current
        switch stop.kind {
        case .ask(let q, let item):
            return .question(prompt(questionnaire.questions[q], item: item))
        case .specifyOther(let q):
            let question = questionnaire.questions[q]
            let chosen: [Int]
            switch question.variable.map({ env[$0] }) {
            case .codes(let codes)?: chosen = codes
            case .number(let n)?: chosen = [Int(n)]
            default: chosen = []
            }
            let labels = question.options.filter { $0.other && chosen.contains($0.code) }.map { fill.render($0.label, env, others: otherText) }
            return .specifyOther(OtherPrompt(question: question.name, text: fill.render(question.text, env, others: otherText),
                                             labels: labels,
                                             prefill: otherMemory[q] ?? "", position: position))
        case .rule:
            guard case .rule(let rule) = questionnaire.program[stop.pc] else { fatalError("rule step without a rule") }
            let involved = rule.variables.map { id -> RulePrompt.Involved in
                let variable = questionnaire.variables[id]
                return RulePrompt.Involved(
                    variable: variable.name, text: variableText(variable), answer: shown(id),
                    canGoTo: trail.contains { asks($0, anyOf: [id]) })
            }
            let prompt = RulePrompt(message: fill.render(rule.message, env, others: otherText), involved: involved, position: position)
            return rule.isHard ? .checkFailed(prompt) : .warning(prompt)
        case .ending(let status, let text, let quota):
            return .ending(EndingPrompt(status: status, text: text, quota: quota))
        }
    }

    /// Question steps on the path so far, the current one included.
    public var position: Int { trail.filter { if case .ask = $0.kind { return true } else { return false } }.count }

    func prompt(_ question: Question, item: Int?) -> QuestionPrompt {
        let order = shownOrder(of: question)
        var options: [QuestionPrompt.ShownOption] = []
        var items: [QuestionPrompt.ShownItem] = []
        var anchors: [(value: Int, label: String)] = []
        var hint = ""
        switch question.kind {
        case .single(let list), .multi(let list, _):
            options = order.map { k in
                let o = list.options[k]
                return .init(code: o.code, codeName: o.codeName, label: fill.render(o.label, env, others: otherText), other: o.other,
                             exclusive: o.exclusive, instruction: o.instruction.map { fill.render($0, env, others: otherText) })
            }
            if case .multi(_, let pick) = question.kind {
                hint = parser.messages.pickHint(pick)
            }
        case .grid(let range, let gridItems):
            items = order.map { k in
                let gi = gridItems[k]
                let value = env[gi.variable] == .absent ? nil : shown(gi.variable)
                return .init(name: gi.name, text: fill.render(gi.text, env, others: otherText), value: value,
                             instruction: gi.instruction.map { fill.render($0, env, others: otherText) })
            }
            hint = "\(range.lowerBound)–\(range.upperBound)"
        case .scale(let range, let labels):
            anchors = labels.keys.sorted().map { ($0, fill.render(labels[$0]!, env, others: otherText)) }
            hint = "\(range.lowerBound)–\(range.upperBound)"
        case .number(let range, let decimals):
            hint = "\(NumberFormat.plain(range.lowerBound, decimals: decimals))–\(NumberFormat.plain(range.upperBound, decimals: decimals))"
            if decimals > 0 { hint += ", " + parser.messages.decimalsHint(decimals) }
        case .text(let maxLength, _):
            hint = parser.messages.maxLengthHint(maxLength)
        case .info:
            break
        }
        let shownItem = item.map { gridIndex in order.firstIndex(of: gridIndex) ?? gridIndex }
        let variable = item.map { question.gridItems[$0].variable } ?? question.variable
        return QuestionPrompt(
            question: question, name: question.name, text: fill.render(question.text, env, others: otherText), options: options,
            items: items, currentItem: shownItem, anchors: anchors,
            prefill: variable.map { typed(memory[$0]) } ?? "", position: position, hint: hint,
            instruction: question.instruction.map { fill.render($0, env, others: otherText) })
    }

    /// Option (or grid item) indices in the order shown.
    public func shownOrder(of question: Question) -> [Int] {
        switch question.kind {
        case .single(let list), .multi(let list, _):
            guard question.rotate else { return Array(list.options.indices) }
            return Rotation.order(count: list.options.count, fixed: list.options.map(\.fixed), interview: id,
                                  question: question.name)
        case .grid(_, let items):
            guard question.rotate else { return Array(items.indices) }
            return Rotation.order(count: items.count, fixed: items.map(\.fixed), interview: id, question: question.name)
        default:
            return []
        }
    }

    /// A value as the interviewer would type it again (Enter keeps it).
    func typed(_ value: Value) -> String {
        switch value {
        case .number(let n): return NumberFormat.plain(n)
        case .codes(let codes): return codes.map(String.init).joined(separator: " ")
        case .text(let t): return t
        default: return ""
        }
    }

    /// A value as shown in a panel: the label and code, "dk", "refused".
    func shown(_ id: Int) -> String {
        switch env[id] {
        case .dk: return "dk"
        case .refused: return "refused"
        case .absent: return ""
        case .number(let n) where questionnaire.variables[id].codes != nil:
            let label = fill.display(id, env[id], env)
            let code = NumberFormat.plain(n)
            return label == code ? code : "\(code) \(label)"
        default: return fill.display(id, env[id], env)
        }
    }

    func variableText(_ variable: Variable) -> String {
        switch variable.role {
        case .question(let q): return fill.render(questionnaire.questions[q].text, env, others: otherText)
        case .gridItem(let q, let item): return fill.render(questionnaire.questions[q].gridItems[item].text, env, others: otherText)
        case .sample: return "(sample)"
        default: return ""
        }
    }
}

/// A condition of the questionnaire in words, for a client reading `cati doc`:
/// `tipo in (azienda, ente)` → `tipo is “Azienda / professionista” or “Ente pubblico o
/// associazione”`; `consenso = no` → `consenso is “No”`; `voto <= 5` → `voto is 5 or less`.
public struct ConditionWords: Sendable {
    public let questionnaire: Questionnaire

    public init(_ questionnaire: Questionnaire) { self.questionnaire = questionnaire }

    private var names: [String] { questionnaire.variables.map(\.name) }

    public func words(_ e: Expression) -> String { phrase(e, context: .top) }

    private enum Context { case top, and, or, not }

    private func phrase(_ e: Expression, context: Context) -> String {
        switch e {
        case .and(let a, let b):
            let s = phrase(a, context: .and) + " and " + phrase(b, context: .and)
            return context == .or || context == .not ? "(\(s))" : s
        case .or(let a, let b):
            let s = phrase(a, context: .or) + " or " + phrase(b, context: .or)
            return context == .and || context == .not ? "(\(s))" : s
        case .not(let inner): return negated(inner)
        case .compare(let op, let a, let b): return comparison(op, a, b)
        case .inList(let subject, let items): return "\(value(subject)) is " + alternatives(items, subject, joiner: "or")
        case .has(let subject, let code): return "\(value(subject)) includes \(codeLabel(code, of: subject))"
        case .function(let f, let id):
            let name = names[id]
            switch f {
            case .answered: return "\(name) is answered"
            case .dk: return "\(name) is “don't know”"
            case .refused: return "\(name) is refused"
            case .count: return "the number of answers to \(name)"
            case .len: return "the length of \(name)"
            }
        case .variable(let id):
            return questionnaire.variables[id].type == .boolean ? "\(names[id]) holds" : names[id]
        default: return value(e)
        }
    }

    private func negated(_ e: Expression) -> String {
        switch e {
        case .compare(.equal, let a, let b): return "\(value(a)) is not \(operand(b, comparedWith: a)) (or not answered)"
        case .inList(let subject, let items):
            return "\(value(subject)) is " + (items.count == 1 ? "not " : "neither ")
                + alternatives(items, subject, joiner: "nor") + " (or not answered)"
        case .has(let subject, let code): return "\(value(subject)) does not include \(codeLabel(code, of: subject))"
        case .function(.answered, let id): return "\(names[id]) is not answered"
        case .function(.dk, let id): return "\(names[id]) is not “don't know”"
        case .function(.refused, let id): return "\(names[id]) is not refused"
        case .variable(let id) where questionnaire.variables[id].type == .boolean: return "\(names[id]) does not hold"
        default: return "not " + phrase(e, context: .not)
        }
    }

    private func comparison(_ op: CompareOperator, _ a: Expression, _ b: Expression) -> String {
        let left = value(a), right = operand(b, comparedWith: a)
        switch op {
        case .equal: return "\(left) is \(right)"
        case .notEqual: return "\(left) is not \(right)"
        case .less: return "\(left) is less than \(right)"
        case .lessEqual: return "\(left) is \(right) or less"
        case .greater: return "\(left) is more than \(right)"
        case .greaterEqual: return "\(left) is \(right) or more"
        }
    }

    private func alternatives(_ items: [Expression.InItem], _ subject: Expression, joiner: String) -> String {
        let parts = items.map { item -> String in
            switch item {
            case .value(let v): return operand(v, comparedWith: subject)
            case .range(let lo, let hi): return "\(value(lo)) to \(value(hi))"
            }
        }
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " \(joiner) " + parts.last!
    }

    /// A number compared with a coded single stands for a code: its label.
    private func operand(_ e: Expression, comparedWith subject: Expression) -> String {
        if case .number(let n) = e, case .variable(let id) = subject, let codes = questionnaire.variables[id].codes,
           case .code = questionnaire.variables[id].type, !isScale(id),
           n == n.rounded(), let option = codes.option(code: Int(n)) {
            return "“" + option.label.written(names: names) + "”"
        }
        return value(e)
    }

    private func codeLabel(_ code: Int, of subject: Expression) -> String {
        if case .variable(let id) = subject, let option = questionnaire.variables[id].codes?.option(code: code) {
            return "“" + option.label.written(names: names) + "”"
        }
        return String(code)
    }

    private func isScale(_ id: Int) -> Bool {
        switch questionnaire.variables[id].role {
        case .gridItem: return true
        case .question(let index):
            if case .scale = questionnaire.questions[index].kind { return true }
            return false
        default: return false
        }
    }

    private static func binding(_ op: ArithmeticOperator) -> Int { op == .add || op == .subtract ? 1 : 2 }

    /// An arithmetic value as written.
    private func value(_ e: Expression) -> String {
        switch e {
        case .number(let n): return NumberFormat.plain(n)
        case .text(let s): return "“\(s)”"
        case .variable(let id): return names[id]
        case .negate(let inner): return "-" + value(inner)
        case .arithmetic(let op, let a, let b):
            // Parentheses only where precedence needs them: a + b + c, (a + b) / 7.
            func side(_ x: Expression, right: Bool) -> String {
                guard case .arithmetic(let inner, _, _) = x else { return value(x) }
                let loose = Self.binding(inner) < Self.binding(op)
                    || (right && Self.binding(inner) == Self.binding(op) && (op == .subtract || op == .divide))
                return loose ? "(\(value(x)))" : value(x)
            }
            return "\(side(a, right: false)) \(op.rawValue) \(side(b, right: true))"
        case .function: return phrase(e, context: .top)
        default: return phrase(e, context: .not)
        }
    }
}

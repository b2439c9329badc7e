/// Expressions and templates written back in the questionnaire language's own syntax,
/// with names instead of ids and code names where a code has one (`tipo in (azienda,
/// ente)`, `canali has telefono`), parenthesised only where precedence needs it.
enum ConditionText {
    /// Binding strength, loosest first.
    enum Level {
        static let or = 1, and = 2, not = 3, compare = 4, add = 5, multiply = 6, negate = 7, atom = 8
    }

    static func expression(_ e: Expression, _ q: Questionnaire, minimumLevel: Int = 0) -> String {
        let (text, level) = render(e, q)
        return level < minimumLevel ? "(" + text + ")" : text
    }

    static func template(_ t: Template, _ q: Questionnaire) -> String {
        t.parts.map { part in
            switch part {
            case .literal(let s): return s
            case .variable(let id): return "{" + q.variables[id].name + "}"
            case .sample(let column): return "{sample." + column + "}"
            case .interviewer: return "{interviewer}"
            case .other(let question): return "{" + q.questions[question].name + "_other}"
            case .label(let id, let code): return q.variables[id].codes?.option(code: code).map { template($0.label, q) } ?? String(code)
            }
        }.joined()
    }

    private static func render(_ e: Expression, _ q: Questionnaire) -> (String, Int) {
        func sub(_ e: Expression, _ level: Int) -> String { expression(e, q, minimumLevel: level) }
        switch e {
        case .number(let n): return (number(n), Level.atom)
        case .text(let s): return ("\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\"") + "\"", Level.atom)
        case .variable(let id): return (q.variables[id].name, Level.atom)
        case .negate(let a): return ("-" + sub(a, Level.negate), Level.negate)
        case .arithmetic(let op, let a, let b):
            let level = (op == .add || op == .subtract) ? Level.add : Level.multiply
            return (sub(a, level) + " " + op.rawValue + " " + sub(b, level + 1), level)
        case .compare(let op, let a, let b):
            return (sub(a, Level.add) + " " + op.rawValue + " " + value(b, comparedWith: a, q), Level.compare)
        case .inList(let a, let items):
            let listed = items.map { item -> String in
                switch item {
                case .value(let v): return value(v, comparedWith: a, q)
                case .range(let lo, let hi): return value(lo, comparedWith: a, q) + ".." + value(hi, comparedWith: a, q)
                }
            }
            return (sub(a, Level.add) + " in (" + listed.joined(separator: ", ") + ")", Level.compare)
        case .has(let a, let code):
            return (sub(a, Level.add) + " has " + codeText(code, of: a, q), Level.compare)
        case .not(let a): return ("not " + sub(a, Level.atom), Level.not)
        case .and(let a, let b): return (sub(a, Level.and) + " and " + sub(b, Level.and), Level.and)
        case .or(let a, let b): return (sub(a, Level.or) + " or " + sub(b, Level.or), Level.or)
        case .function(let f, let id): return (f.rawValue + "(" + q.variables[id].name + ")", Level.atom)
        case .invalid: return ("?", Level.atom)
        }
    }

    /// A number compared with a coded variable, written as its code name when it has one.
    private static func value(_ e: Expression, comparedWith subject: Expression, _ q: Questionnaire) -> String {
        if case .number(let n) = e, n == n.rounded(), abs(n) < 1e15 { return codeText(Int(n), of: subject, q) }
        return expression(e, q, minimumLevel: Level.add)
    }

    private static func codeText(_ code: Int, of subject: Expression, _ q: Questionnaire) -> String {
        if case .variable(let id) = subject, let name = q.variables[id].codes?.option(code: code)?.codeName {
            return name
        }
        return String(code)
    }

    static func number(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}

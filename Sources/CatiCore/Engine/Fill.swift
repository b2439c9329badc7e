/// Renders texts with their fills, and values as an interviewer reads them.
public struct Fill: Sendable {
    let questionnaire: Questionnaire
    let sample: SampleRecord?
    let interviewer: String

    /// `others`: the `other` specifications given so far, by question index.
    public func render(_ template: Template, _ env: [Value], others: [Int: String] = [:]) -> String {
        var out = ""
        for part in template.parts {
            switch part {
            case .literal(let s): out += s
            case .interviewer: out += interviewer
            case .other(let q): out += others[q] ?? ""
            case .sample(let column): out += sample?.value(column) ?? ""
            case .variable(let id): out += display(id, env[id], env)
            case .label(let id, let code):
                out += questionnaire.variables[id].codes?.option(code: code).map { render($0.label, env) } ?? String(code)
            }
        }
        return out
    }

    /// A value as text: the option label for a coded answer, labels joined by ", " for a
    /// multi, the number or text otherwise; empty for absent, dk and refused.
    public func display(_ id: Int, _ value: Value, _ env: [Value]) -> String {
        let variable = questionnaire.variables[id]
        switch value {
        case .absent, .dk, .refused: return ""
        case .number(let n):
            if variable.type == .code, let option = variable.codes?.option(code: Int(n)), !isScale(variable) {
                return render(option.label, env)
            }
            return NumberFormat.plain(n, decimals: decimals(of: variable))
        case .codes(let codes):
            return codes.map { code in
                variable.codes?.option(code: code).map { render($0.label, env) } ?? String(code)
            }.joined(separator: ", ")
        case .text(let t): return t
        case .bool(let b): return b ? "true" : "false"
        }
    }

    private func isScale(_ v: Variable) -> Bool {
        switch v.role {
        case .gridItem: return true
        case .question(let index):
            if case .scale = questionnaire.questions[index].kind { return true }
            return false
        default: return false
        }
    }

    private func decimals(of v: Variable) -> Int? {
        if case .question(let index) = v.role, case .number(_, let d) = questionnaire.questions[index].kind { return d }
        return nil
    }
}

public enum NumberFormat {
    /// `7`, `2.5`: no trailing zeros unless `decimals` asks for them.
    public static func plain(_ n: Double, decimals: Int? = nil) -> String {
        if n == n.rounded(), abs(n) < 1e15, decimals ?? 0 == 0 { return String(Int(n)) }
        if let d = decimals, d > 0 {
            return formatFixed(n, decimals: d)
        }
        return String(n)
    }

    static func formatFixed(_ n: Double, decimals: Int) -> String {
        if decimals <= 0 { return String(Int(n.rounded())) }
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        let scaled = (abs(n) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled.truncatingRemainder(dividingBy: scale))
        var digits = String(fraction)
        while digits.count < decimals { digits = "0" + digits }
        return (n < 0 ? "-" : "") + "\(whole).\(digits)"
    }
}

/// Values taken from the sample file: `sample` variables and `preload` questions.
/// A cell is a code or a code name (or a number / a text); a cell that does not fit
/// gives no value.
public enum SampleValues {
    public static func value(of variable: Variable, in sample: SampleRecord?, questionnaire: Questionnaire) -> Value {
        guard let raw = sample?.value(variable.name) else { return .absent }
        switch variable.type {
        case .code:
            if let n = Int(raw), variable.codes?.option(code: n) != nil { return .number(Double(n)) }
            if let option = variable.codes?.options.first(where: { $0.codeName?.lowercased() == raw.lowercased() }) {
                return .number(Double(option.code))
            }
            return .absent
        case .number:
            return Double(raw.replacingAll(",", with: ".")).map { .number($0) } ?? .absent
        case .text:
            return .text(raw)
        default:
            return .absent
        }
    }

    /// Why a sample cell does not fit its variable, or nil when it does (or is empty).
    public static func problem(of variable: Variable, in sample: SampleRecord, questionnaire: Questionnaire) -> String? {
        guard let raw = sample.value(variable.name) else { return nil }
        if case .question(let index) = variable.role {
            let question = questionnaire.questions[index]
            if case .refused(let why) = AnswerParser(.en).parse(raw, for: question) {
                return "column '\(variable.name)': '\(raw)' does not fit question '\(question.name)': \(why)"
            }
            return nil
        }
        switch variable.type {
        case .number: return numberProblem(raw, variable)
        case .text: return textProblem(raw, variable)
        default: break
        }
        if value(of: variable, in: sample, questionnaire: questionnaire) == .absent {
            let codes = variable.codes.map { list in
                list.options.map { o in o.codeName.map { "\(o.code) \($0)" } ?? String(o.code) }.joined(separator: ", ")
            } ?? ""
            return "column '\(variable.name)': unknown code '\(raw)'" + (codes.isEmpty ? "" : " (codes: \(codes))")
        }
        return nil
    }

    /// A `number` sample cell: a number (a decimal comma is read as a point), within
    /// the variable's range, with no more decimals than it allows.
    static func numberProblem(_ raw: String, _ variable: Variable) -> String? {
        let written = raw.trimmingSpaces().replacingAll(",", with: ".")
        guard let n = Double(written), n.isFinite else {
            return "column '\(variable.name)': '\(raw)' is not a number"
        }
        guard let rule = variable.sampleRule else { return nil }
        if let d = rule.decimals {
            let fraction = written.split(separator: ".", maxSplits: 1).dropFirst().first.map(\.count) ?? 0
            if fraction > d {
                return "column '\(variable.name)': '\(raw)' has \(fraction) decimals; at most \(d) allowed"
            }
        }
        if let r = rule.range, !r.contains(n) {
            return "column '\(variable.name)': \(raw) is outside the range "
                + "\(NumberFormat.plain(r.lowerBound))..\(NumberFormat.plain(r.upperBound))"
        }
        return nil
    }

    /// A `text` sample cell: at most `max` characters, matching `pattern` as a whole.
    static func textProblem(_ raw: String, _ variable: Variable) -> String? {
        guard let rule = variable.sampleRule else { return nil }
        if let max = rule.maxLength, raw.count > max {
            return "column '\(variable.name)': the text has \(raw.count) characters; at most \(max) allowed"
        }
        if let pattern = rule.pattern, let regex = try? Regex(pattern), (try? regex.wholeMatch(in: raw)) == nil {
            return "column '\(variable.name)': '\(raw)' does not match the pattern \"\(pattern)\""
        }
        return nil
    }
}

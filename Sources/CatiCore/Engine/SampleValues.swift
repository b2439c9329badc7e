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
        if value(of: variable, in: sample, questionnaire: questionnaire) == .absent {
            let codes = variable.codes.map { list in
                list.options.map { o in o.codeName.map { "\(o.code) \($0)" } ?? String(o.code) }.joined(separator: ", ")
            } ?? ""
            return "column '\(variable.name)': unknown code '\(raw)'" + (codes.isEmpty ? "" : " (codes: \(codes))")
        }
        return nil
    }
}

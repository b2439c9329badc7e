import CatiCore

/// Where a step stands in a loop (docs/language.md "Loops"): round k of the n rounds
/// this interview has, and what `{LOOP}` fills in it. Worked out from the questionnaire,
/// the answers so far and the step's question names, so the screen-reader mode can say
/// "giro 2 di 3" (docs/accessibility.md); nil outside a loop.
public struct LoopRoundPosition: Sendable, Equatable {
    /// The loop's name, as written (`servizio`).
    public let loop: String
    /// The round's place among the rounds of this interview (1-based).
    public let round: Int
    /// The rounds this interview has: the codes chosen in the `multi`, or the number.
    public let rounds: Int
    /// What `{LOOP}` is in this round: the code's label, or the round's value.
    public let fill: String

    public init(loop: String, round: Int, rounds: Int, fill: String) {
        self.loop = loop
        self.round = round
        self.rounds = rounds
        self.fill = fill
    }

    /// The round of the first of `names` that is a round's variable (`canale_3`), or nil.
    public static func of(_ names: [String], in questionnaire: Questionnaire, values: [String: Value]) -> LoopRoundPosition? {
        for name in names {
            if let found = of(name, in: questionnaire, values: values) { return found }
        }
        return nil
    }

    /// The round whose variable `name` is (`voto_servizio_3` → round of code 3 of
    /// `servizio`), or nil when `name` is no round's variable.
    public static func of(_ name: String, in questionnaire: Questionnaire, values: [String: Value]) -> LoopRoundPosition? {
        guard !questionnaire.loops.isEmpty, let underscore = name.lastIndex(of: "_"),
              let code = Int(name[name.index(after: underscore)...]) else { return nil }
        let base = String(name[..<underscore])
        for loop in questionnaire.loops where loop.bodyNames.contains(base) {
            guard let round = loop.rounds.first(where: { $0.code == code }) else { continue }
            let active = activeCodes(of: loop, in: questionnaire, values: values)
            guard let index = active.firstIndex(of: code) else { continue }
            return LoopRoundPosition(loop: loop.name, round: index + 1, rounds: active.count,
                                     fill: fillText(round.fill, in: questionnaire))
        }
        return nil
    }

    /// The round of the step on `screen`: its question, or the answers a rule names.
    public static func of(_ screen: Screen, in questionnaire: Questionnaire, values: [String: Value]) -> LoopRoundPosition? {
        switch screen {
        case .question(let p): return of([p.name] + p.items.map(\.name), in: questionnaire, values: values)
        case .checkFailed(let p), .warning(let p): return of(p.involved.map(\.variable), in: questionnaire, values: values)
        case .specifyOther, .ending: return nil
        }
    }

    /// The codes of the loop's rounds asked in this interview, in order.
    static func activeCodes(of loop: LoopInfo, in questionnaire: Questionnaire, values: [String: Value]) -> [Int] {
        let codes = loop.rounds.map(\.code)
        switch values[questionnaire.variables[loop.source].name] {
        case .codes(let chosen)?: return codes.filter(chosen.contains)
        case .number(let n)?: return codes.filter { Double($0) <= n }
        default: return []
        }
    }

    static func fillText(_ part: Template.Part, in questionnaire: Questionnaire) -> String {
        switch part {
        case .literal(let s): return s
        case .label(let id, let code):
            guard let label = questionnaire.variables[id].codes?.option(code: code)?.label else { return String(code) }
            return label.parts.map { if case .literal(let s) = $0 { s } else { "" } }.joined()
        default: return ""
        }
    }
}

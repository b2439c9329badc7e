/// Translations of a loop's texts (extension): a text of the body is translated once,
/// under its key as written (`voto_servizio`, `check 2`), and stands in every round,
/// with the round's variables and `{LOOP}` label filled in.
extension TranslationChecker {
    /// Stores the translation of `entry` under each round's key; the first wrong fill, if any.
    static func translateRounds(_ entry: TranslationFile.Entry, of loop: LoopInfo, originals: [String: Template],
                                in questionnaire: Questionnaire, into texts: inout [String: Template],
                                names: inout LoopRounds) -> FillName? {
        let fills = names.fills(of: loop)
        for (round, roundNames) in zip(loop.rounds, fills) {
            let key = loop.roundKey(entry.key, code: round.code)
            guard let original = originals[key] else { continue }
            switch self.fills(entry.text.value, like: original, in: questionnaire, round: roundNames) {
            case .success(let template): texts[key] = template
            case .failure(let name): texts[key] = original; return name
            }
        }
        texts[entry.key] = originals[loop.roundKey(entry.key, code: loop.rounds.first?.code ?? 0)] ?? Template(literal: "")
        return nil
    }
}

/// The loops of a questionnaire by name, and for each round what the body's names and
/// the loop's name fill (made once per loop, for all its texts).
struct LoopRounds {
    private let questionnaire: Questionnaire
    private let byName: [String: LoopInfo]
    private var made: [String: [[String: Template.Part]]] = [:]

    init(_ questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
        byName = Dictionary(questionnaire.loops.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func loop(_ name: String) -> LoopInfo? { byName[name] }

    /// For each round: the loop's name → the round's fill, each body name → the
    /// round's variable, `NAME_other` → the round's other text.
    mutating func fills(of loop: LoopInfo) -> [[String: Template.Part]] {
        if let done = made[loop.name] { return done }
        let rounds = loop.rounds.map { round -> [String: Template.Part] in
            var names: [String: Template.Part] = [loop.name: round.fill]
            for name in loop.bodyNames {
                if let v = questionnaire.variable(named: LoopInfo.roundName(name, code: round.code)) {
                    names[name] = .variable(v.id)
                    if case .question(let q) = v.role { names[name + "_other"] = .other(question: q) }
                }
            }
            return names
        }
        made[loop.name] = rounds
        return rounds
    }
}

extension Questionnaire {
    /// The keys of `textKeys` as the translated questionnaire looks texts up: a loop's
    /// text once per round (`canale 2` → `canale_1 2`, `canale_3 2`; `warn 1` → `warn 1 @3`).
    var roundTextKeys: [String] {
        textKeys.flatMap { entry -> [String] in
            guard let name = entry.loop, let loop = loops.first(where: { $0.name == name }) else { return [entry.key] }
            return loop.rounds.map { loop.roundKey(entry.key, code: $0.code) }
        }
    }
}

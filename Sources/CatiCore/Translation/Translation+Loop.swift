/// Translations of a loop's texts (extension): a text of the body is translated once,
/// under its key as written (`voto_servizio`, `check 2`), and stands in every round,
/// with the round's variables and `{LOOP}` label filled in.
extension TranslationChecker {
    /// Stores the translation of `entry` under each round's key; the first wrong fill, if any.
    static func translateRounds(_ entry: TranslationFile.Entry, of loop: LoopInfo, originals: [String: Template],
                                in questionnaire: Questionnaire, into texts: inout [String: Template]) -> FillName? {
        for round in loop.rounds {
            let key = loop.roundKey(entry.key, code: round.code)
            guard let original = originals[key] else { continue }
            var names: [String: Template.Part] = [loop.name: round.fill]
            for name in loop.bodyNames {
                if let v = questionnaire.variable(named: LoopInfo.roundName(name, code: round.code)) {
                    names[name] = .variable(v.id)
                    if case .question(let q) = v.role { names[name + "_other"] = .other(question: q) }
                }
            }
            switch fills(entry.text.value, like: original, in: questionnaire, round: names) {
            case .success(let template): texts[key] = template
            case .failure(let name): texts[key] = original; return name
            }
        }
        texts[entry.key] = originals[loop.roundKey(entry.key, code: loop.rounds.first?.code ?? 0)] ?? Template(literal: "")
        return nil
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

/// Answers an interview at random along its routing, for `cati simulate`: valid answers
/// drawn from the question's own code order (never from the order shown, so a seed
/// gives the same answers whatever the rotation), sometimes dk/refused where allowed,
/// sometimes an invalid entry first, warnings confirmed or corrected, failed checks
/// corrected by going back and answering again.
public struct RandomRespondent: Sendable {
    var rng: SplitMix64
    var invalidSent = false
    var checkFailures = 0
    var warningReturns = 0
    var steps = 0
    /// Grid items draw from streams of their own, seeded once per grid: the shown order
    /// of the items follows the interview id, their answers must not.
    var gridSeeds: [String: UInt64] = [:]
    var itemStreams: [String: SplitMix64] = [:]
    /// The last answer to each step, given again when the step comes back after going
    /// back to correct an earlier answer (which steps come back can follow the shown order).
    var given: [String: Action] = [:]
    var correcting = false

    public init(seed: UInt64, index: UInt64) {
        rng = SplitMix64.stream(seed: seed, index: index)
    }

    public mutating func nextAction(for interview: Interview) -> Action {
        steps += 1
        if steps > 20_000 { return .end(.breakOff, reason: "simulation: too many steps") }
        switch interview.screen {
        case .question(let prompt):
            defer { if interview.message == nil { invalidSent = false } }
            return repeatOrDraw(prompt.variableName, interview) { $0.answer(prompt) }
        case .specifyOther(let prompt):
            return repeatOrDraw(prompt.question + " other", interview) { .answer("altro " + $0.word()) }
        case .checkFailed(let rule):
            checkFailures += 1
            if checkFailures > 50 { return .end(.breakOff, reason: "simulation: check never satisfied") }
            correcting = true
            // Back goes to the last question of the check; half the time go to any of
            // them instead, for a check that the last answer alone cannot satisfy.
            let questions = rule.involved.filter(\.canGoTo).map(\.variable)
            if questions.count > 1, chance(0.5), let name = questions.randomElement(using: &rng) { return .goTo(name) }
            return .back
        case .warning:
            if warningReturns < 2, chance(0.2) {
                warningReturns += 1
                correcting = true
                return .back
            }
            return .answer("")
        case .ending:
            return .answer("")
        }
    }

    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    /// A step already answered comes back with its earlier answer, unless it is the one
    /// gone back to (the first step after going back) or its entry was just refused.
    private mutating func repeatOrDraw(_ key: String, _ interview: Interview,
                                       _ draw: (inout RandomRespondent) -> Action) -> Action {
        if !correcting, interview.message == nil, let earlier = given[key] { return earlier }
        correcting = false
        let action = draw(&self)
        given[key] = action
        return action
    }

    private mutating func answer(_ prompt: QuestionPrompt) -> Action {
        guard case .grid = prompt.question.kind, let item = prompt.currentItem else { return draw(prompt) }
        let question = prompt.question
        let name = prompt.items[item].name
        let seed = gridSeeds[question.name] ?? rng.next()
        gridSeeds[question.name] = seed
        let index = question.gridItems.firstIndex { $0.name == name } ?? item
        var stream = itemStreams[name] ?? SplitMix64.stream(seed: seed, index: UInt64(index))
        swap(&rng, &stream)
        let action = draw(prompt)
        swap(&rng, &stream)
        itemStreams[name] = stream
        return action
    }

    private mutating func draw(_ prompt: QuestionPrompt) -> Action {
        let question = prompt.question
        if question.isInfo { return .answer("") }
        if !invalidSent, chance(0.05), let bad = invalidEntry(question) {
            invalidSent = true
            return .answer(bad)
        }
        invalidSent = false
        if question.allowDK, chance(0.05) { return .dontKnow }
        if question.allowRefused, chance(0.04) { return .refused }
        switch question.kind {
        case .info: return .answer("")
        case .single(let list):
            return .answer(String(list.options.randomElement(using: &rng)!.code))
        case .multi(let list, let pick): return .answer(multi(list, pick: pick))
        case .number(let range, let decimals):
            let value = Double.random(in: range, using: &rng)
            return .answer(NumberFormat.formatFixed(value, decimals: decimals).replacingAll(",", with: "."))
        case .text(let maxLength, let pattern):
            if question.optional, chance(0.3) { return .answer("") }
            if let pattern {
                for _ in 0..<20 {
                    if let s = RegexSampler.sample(pattern, using: &rng), !s.isEmpty, s.count <= maxLength,
                       AnswerParser.matches(s, pattern: pattern) {
                        return .answer(s)
                    }
                }
                if question.optional { return .answer("") }
                if question.allowDK { return .dontKnow }
                if question.allowRefused { return .refused }
                return .end(.breakOff, reason: "simulation: no text matching the pattern")
            }
            var text = word()
            while text.count < 40, chance(0.6) { text += " " + word() }
            return .answer(String(text.prefix(maxLength)))
        case .scale(let range, _), .grid(let range, _):
            return .answer(String(scaleValue(range)))
        }
    }

    /// Marks lean to the top of the scale, as satisfaction marks do.
    private mutating func scaleValue(_ range: ClosedRange<Int>) -> Int {
        let values = Array(range)
        guard values.count >= 5 else { return values.randomElement(using: &rng)! }
        let weights = values.indices.map { Double(($0 + 1) * ($0 + 1)) }
        var r = Double.random(in: 0..<weights.reduce(0, +), using: &rng)
        for (k, w) in weights.enumerated() {
            if r < w { return values[k] }
            r -= w
        }
        return values.last!
    }

    private mutating func multi(_ list: CodeList, pick: ClosedRange<Int>) -> String {
        let exclusive = list.options.filter(\.exclusive)
        let others = list.options.filter { !$0.exclusive }
        if !exclusive.isEmpty, others.isEmpty || chance(0.1) {
            return String(exclusive.randomElement(using: &rng)!.code)
        }
        let low = max(pick.lowerBound, 1)
        let high = min(pick.upperBound, others.count)
        guard low <= high else { return String((exclusive.first ?? list.options[0]).code) }
        let count = Int.random(in: low...high, using: &rng)
        return others.shuffled(using: &rng).prefix(count).map { String($0.code) }.joined(separator: " ")
    }

    private func invalidEntry(_ question: Question) -> String? {
        switch question.kind {
        case .single(let list), .multi(let list, _): return String((list.codes.max() ?? 0) + 1)
        case .number(let range, _): return NumberFormat.plain(range.upperBound + 1)
        case .scale(let range, _), .grid(let range, _): return String(range.upperBound + 1)
        case .text(let maxLength, _): return maxLength < 2_000 ? String(repeating: "x", count: maxLength + 1) : nil
        case .info: return nil
        }
    }

    private static let words = ["servizio", "attesa", "cortese", "veloce", "pratica", "ufficio", "tributi", "anagrafe",
                                "risposta", "chiaro", "telefono", "orario", "sportello", "modulo", "certificato"]

    private mutating func word() -> String { Self.words.randomElement(using: &rng)! }
}

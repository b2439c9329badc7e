import CatiCore

/// How one step of an interview reads in the line mode: the lines printed once when
/// the step is first shown, and the prompt the answer is typed after. Pure: a
/// `Screen` in, text out; no cursor addressing, no escape sequence, no glyph that is
/// not a letter, digit or punctuation of the questionnaire's own texts.
public struct PlainScreenText: Sendable {
    public let words: PlainWords
    /// Questions in the questionnaire (the "/30" of "D5/30").
    public let total: Int

    public init(words: PlainWords, total: Int) {
        self.words = words
        self.total = total
    }

    /// The lines that present `screen`; `previous` is the step shown before it (a grid's
    /// next item then gets its own line only, not the grid's text again).
    public func presentation(_ screen: Screen, after previous: Screen? = nil) -> [String] {
        switch screen {
        case .question(let p):
            if case .question(let before)? = previous, before.name == p.name, p.currentItem != nil,
               before.currentItem != nil {
                return itemLines(p) + prefillLines(p)
            }
            var lines = paragraphs("\(words.question)\(p.position)/\(total) \(p.name): \(p.text)")
            if let instruction = p.instruction, !instruction.isEmpty {
                lines += paragraphs("\(words.instruction): \(instruction)")
            }
            if !p.anchors.isEmpty {
                lines.append("\(words.scale): " + p.anchors.map { "\($0.value) = \($0.label)" }.joined(separator: ", "))
            }
            if p.currentItem != nil {
                lines += itemLines(p)
            } else {
                lines += p.options.map(optionLine)
            }
            return lines + prefillLines(p)
        case .specifyOther(let p):
            var lines = ["\(words.question)\(p.position)/\(total) \(p.question): \(words.specifyTitle(p.labels))"]
            if !p.prefill.isEmpty { lines.append(words.previous(p.prefill)) }
            return lines
        case .checkFailed(let p):
            return paragraphs("\(words.error): \(p.message)") + involvedLines(p)
        case .warning(let p):
            return paragraphs("\(words.warning): \(p.message)") + involvedLines(p)
        case .ending(let p):
            var lines: [String] = []
            if let text = p.text { lines += paragraphs(text) }
            lines.append(words.ending(p.status))
            return lines
        }
    }

    /// The prompt typed after, without a line break.
    public func prompt(_ screen: Screen) -> String {
        switch screen {
        case .question(let p) where p.question.isInfo: return words.continuePrompt
        case .question(let p): return words.answer(p.hint.isEmpty ? Self.codes(p.options) : p.hint)
        case .specifyOther: return words.specifyPrompt
        case .checkFailed: return words.checkPrompt
        case .warning: return words.warningPrompt
        case .ending: return words.savePrompt
        }
    }

    /// The codes of a single's options, as a hint: "1–5", or "1, 2, 9" with gaps.
    static func codes(_ options: [QuestionPrompt.ShownOption]) -> String {
        let codes = options.map(\.code).sorted()
        guard let first = codes.first, let last = codes.last else { return "" }
        if codes.count >= 2, codes == Array(first...last) { return "\(first)–\(last)" }
        return codes.map(String.init).joined(separator: ", ")
    }

    func optionLine(_ option: QuestionPrompt.ShownOption) -> String {
        var line = "  \(option.code). \(option.label)"
        if option.other { line += " (\(words.other))" }
        if let instruction = option.instruction, !instruction.isEmpty { line += " - \(words.instruction): \(instruction)" }
        return line
    }

    func itemLines(_ p: QuestionPrompt) -> [String] {
        guard let k = p.currentItem, p.items.indices.contains(k) else { return [] }
        let item = p.items[k]
        var line = "  \(words.item(k + 1, of: p.items.count)), \(item.name): \(item.text)"
        if let instruction = item.instruction, !instruction.isEmpty { line += " - \(words.instruction): \(instruction)" }
        return [line]
    }

    func prefillLines(_ p: QuestionPrompt) -> [String] {
        p.prefill.isEmpty || p.question.isInfo ? [] : [words.previous(p.prefill)]
    }

    func involvedLines(_ p: RulePrompt) -> [String] {
        guard !p.involved.isEmpty else { return [] }
        return [words.involved] + p.involved.enumerated().map { k, item in
            let answer = item.answer.isEmpty ? "-" : item.answer
            return "  \(k + 1). \(item.variable) = \(answer): \(item.text)" + (item.canGoTo ? "" : " " + words.fixed)
        }
    }

    /// A text as lines: its own paragraph breaks kept, never wrapped (the terminal or
    /// the screen reader wraps).
    func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.drop { $0 == " " }) }
    }

    /// The steps a questionnaire can ask at most: each question once, each grid item once
    /// (the engine numbers grid items as steps).
    public static func steps(in questionnaire: Questionnaire) -> Int {
        questionnaire.questions.reduce(0) { $0 + max(1, $1.gridItems.count) }
    }
}

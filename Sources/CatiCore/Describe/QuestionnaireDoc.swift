/// The questionnaire for review before fieldwork (`cati doc`): every step in order
/// with its text (fills marked), codes, validation, allowed dk/refused, the routing in
/// words, checks and warnings with their messages, quotas with their targets.
public struct QuestionnaireDoc: Sendable {
    public enum Step: Sendable {
        case question(QuestionEntry)
        case ending(text: String, condition: String?, askedIf: [String])
        case rule(isHard: Bool, condition: String, message: String, askedIf: [String])
        case compute(name: String, formula: String, askedIf: [String])
    }

    public struct QuestionEntry: Sendable {
        public let number: Int
        public let name: String
        public let kind: String
        public let text: String
        /// Codes: code, code name, label, notes (other, exclusive, fixed).
        public let codes: [(code: String, name: String, label: String, notes: String)]
        /// Grid items: name and text.
        public let items: [(name: String, text: String)]
        public let validation: [String]
        public let allowed: [String]
        public let askedIf: [String]
    }

    public struct QuotaEntry: Sendable {
        public let name: String
        public let title: String?
        public let variables: [String]
        public let cells: [(cell: String, target: Int)]
        public let fullText: String?
    }

    public let survey: String
    public let title: String
    public let version: Int
    public let steps: [Step]
    public let quotas: [QuotaEntry]

    public init(_ q: Questionnaire) {
        survey = q.survey
        title = q.title
        version = q.version
        let names = q.variables.map(\.name)
        let questionNames = q.questions.map(\.name)
        // A loop round's {LOOP} fill is written as its label ("Tributi"), not {servizi=3}.
        let write = { (t: Template) in q.withLoopLabels(t).written(names: names, questions: questionNames) }
        let words = ConditionWords(q)
        let routing = Routing(program: q.program)
        func askedIf(_ i: Int) -> [String] {
            routing.guards[i].map { g in
                g.negated ? words.words(.not(g.condition)) : words.words(g.condition)
            }
        }
        var steps: [Step] = []
        var number = 0
        for (i, instruction) in q.program.enumerated() {
            switch instruction {
            case .ask(let index):
                let question = q.questions[index]
                number += 1
                steps.append(.question(QuestionDescription.entry(question, number: number, write: write, askedIf: askedIf(i))))
            case .terminate(let text, let condition, _):
                steps.append(.ending(text: write(text), condition: condition.map(words.words), askedIf: askedIf(i)))
            case .rule(let rule):
                steps.append(.rule(isHard: rule.isHard, condition: words.words(rule.condition),
                                   message: write(rule.message), askedIf: askedIf(i)))
            case .compute(let id, let e):
                steps.append(.compute(name: names[id], formula: words.words(e), askedIf: askedIf(i)))
            case .jump, .jumpUnless: break
            }
        }
        self.steps = steps
        quotas = q.quotas.map { quota in
            QuotaEntry(name: quota.name, title: quota.title, variables: quota.variables.map { names[$0] },
                       cells: quota.cells.map { ($0.label, $0.target) }, fullText: quota.fullText.map(write))
        }
    }
}

enum QuestionDescription {
    static func entry(_ question: Question, number: Int, write: (Template) -> String, askedIf: [String]) -> QuestionnaireDoc.QuestionEntry {
        var codes: [(String, String, String, String)] = []
        var items: [(String, String)] = []
        var validation: [String] = []
        let kind: String
        func optionRows(_ list: CodeList) {
            for o in list.options {
                var notes: [String] = []
                if o.other { notes.append("asks to specify") }
                if o.exclusive { notes.append("exclusive") }
                if o.fixed { notes.append("fixed place") }
                codes.append((String(o.code), o.codeName ?? "", write(o.label), notes.joined(separator: ", ")))
            }
        }
        switch question.kind {
        case .info: kind = "info (read out, no answer)"
        case .single(let list):
            kind = "single choice"
            optionRows(list)
        case .multi(let list, let pick):
            kind = "multiple choice"
            optionRows(list)
            validation.append(pick.lowerBound == pick.upperBound ? "exactly \(pick.lowerBound) answer\(pick.lowerBound == 1 ? "" : "s")"
                : "\(pick.lowerBound) to \(pick.upperBound) answers")
        case .number(let range, let decimals):
            kind = "number"
            validation.append("from \(NumberFormat.plain(range.lowerBound)) to \(NumberFormat.plain(range.upperBound))"
                + (decimals > 0 ? ", up to \(decimals) decimal\(decimals == 1 ? "" : "s")" : ", whole numbers"))
        case .text(let maxLength, let pattern):
            kind = "text"
            validation.append("at most \(maxLength) characters")
            if let pattern { validation.append("must match the pattern `\(pattern)`") }
        case .scale(let range, let anchors):
            kind = "scale"
            validation.append("a mark from \(range.lowerBound) to \(range.upperBound)")
            for (value, label) in anchors.sorted(by: { $0.key < $1.key }) {
                codes.append((String(value), "", write(label), "anchor"))
            }
        case .grid(let range, let gridItems):
            kind = "grid of ratings"
            validation.append("each item a mark from \(range.lowerBound) to \(range.upperBound)")
            items = gridItems.map { ($0.name, write($0.text) + ($0.fixed ? " (fixed place)" : "")) }
        }
        var allowed: [String] = []
        if question.allowDK { allowed.append("don't know") }
        if question.allowRefused { allowed.append("refused") }
        if question.optional { allowed.append("left empty (optional)") }
        if question.rotate { validation.append(question.gridItems.isEmpty ? "options shown in rotated order" : "items shown in rotated order") }
        if question.preload { validation.append("preloaded from the sample; asked only when the sample has no value") }
        return .init(number: number, name: question.name, kind: kind, text: write(question.text),
                     codes: codes, items: items, validation: validation, allowed: allowed, askedIf: askedIf)
    }
}

/// What a researcher needs to read exported data without the questionnaire: one entry
/// per variable, in questionnaire order, with its question text, kind, codes and labels,
/// the codes that stand for "don't know" and "refused", and the routing condition under
/// which it is asked. Built from a checked `Questionnaire` only (no files, no records),
/// so the exporter's writers and the report can share it.
public struct Codebook: Sendable {
    public let survey: String
    public let title: String
    public let version: Int
    public let language: InterviewerLanguage
    public let entries: [CodebookEntry]

    /// `includingPersonal`: keep the `personal` sample variables (docs/privacy.md); by
    /// default they are left out, as they are of every export.
    public init(questionnaire: Questionnaire, includingPersonal: Bool = false) {
        survey = questionnaire.survey
        title = questionnaire.title
        version = questionnaire.version
        language = questionnaire.language
        let routing = RoutingConditions(questionnaire: questionnaire)
        let labels = MissingLabels(language: questionnaire.language)
        var entries: [CodebookEntry] = []
        for variable in questionnaire.variables where variable.role != .info && (includingPersonal || !variable.personal) {
            entries.append(CodebookEntry(variable: variable, in: questionnaire, routing: routing, labels: labels))
        }
        self.entries = entries
    }

    private init() {
        survey = ""; title = ""; version = 0; language = .en; entries = []
    }

    static let empty = Codebook()

    public func entry(named name: String) -> CodebookEntry? { entries.first { $0.name == name } }
}

/// One exported variable.
public struct CodebookEntry: Sendable, Hashable {
    /// What kind of value the variable holds, as a researcher names it.
    public enum Kind: String, Sendable, Hashable {
        case single, multi, scale, number, text
        case gridItem = "grid item"
        case computedNumber = "compute (number)"
        case computedCondition = "compute (condition: 1 true, 0 false)"
        case sampleCode = "sample (code)"
        case sampleNumber = "sample (number)"
        case sampleText = "sample (text)"

        /// Whether the variable's cells are numbers (else texts).
        public var isNumeric: Bool {
            switch self {
            case .text, .sampleText: return false
            default: return true
            }
        }
    }

    /// A code and its label, as the questionnaire writes them.
    public struct ValueLabel: Sendable, Hashable {
        public let code: Int
        public let label: String
        /// The code's name in the questionnaire (`privato`), when it has one.
        public let codeName: String?
    }

    public let name: String
    /// The question's text (fills shown as `{name}`); a grid item's is the grid's text,
    /// then the item's. Empty for a compute or a sample variable.
    public let questionText: String
    /// For a grid item: the item's own text (also the end of `questionText`).
    public let itemText: String?
    /// For a grid item: the grid's name (the grid itself holds no value).
    public let grid: String?
    /// For a grid item: the grid's own text.
    public let gridText: String?
    public let kind: Kind
    /// Codes with labels: a single's or multi's options, a scale's anchors.
    public let values: [ValueLabel]
    /// For a scale, a grid item or a number: the values the question accepts.
    public let range: ClosedRange<Double>?
    /// For a number: decimals allowed (0: an integer).
    public let decimals: Int
    /// For a text: its maximum length in characters (nil: no limit).
    public let maxLength: Int?
    /// The codes written for "don't know" and "refused" (only the ones the question allows).
    public let missing: MissingCodes
    /// The routing condition under which the variable gets a value, in the language's
    /// own syntax (`tipo in (azienda, ente)`); nil when it is on every path.
    public let condition: String?
    /// For a single or multi with an `other` option: the name of its text column.
    public let otherTextName: String?
    /// The name of the expression of a compute (its source, rendered), else nil.
    public let computeExpression: String?

    init(variable: Variable, in questionnaire: Questionnaire, routing: RoutingConditions, labels: MissingLabels) {
        name = variable.name
        var question: Question?
        var item: GridItem?
        switch variable.role {
        case .question(let index): question = questionnaire.questions[index]
        case .gridItem(let index, let itemIndex):
            question = questionnaire.questions[index]
            item = questionnaire.questions[index].gridItems[itemIndex]
        default: break
        }
        let renderText = { (t: Template) in ConditionText.template(t, questionnaire) }
        itemText = item.map { renderText($0.text) }
        grid = item == nil ? nil : question?.name
        gridText = item == nil ? nil : question.map { renderText($0.text) }
        if let question {
            let text = renderText(question.text)
            questionText = itemText.map { text + " — " + $0 } ?? text
        } else {
            questionText = ""
        }
        var values: [ValueLabel] = []
        var range: ClosedRange<Double>?
        var decimals = 0
        var maxLength: Int?
        var otherTextName: String?
        let kind: Kind
        switch (variable.role, question?.kind) {
        case (.computed, _): kind = variable.type == .boolean ? .computedCondition : .computedNumber
        case (.sample, _):
            switch variable.type {
            case .code: kind = .sampleCode
            case .number: kind = .sampleNumber
            default: kind = .sampleText
            }
            values = CodebookEntry.labels(of: variable.codes, questionnaire)
        case (_, .single(let list)?):
            kind = .single
            values = CodebookEntry.labels(of: list, questionnaire)
            if list.options.contains(where: \.other) { otherTextName = variable.name + "_other" }
        case (_, .multi(let list, _)?):
            kind = .multi
            values = CodebookEntry.labels(of: list, questionnaire)
            if list.options.contains(where: \.other) { otherTextName = variable.name + "_other" }
        case (_, .scale(let r, let anchors)?):
            kind = .scale
            range = Double(r.lowerBound)...Double(r.upperBound)
            values = anchors.keys.sorted().map { ValueLabel(code: $0, label: renderText(anchors[$0]!), codeName: nil) }
        case (_, .grid(let r, _)?):
            kind = .gridItem
            range = Double(r.lowerBound)...Double(r.upperBound)
        case (_, .number(let r, let d)?):
            kind = .number
            range = r
            decimals = d
        case (_, .text(let max, _)?):
            kind = .text
            maxLength = max > 0 ? max : nil
        default: kind = .sampleText
        }
        self.kind = kind
        self.values = values
        self.range = range
        self.decimals = decimals
        self.maxLength = maxLength
        self.otherTextName = otherTextName
        let highest = max(values.map(\.code).max() ?? 1, Int((range?.upperBound ?? 1).rounded(.up)), 1)
        missing = MissingCodes(numeric: kind.isNumeric, highestCode: highest,
                               dk: question?.allowDK ?? false, refused: question?.allowRefused ?? false,
                               labels: labels)
        condition = routing.condition(of: variable)
        if variable.role == .computed {
            computeExpression = routing.computeExpression(of: variable.id)
        } else {
            computeExpression = nil
        }
    }

    private static func labels(of list: CodeList?, _ questionnaire: Questionnaire) -> [ValueLabel] {
        (list?.options ?? []).map {
            ValueLabel(code: $0.code, label: ConditionText.template($0.label, questionnaire), codeName: $0.codeName)
        }
    }
}

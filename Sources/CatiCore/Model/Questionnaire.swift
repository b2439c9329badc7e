/// A questionnaire that passed `check`: the only thing the engine runs. Its
/// initializer is internal, so a `Questionnaire` can only come from the checker.
public struct Questionnaire: Sendable {
    public let survey: String
    public let title: String
    public let version: Int
    public let language: InterviewerLanguage
    /// Lowercase hex SHA-256 of the file's bytes as checked.
    public let sha256: String
    /// Every variable, indexed by `Variable.id`.
    public internal(set) var variables: [Variable]
    public internal(set) var questions: [Question]
    public internal(set) var program: [Instruction]
    public internal(set) var quotas: [Quota]
    /// The language of the texts (the `language` header's, unless translated).
    public internal(set) var textLanguage: String
    /// The statements as written, kept (not copied: arrays share their storage) for
    /// `textKeys`, which only translations and version comparisons need.
    var statements: [Statement] = []
    /// The translatable texts' keys, in file order, where each text stands.
    var textKeys: [TextKeys.Entry] { TextKeys.collect(statements) }
    /// Checked translations, by language code (extension).
    public internal(set) var translations: [String: Translation] = [:]
    /// Ids of the `sample` variables, in declaration order.
    public let sampleVariables: [Int]
    /// The loops and their rounds, in file order (extension, LoopInfo.swift).
    public internal(set) var loops: [LoopInfo] = []
    let variableIDs: [String: Int]

    init(survey: String, title: String, version: Int, language: InterviewerLanguage, sha256: String,
         variables: [Variable], questions: [Question], program: [Instruction], quotas: [Quota],
         sampleVariables: [Int]) {
        self.survey = survey
        self.title = title
        self.version = version
        self.language = language
        self.sha256 = sha256
        self.variables = variables
        self.questions = questions
        self.program = program
        self.quotas = quotas
        self.sampleVariables = sampleVariables
        self.textLanguage = language.rawValue
        var ids: [String: Int] = [:]
        ids.reserveCapacity(variables.count)
        for v in variables { ids[v.name] = v.id }
        self.variableIDs = ids
    }

    public func variable(named name: String) -> Variable? {
        variableIDs[name].map { variables[$0] }
    }

    public func question(named name: String) -> Question? {
        questions.first { $0.name == name }
    }

    /// Questions that are asked (not `info`), in file order, grid items as their own entries.
    public var answerableVariables: [Variable] {
        variables.filter { $0.role != .info }
    }
}

/// One named value of the questionnaire: a question, a grid item, a `compute` or a `sample`.
public struct Variable: Sendable, Hashable {
    public enum Role: Sendable, Hashable {
        case question(index: Int)
        case gridItem(question: Int, item: Int)
        case computed
        case sample
        case info
    }

    public let id: Int
    public let name: String
    public let role: Role
    public let type: ValueType
    /// Codes of a single/multi/sample single; for a scale or grid item, its values.
    public internal(set) var codes: CodeList?
    public let location: SourceLocation
    /// What the sample cells of a `number` or `text` sample variable must be.
    public var sampleRule: SampleRule? = nil
    /// A `sample` variable marked `personal` (extension, docs/privacy.md): its column
    /// identifies the respondent; it is never recorded, journaled or exported by default.
    public var personal = false
}

/// The attributes of a typed sample variable (extension): a `number`'s range and
/// decimals, a `text`'s maximum length and pattern. Nil: anything of the kind.
public struct SampleRule: Sendable, Hashable {
    public var range: ClosedRange<Double>?
    public var decimals: Int?
    public var maxLength: Int?
    public var pattern: String?
}

public enum ValueType: Sendable, Hashable {
    case code       // single, scale, grid item, sample single: an integer code
    case codes      // multi: a set of codes
    case number     // number question, arithmetic compute, sample number
    case text       // text question, sample text
    case boolean    // compute of a condition
    case none       // info

    public var describedInMessages: String {
        switch self {
        case .code: return "a coded answer"
        case .codes: return "a multiple choice"
        case .number: return "a number"
        case .text: return "a text"
        case .boolean: return "a condition"
        case .none: return "an info screen"
        }
    }
}

/// The codes a question accepts, with their labels and code names.
public struct CodeList: Sendable, Hashable {
    public let options: [AnswerOption]

    public func option(code: Int) -> AnswerOption? { options.first { $0.code == code } }
    public func option(named name: String) -> AnswerOption? { options.first { $0.codeName == name } }
    public var codes: [Int] { options.map(\.code) }
}

public enum InterviewerLanguage: String, Sendable, CaseIterable {
    case en, it
    public static let supported: Set<String> = Set(allCases.map(\.rawValue))
}

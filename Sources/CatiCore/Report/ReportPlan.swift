/// What `cati report` reads from each complete interview and how it groups it, decided
/// once from the questionnaire and the options: the variables (slots) a record's answers
/// are read into, the scales and grid items analysed, the breakdown variables, the
/// strata of the weights, the quotas whose completes are counted.
public struct ReportPlan: Sendable {
    public struct Scale: Sendable {
        public let name: String
        public let label: String
        public let slot: Int
        public let range: ClosedRange<Int>
        /// A mark at or below this counts as dissatisfied.
        public let dissatisfiedMax: Int
        public var bins: Int { range.count }
    }

    public struct Breakdown: Sendable {
        public let name: String
        public let slot: Int
        public let options: [(code: Int, label: String)]
        /// The group index of each option: 1 + the options of the breakdowns before it.
        public let firstGroup: Int

        func group(ofCode code: Int) -> Int? {
            options.firstIndex { $0.code == code }.map { firstGroup + $0 }
        }
    }

    public struct Multi: Sendable {
        public let name: String
        public let label: String
        public let slot: Int
        public let options: [(code: Int, label: String)]
    }

    public struct Number: Sendable {
        public let name: String
        public let label: String
        public let slot: Int
    }

    public struct QuotaSlots: Sendable {
        public let quota: Quota
        public let slots: [Int]
    }

    public let questionnaire: Questionnaire
    /// Variable names, one per slot: the answers a record is read for.
    public let slotNames: [String]
    public let scales: [Scale]
    public let breakdowns: [Breakdown]
    /// 1 (every complete) + one group per option of every breakdown.
    public let groupCount: Int
    public let multis: [Multi]
    public let numbers: [Number]
    public let quotas: [QuotaSlots]
    public let strata: Strata
    public let strataSlots: [Int]
    public let options: ReportOptions

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownBy(String, suggestion: String?)
        case byNotSingle(String)
        case weightsProblem(String)

        public var description: String {
            switch self {
            case .unknownBy(let name, let guess):
                return "--by \(name): no such question" + (guess.map { "; did you mean '\($0)'?" } ?? "")
            case .byNotSingle(let name): return "--by \(name): not a single-choice question (breakdowns need codes)"
            case .weightsProblem(let text): return text
            }
        }
    }

    public init(questionnaire q: Questionnaire, options: ReportOptions) throws {
        self.questionnaire = q
        self.options = options
        var names: [String] = []
        var slotOf: [Int: Int] = [:]
        func slot(_ variable: Int) -> Int {
            if let s = slotOf[variable] { return s }
            slotOf[variable] = names.count
            names.append(q.variables[variable].name)
            return names.count - 1
        }
        let namesOf = q.variables.map(\.name)
        let questionNames = q.questions.map(\.name)

        var scales: [Scale] = []
        var multis: [Multi] = []
        var numbers: [Number] = []
        for question in q.questions {
            let label = q.withLoopLabels(question.text).written(names: namesOf, questions: questionNames)
            switch question.kind {
            case .scale(let range, _):
                guard let v = question.variable else { continue }
                scales.append(Scale(name: question.name, label: label, slot: slot(v), range: range,
                                    dissatisfiedMax: Self.threshold(range, options.dissatisfiedMax)))
            case .grid(let range, let items):
                for item in items {
                    scales.append(Scale(name: item.name, label: q.withLoopLabels(item.text).written(names: namesOf, questions: questionNames), slot: slot(item.variable),
                                        range: range, dissatisfiedMax: Self.threshold(range, options.dissatisfiedMax)))
                }
            case .multi(let list, _):
                guard let v = question.variable else { continue }
                multis.append(Multi(name: question.name, label: label, slot: slot(v),
                                    options: list.options.map { ($0.code, $0.label.written(names: namesOf, questions: questionNames)) }))
            case .number:
                guard let v = question.variable else { continue }
                numbers.append(Number(name: question.name, label: label, slot: slot(v)))
            default: break
            }
        }

        var byNames: [String] = []
        if let chosen = options.by {
            byNames = chosen
        } else {
            for quota in q.quotas {
                for v in quota.variables where !byNames.contains(namesOf[v]) { byNames.append(namesOf[v]) }
            }
        }
        var breakdowns: [Breakdown] = []
        var group = 1
        for name in byNames {
            guard let variable = q.variable(named: name) else {
                throw Failure.unknownBy(name, suggestion: Suggest.closest(to: name, in: q.answerableVariables.map(\.name)))
            }
            guard variable.type == .code, let codes = variable.codes else { throw Failure.byNotSingle(name) }
            switch variable.role {
            case .question(let index): if case .single = q.questions[index].kind {} else { throw Failure.byNotSingle(name) }
            case .sample: break
            default: throw Failure.byNotSingle(name)
            }
            let opts = codes.options.map { ($0.code, $0.label.written(names: namesOf, questions: questionNames)) }
            breakdowns.append(Breakdown(name: name, slot: slot(variable.id), options: opts, firstGroup: group))
            group += opts.count
        }

        quotas = q.quotas.map { QuotaSlots(quota: $0, slots: $0.variables.map(slot)) }
        if let targets = options.weights {
            strata = try Strata(targets: targets, questionnaire: q)
        } else {
            strata = Strata(quotas: q.quotas, names: namesOf)
        }
        strataSlots = strata.variables.map(slot)
        self.scales = scales
        self.multis = multis
        self.numbers = numbers
        self.breakdowns = breakdowns
        self.groupCount = group
        self.slotNames = names
    }

    /// The dissatisfaction threshold: `--dissatisfied-max` when given, else the top of
    /// the lower half of the scale (5 on 1–10, 2 on 1–5, 4 on 0–10).
    static func threshold(_ range: ClosedRange<Int>, _ chosen: Int?) -> Int {
        chosen ?? range.lowerBound + range.count / 2 - 1
    }
}

/// The options of `cati report`.
public struct ReportOptions: Sendable {
    public enum Versions: Sendable, Equatable {
        /// The questionnaire's own version; others are counted apart.
        case current
        case only(Int)
        case all
    }

    /// Breakdown variables; nil: every variable of every quota's `by` list.
    public var by: [String]?
    public var dissatisfiedMax: Int?
    public var versions: Versions = .current
    /// Population shares read from `--weights FILE.csv`; nil: the quota targets.
    public var weights: WeightTargets?

    public init(by: [String]? = nil, dissatisfiedMax: Int? = nil, versions: Versions = .current,
                weights: WeightTargets? = nil) {
        self.by = by
        self.dissatisfiedMax = dissatisfiedMax
        self.versions = versions
        self.weights = weights
    }
}

extension Template {
    /// The text with every fill marked by the name of what fills it: `{voto}`,
    /// `{sample.name}`, `{interviewer}`, `{motivo_other}`. `names` are the variables'
    /// names by id, `questions` the questions' names by number.
    public func written(names: [String], questions: [String] = []) -> String {
        parts.map { part in
            switch part {
            case .literal(let s): return s
            case .variable(let id): return "{\(id < names.count ? names[id] : "#\(id)")}"
            case .sample(let c): return "{sample.\(c)}"
            case .interviewer: return "{interviewer}"
            case .other(let q): return "{\(q < questions.count ? questions[q] : "#\(q)")_other}"
            case .label(let id, let code): return "{\(id < names.count ? names[id] : "#\(id)")=\(code)}"  // a loop round's label
            }
        }.joined()
    }
}

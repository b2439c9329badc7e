/// The routing of a questionnaire, flattened: `if` blocks become jumps, so the engine
/// can walk the path from any point with a program counter.
public enum Instruction: Sendable, Hashable {
    case ask(question: Int)
    /// Continue with the next instruction when the condition holds, else jump.
    case jumpUnless(Expression, target: Int)
    case jump(target: Int)
    case compute(variable: Int, Expression)
    case rule(Rule)
    /// `outcome`: the call outcome the ending means (`terminate … as refusal-hard`);
    /// nil for the default, `screened-out`.
    case terminate(Template, condition: Expression?, outcome: CallOutcome? = nil)
}

public struct Rule: Sendable, Hashable {
    public let isHard: Bool
    public let condition: Expression
    public let message: Template
    /// The variables the condition uses, in declaration order.
    public let variables: [Int]
    public let location: SourceLocation
    /// Its translation key (`check N`, `warn N`; in a loop's round `check N @CODE`), set
    /// by the checker: loops repeat rules in the program, so counting them would not do.
    public var textKey: String? = nil
}

public struct Quota: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        /// One entry per `by` variable: the code, or nil for `*`.
        public let codes: [Int?]
        public let target: Int
        /// The cell as `quota_cells` writes it: code names where the code has one.
        public let label: String
        public let location: SourceLocation

        public func matches(_ values: [Int]) -> Bool {
            zip(codes, values).allSatisfy { $0 == nil || $0 == $1 }
        }
    }

    public let name: String
    public let title: String?
    public let variables: [Int]
    public let cells: [Cell]
    public let fullText: Template?
    public let location: SourceLocation

    /// The cell an interview with these codes belongs to, if a row covers it.
    public func cell(for values: [Int]) -> Cell? {
        cells.first { $0.matches(values) }
    }
}

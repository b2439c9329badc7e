/// The questionnaire as written: what the parser produces and the checker reads.
public struct SyntaxTree: Sendable {
    public var survey: (name: String, title: String, location: SourceLocation)?
    public var version: Located<Int>?
    public var language: Located<String>?
    public var statements: [Statement] = []
    public var textPieces: [SourceLocation: [TextPiece]] = [:]
    /// The string literals that run over several lines (for the note on a missing quote).
    var multiLineStrings: [MultiLineString] = []
    /// How many names the statements declare (questions, grid items, computes, sample
    /// variables), duplicates included: for sizing the checker's tables.
    public var declarationCount = 0
}

/// One string literal of a text made of several: where its value starts in the text
/// (a UTF-8 offset).
public struct TextPiece: Sendable {
    public var offset: Int
    public var location: SourceLocation
}

public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation
}

public indirect enum Statement: Sendable {
    case question(QuestionSyntax)
    case branch(BranchSyntax)
    case terminate(TerminateSyntax)
    case compute(ComputeSyntax)
    case rule(RuleSyntax)
    case quota(QuotaSyntax)
    case sample(SampleSyntax)
    /// `loop NAME over QUESTION` … `end` (extension; LoopSyntax.swift).
    case loop(LoopSyntax)

    public var location: SourceLocation {
        switch self {
        case .question(let q): return q.location
        case .branch(let b): return b.arms[0].location
        case .terminate(let t): return t.location
        case .compute(let c): return c.location
        case .rule(let r): return r.location
        case .quota(let q): return q.location
        case .sample(let s): return s.location
        case .loop(let l): return l.location
        }
    }
}

public enum QuestionKindWord: String, Sendable, CaseIterable {
    case info, single, multi, number, text, scale, grid
}

public struct QuestionSyntax: Sendable {
    public var kind: QuestionKindWord
    public var location: SourceLocation
    public var name: Located<String>
    public var text: Located<String>
    public var range: Located<RangeSyntax>?
    public var decimals: Located<Int>?
    public var maxLength: Located<Int>?
    public var pattern: Located<String>?
    public var pick: Located<PickSyntax>?
    public var scale: Located<RangeSyntax>?
    public var allowDK: Located<Bool>?
    public var allowRefused: Located<Bool>?
    public var optional: Located<Bool>?
    public var rotate: Located<Bool>?
    public var preload: Located<Bool>?
    /// An interviewer instruction: shown, not read aloud (extension).
    public var instruction: Located<String>?
    public var condition: ExprSyntax?
    public var options: [OptionSyntax] = []
    public var anchors: [AnchorSyntax] = []
    public var items: [ItemSyntax] = []
}

public struct RangeSyntax: Sendable {
    public var lower: Double
    public var upper: Double
    public var isInteger: Bool
}

public struct PickSyntax: Sendable {
    public var lower: Int
    /// nil: up to the number of options.
    public var upper: Int?
}

public struct OptionSyntax: Sendable {
    public var code: Located<Int>
    public var codeName: Located<String>?
    public var label: Located<String>
    public var other: Bool
    public var exclusive: Located<Bool>?
    public var fixed: Bool
    public var instruction: Located<String>? = nil
}

public struct AnchorSyntax: Sendable {
    public var value: Located<Int>
    public var label: Located<String>
}

public struct ItemSyntax: Sendable {
    public var name: Located<String>
    public var text: Located<String>
    public var fixed: Bool
    public var instruction: Located<String>? = nil
}

public struct BranchSyntax: Sendable {
    public struct Arm: Sendable {
        /// nil for `else`.
        public var condition: ExprSyntax?
        public var location: SourceLocation
        public var body: [Statement]
    }
    public var arms: [Arm]
    /// True when the `if` was written as a question's last attribute.
    public var fromAttribute: Bool
}

public struct TerminateSyntax: Sendable {
    public var location: SourceLocation
    public var text: Located<String>
    public var condition: ExprSyntax?
    /// `as OUTCOME`: the call outcome this ending means (fieldwork.md), e.g. refusal-hard.
    public var outcome: Located<String>? = nil
}

public struct ComputeSyntax: Sendable {
    public var location: SourceLocation
    public var name: Located<String>
    public var value: ExprSyntax
}

public struct RuleSyntax: Sendable {
    public var isHard: Bool
    public var location: SourceLocation
    public var condition: ExprSyntax
    public var message: Located<String>
}

public struct QuotaSyntax: Sendable {
    public struct Row: Sendable {
        public var location: SourceLocation
        public var items: [Located<QuotaItemSyntax>]
        public var target: Located<Int>
    }
    public var location: SourceLocation
    public var name: Located<String>
    public var title: String?
    public var byLocation: SourceLocation
    public var variables: [Located<String>]
    public var fullText: Located<String>?
    public var rows: [Row]
    /// True when a row had an error (and was left out): no coverage warning then.
    public var hadRowErrors = false
}

public enum QuotaItemSyntax: Sendable {
    case any
    case code(Int)
    case codeName(String)
}

public struct SampleSyntax: Sendable {
    public var location: SourceLocation
    public var name: Located<String>
    public var kind: Located<QuestionKindWord>
    public var text: Located<String>
    public var options: [OptionSyntax]
    /// The attributes of a `number` or `text` sample variable (extension).
    public var range: Located<RangeSyntax>? = nil
    public var decimals: Located<Int>? = nil
    public var maxLength: Located<Int>? = nil
    public var pattern: Located<String>? = nil
    /// `personal` (extension): the column identifies the respondent (docs/privacy.md).
    public var personal = false
}

/// An expression as written. Leaves are held in place; the other cases are boxed.
public enum ExprSyntax: Sendable {
    case number(Double, isInteger: Bool, SourceLocation)
    case string(String, SourceLocation)
    case name(String, SourceLocation)
    indirect case negate(ExprSyntax, SourceLocation)
    indirect case arithmetic(ArithmeticOperator, ExprSyntax, ExprSyntax, SourceLocation)
    indirect case compare(CompareOperator, ExprSyntax, ExprSyntax, SourceLocation)
    indirect case inList(ExprSyntax, [InItemSyntax], SourceLocation)
    indirect case has(ExprSyntax, ExprSyntax, SourceLocation)
    indirect case not(ExprSyntax, SourceLocation)
    indirect case and(ExprSyntax, ExprSyntax, SourceLocation)
    indirect case or(ExprSyntax, ExprSyntax, SourceLocation)
    indirect case call(String, argument: Located<String>, SourceLocation)
    /// Stands for an expression that failed to parse (already reported).
    case invalid(SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .number(_, _, let l), .string(_, let l), .name(_, let l), .negate(_, let l),
             .arithmetic(_, _, _, let l), .compare(_, _, _, let l), .inList(_, _, let l),
             .has(_, _, let l), .not(_, let l), .and(_, _, let l), .or(_, _, let l),
             .call(_, _, let l), .invalid(let l):
            return l
        }
    }
}

public enum InItemSyntax: Sendable {
    case value(ExprSyntax)
    case range(ExprSyntax, ExprSyntax)
}

public enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum CompareOperator: String, Sendable {
    case equal = "=", notEqual = "<>", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// A question as the engine asks it.
public struct Question: Sendable, Hashable {
    public let index: Int
    public let name: String
    public let kind: Kind
    public let text: Template
    public let allowDK: Bool
    public let allowRefused: Bool
    public let optional: Bool
    public let rotate: Bool
    public let preload: Bool
    public let location: SourceLocation
    /// The variable that holds the answer (nil for `info` and `grid`: a grid's items hold them).
    public let variable: Int?
    /// The interviewer instruction: shown, never read aloud (extension).
    public var instruction: Template? = nil

    public enum Kind: Sendable, Hashable {
        case info
        case single(CodeList)
        case multi(CodeList, pick: ClosedRange<Int>)
        case number(range: ClosedRange<Double>, decimals: Int)
        case text(maxLength: Int, pattern: String?)
        case scale(range: ClosedRange<Int>, anchors: [Int: Template])
        case grid(range: ClosedRange<Int>, items: [GridItem])
    }

    public var options: [AnswerOption] {
        switch kind {
        case .single(let list), .multi(let list, _): return list.options
        default: return []
        }
    }

    public var gridItems: [GridItem] {
        if case .grid(_, let items) = kind { return items } else { return [] }
    }

    public var isInfo: Bool {
        if case .info = kind { return true } else { return false }
    }
}

public struct AnswerOption: Sendable, Hashable {
    public let code: Int
    public let codeName: String?
    public let label: Template
    public let other: Bool
    public let exclusive: Bool
    public let fixed: Bool
    public var instruction: Template? = nil
}

public struct GridItem: Sendable, Hashable {
    public let name: String
    public let text: Template
    public let fixed: Bool
    public let variable: Int
    public var instruction: Template? = nil
}

/// Text with fills: `{name}`, `{sample.column}`, `{interviewer}`; `{{` is a literal brace.
public struct Template: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        case variable(Int)
        case sample(String)
        case interviewer
        /// `{NAME_other}`: the specification typed for question NAME's `other` option.
        case other(question: Int)
        /// The label of one code of a coded variable: a loop round's `{LOOP}` fill
        /// (extension; it follows the interview's language like any label).
        case label(variable: Int, code: Int)
    }

    public let parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    public init(literal: String) { self.parts = [.literal(literal)] }

    /// The text with every fill shown by name, as written.
    public var plain: String {
        parts.map { part in
            switch part {
            case .literal(let s): return s
            case .variable(let id): return "{#\(id)}"
            case .sample(let c): return "{sample.\(c)}"
            case .interviewer: return "{interviewer}"
            case .other(let q): return "{#\(q)_other}"
            case .label(let id, let code): return "{#\(id)=\(code)}"
            }
        }.joined()
    }
}

/// One lexical unit of a questionnaire.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case name(String)
        /// A string literal: its raw text between the quotes, escapes not yet applied.
        case string(raw: String)
        case integer(Int)
        case decimal(Double, text: String)
        case symbol(Symbol)
        case newline
        case end
        /// Something the lexer could not read; the lexer reported it already.
        case invalid
    }

    public enum Symbol: String, Sendable, Equatable, CaseIterable {
        case equal = "=", notEqual = "<>", less = "<", lessEqual = "<=", greater = ">",
             greaterEqual = ">=", plus = "+", minus = "-", star = "*", slash = "/",
             openParen = "(", closeParen = ")", comma = ",", colon = ":", dotDot = ".."
    }

    public var kind: Kind
    public var location: SourceLocation
    /// Where the token ends (the column just after its last character, on its last line).
    public var endLocation: SourceLocation

    public var name: String? {
        if case .name(let n) = kind { return n } else { return nil }
    }

    public func isName(_ word: String) -> Bool { name == word }

    public func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    public var isLineEnd: Bool {
        switch kind {
        case .newline, .end: return true
        default: return false
        }
    }

    /// How the token reads in a message.
    public var shown: String {
        switch kind {
        case .name(let n): return "'\(n)'"
        case .string: return "a string"
        case .integer(let i): return "'\(i)'"
        case .decimal(_, let t): return "'\(t)'"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .newline: return "the end of the line"
        case .end: return "the end of the file"
        case .invalid: return "an invalid character"
        }
    }
}

/// The words that can never be names.
public enum ReservedWords {
    public static let all: Set<String> = [
        "survey", "version", "info", "single", "multi", "number", "text", "scale", "grid",
        "sample", "if", "elseif", "else", "end", "terminate", "compute", "check", "warn",
        "quota", "by", "and", "or", "not", "in", "has",
    ]
}

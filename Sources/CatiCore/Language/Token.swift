/// One lexical unit of a questionnaire: what kind it is and where it stands. A token
/// holds no text of its own: its bytes are a range of the source the lexer read, cut
/// out as a string only where the parser keeps one (`Parser.text(of:)`).
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A name, tagged with the word of the language it spells, if any.
        case name(Word?)
        /// A string literal: its bytes are its raw text between the quotes, escapes
        /// not yet applied.
        case string
        case integer(Int)
        /// A decimal number: its bytes are its text.
        case decimal(Double)
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
    /// The token's bytes in the source the lexer read (for a string: between the quotes).
    public var bytes: Range<Int>
    public var location: SourceLocation

    public var isName: Bool {
        if case .name = kind { return true } else { return false }
    }

    /// The word of the language this name spells; nil for any other token.
    public var word: Word? {
        if case .name(let w) = kind { return w } else { return nil }
    }

    public func isWord(_ word: Word) -> Bool { kind == .name(word) }

    public func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    public var isString: Bool { kind == .string }

    public var isLineEnd: Bool {
        switch kind {
        case .newline, .end: return true
        default: return false
        }
    }
}

/// The words that can never be names.
public enum ReservedWords {
    public static let all: Set<String> = Set(Word.allCases.filter(\.isReserved).map(\.text))
}

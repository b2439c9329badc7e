/// The words the parser looks for: the reserved words, and the words that mean
/// something only in their place (attributes, option flags, functions). The lexer tags
/// a name token with its word, so the parser compares tags, not strings.
public enum Word: UInt8, Sendable, CaseIterable {
    // Reserved: never a name.
    case survey, version, info, single, multi, number, text, scale, grid, sample, `if`, `elseif`,
         `else`, end, terminate, compute, check, warn, quota, by, and, or, not, `in`, has
    // Words with a meaning in their place only.
    case language, range, decimals, max, pattern, pick, allow, optional, rotate, preload,
         dk, refused, other, exclusive, fixed, full, answered, count, len, instruction

    /// The words that can never be names.
    public var isReserved: Bool { rawValue <= Word.has.rawValue }

    public var spelling: StaticString {
        switch self {
        case .survey: "survey"
        case .version: "version"
        case .info: "info"
        case .single: "single"
        case .multi: "multi"
        case .number: "number"
        case .text: "text"
        case .scale: "scale"
        case .grid: "grid"
        case .sample: "sample"
        case .if: "if"
        case .elseif: "elseif"
        case .else: "else"
        case .end: "end"
        case .terminate: "terminate"
        case .compute: "compute"
        case .check: "check"
        case .warn: "warn"
        case .quota: "quota"
        case .by: "by"
        case .and: "and"
        case .or: "or"
        case .not: "not"
        case .in: "in"
        case .has: "has"
        case .language: "language"
        case .range: "range"
        case .decimals: "decimals"
        case .max: "max"
        case .pattern: "pattern"
        case .pick: "pick"
        case .allow: "allow"
        case .optional: "optional"
        case .rotate: "rotate"
        case .preload: "preload"
        case .dk: "dk"
        case .refused: "refused"
        case .other: "other"
        case .exclusive: "exclusive"
        case .fixed: "fixed"
        case .full: "full"
        case .answered: "answered"
        case .count: "count"
        case .len: "len"
        case .instruction: "instruction"
        }
    }

    public var text: String { spelling.description }

    /// The kind of question this word starts, if it starts one.
    var questionKind: QuestionKindWord? {
        switch self {
        case .info: .info
        case .single: .single
        case .multi: .multi
        case .number: .number
        case .text: .text
        case .scale: .scale
        case .grid: .grid
        default: nil
        }
    }

    /// The words that start a statement (or close a block), as suggested for a misspelt one.
    var startsStatement: Bool {
        switch self {
        case .info, .single, .multi, .number, .text, .scale, .grid, .if, .terminate, .compute, .check,
             .warn, .quota, .sample, .end, .else, .elseif: true
        default: false
        }
    }

    /// A question's attributes.
    var isAttribute: Bool {
        switch self {
        case .range, .decimals, .max, .pattern, .pick, .scale, .allow, .optional, .rotate, .preload, .if,
             .instruction: true
        default: false
        }
    }

    /// The functions of a condition: `answered(q)`, `count(q)` …
    var isFunction: Bool {
        switch self {
        case .answered, .dk, .refused, .count, .len: true
        default: false
        }
    }

    /// Whether `text` is a reserved word: what `ReservedWords.all` answers, without
    /// hashing when the text is ASCII (the reserved words are).
    static func isReserved(_ text: String) -> Bool {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return recognize(bytes)?.isReserved ?? false
        }
        if let answer = ascii ?? nil { return answer }
        return ReservedWords.all.contains(text)
    }

    /// The word spelled by `name`, if any.
    static func recognize(_ name: UnsafeBufferPointer<UInt8>) -> Word? {
        let count = name.count
        guard count >= 2, count <= longest else { return nil }
        let slot = Int(table[slot(first: name[0], second: name[1], count: count)])
        guard slot != 0 else { return nil }
        let word = Word(rawValue: UInt8(slot - 1))!
        let spelling = word.spelling
        guard spelling.utf8CodeUnitCount == count else { return nil }
        let expected = spelling.utf8Start
        for i in 0..<count where name[i] != expected[i] { return nil }
        return word
    }

    /// Words are lowercase ASCII of 2 to 11 letters, told apart by their first two
    /// letters and their length modulo 8 (checked when the table is built).
    private static let longest = 11

    private static func slot(first: UInt8, second: UInt8, count: Int) -> Int {
        Int(first & 0x1F) << 8 | Int(second & 0x1F) << 3 | (count & 0x07)
    }

    /// For each slot, 1 + the raw value of the word there, or 0.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 32 << 8)
        for word in Word.allCases {
            let s = word.spelling
            let p = s.utf8Start
            let slot = slot(first: p[0], second: p[1], count: s.utf8CodeUnitCount)
            precondition(table[slot] == 0, "two words share a slot")
            table[slot] = word.rawValue + 1
        }
        return table
    }()
}

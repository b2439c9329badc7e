/// Random damage to a questionnaire's bytes, of the kinds people and editors do:
/// tokens and lines deleted, duplicated, swapped; stray bytes, quotes and braces;
/// truncation; invalid UTF-8; words of the language in the wrong place.
enum Mutator {
    enum Operation: CaseIterable {
        case deleteToken, duplicateToken, swapTokens, deleteLine, duplicateLine, swapLines, insertNewline,
             insertRandomBytes, truncate, insertInvalidUTF8, insertQuote, insertBrace, insertWord, replaceNumber
    }

    /// Words and symbols of the language, and a few things that are close to them.
    static let vocabulary: [String] = [
        "survey", "version", "info", "single", "multi", "number", "text", "scale", "grid", "sample", "if",
        "elseif", "else", "end", "terminate", "compute", "check", "warn", "quota", "by", "and", "or", "not",
        "in", "has", "range", "decimals", "max", "pattern", "pick", "allow", "dk", "refused", "optional",
        "rotate", "preload", "other", "exclusive", "fixed", "full", "answered", "count", "len", "language",
        "loop", "over", "loop r over m\n", "{r}", "_1",
        "=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "(", ")", ",", ":", "..", "#", "\"\"", "\"x\"",
        "{", "}", "{{", "\\", "\\\"", "1", "0", "-1", "2.5", "1..3", "3..1", "\t", "\r\n", "é", "\u{301}", "🙂",
    ]

    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0x80], [0xC3], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xEF, 0xBB, 0xBF],
    ]

    /// Numbers stay below 10^6: huge whole decimals are a known crash, reported and
    /// covered by the isolated corpus files; here they would only stop the run.
    static let numbers = ["0", "1", "2", "3", "9", "10", "-1", "-7", "99", "100000", "2.5", "0.0", "1..3", "3..1", "1..", ".."]

    static func mutate<G: RandomNumberGenerator>(_ input: [UInt8], using rng: inout G) -> (bytes: [UInt8], steps: [String]) {
        var bytes = input
        var steps: [String] = []
        let count = [1, 1, 1, 2, 2, 3].randomElement(using: &rng)!
        for _ in 0..<count {
            let op = Operation.allCases.randomElement(using: &rng)!
            steps.append(apply(op, to: &bytes, using: &rng))
        }
        return (bytes, steps)
    }

    static func apply<G: RandomNumberGenerator>(_ op: Operation, to bytes: inout [UInt8], using rng: inout G) -> String {
        let tokens = tokenRanges(bytes)
        let lines = lineRanges(bytes)
        func position() -> Int { Int.random(in: 0...bytes.count, using: &rng) }
        switch op {
        case .deleteToken:
            guard let t = tokens.randomElement(using: &rng) else { return "delete token (none)" }
            bytes.removeSubrange(t)
            return "delete token at \(t.lowerBound)"
        case .duplicateToken:
            guard let t = tokens.randomElement(using: &rng) else { return "duplicate token (none)" }
            bytes.insert(contentsOf: Array(bytes[t]) + [0x20], at: t.lowerBound)
            return "duplicate token at \(t.lowerBound)"
        case .swapTokens:
            guard tokens.count >= 2 else { return "swap tokens (too few)" }
            var a = tokens.randomElement(using: &rng)!, b = tokens.randomElement(using: &rng)!
            if a.lowerBound > b.lowerBound { swap(&a, &b) }
            guard a.upperBound <= b.lowerBound else { return "swap tokens (same)" }
            let first = Array(bytes[a]), second = Array(bytes[b])
            bytes.replaceSubrange(b, with: first)
            bytes.replaceSubrange(a, with: second)
            return "swap tokens at \(a.lowerBound) and \(b.lowerBound)"
        case .deleteLine:
            guard let l = lines.randomElement(using: &rng) else { return "delete line (none)" }
            bytes.removeSubrange(l)
            return "delete line at \(l.lowerBound)"
        case .duplicateLine:
            guard let l = lines.randomElement(using: &rng) else { return "duplicate line (none)" }
            bytes.insert(contentsOf: Array(bytes[l]), at: l.lowerBound)
            return "duplicate line at \(l.lowerBound)"
        case .swapLines:
            guard lines.count >= 2 else { return "swap lines (too few)" }
            var a = lines.randomElement(using: &rng)!, b = lines.randomElement(using: &rng)!
            if a.lowerBound > b.lowerBound { swap(&a, &b) }
            guard a.upperBound <= b.lowerBound else { return "swap lines (same)" }
            var first = Array(bytes[a]), second = Array(bytes[b])
            if first.last != 0x0A { first.append(0x0A) }
            if second.last != 0x0A { second.append(0x0A) }
            bytes.replaceSubrange(b, with: first)
            bytes.replaceSubrange(a, with: second)
            return "swap lines at \(a.lowerBound) and \(b.lowerBound)"
        case .insertNewline:
            let p = position()
            bytes.insert(0x0A, at: p)
            return "newline at \(p)"
        case .insertRandomBytes:
            let p = position()
            let n = Int.random(in: 1...4, using: &rng)
            bytes.insert(contentsOf: (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: p)
            return "\(n) random bytes at \(p)"
        case .truncate:
            let p = Int.random(in: 0...bytes.count, using: &rng)
            bytes.removeSubrange(p...)
            return "truncate at \(p)"
        case .insertInvalidUTF8:
            let p = position()
            bytes.insert(contentsOf: invalidUTF8.randomElement(using: &rng)!, at: p)
            return "invalid UTF-8 at \(p)"
        case .insertQuote:
            let p = position()
            bytes.insert(0x22, at: p)
            return "quote at \(p)"
        case .insertBrace:
            let p = position()
            bytes.insert(contentsOf: Array(["{", "}", "{{", "{x", "{sample.", "{}"].randomElement(using: &rng)!.utf8), at: p)
            return "brace at \(p)"
        case .insertWord:
            let p = position()
            let word = vocabulary.randomElement(using: &rng)!
            let padded = [" " + word + " ", word, " " + word, word + " "].randomElement(using: &rng)!
            bytes.insert(contentsOf: Array(padded.utf8), at: p)
            return "word \(word.debugDescription) at \(p)"
        case .replaceNumber:
            let numeric = tokens.filter { bytes[$0.lowerBound] >= 0x30 && bytes[$0.lowerBound] <= 0x39 }
            guard let t = numeric.randomElement(using: &rng) else { return "replace number (none)" }
            let number = numbers.randomElement(using: &rng)!
            bytes.replaceSubrange(t, with: Array(number.utf8))
            return "number \(number) at \(t.lowerBound)"
        }
    }

    /// Byte ranges of rough tokens: a string to its closing quote (or the line's end), a
    /// run of name characters, or one other byte. White space separates them.
    static func tokenRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E || b >= 0x80
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            let start = i
            if b == 0x22 {
                i += 1
                while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x0A { i += 1 }
                if i < bytes.count, bytes[i] == 0x22 { i += 1 }
            } else if isNameByte(b) {
                while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
            } else {
                i += 1
            }
            out.append(start..<i)
        }
        return out
    }

    /// Byte ranges of the lines, each with its newline when it has one.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            out.append(start..<(i + 1))
            start = i + 1
        }
        if start < bytes.count { out.append(start..<bytes.count) }
        return out
    }
}

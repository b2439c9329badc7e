/// Draws a string that a `pattern` is likely to match, for simulated answers. Handles
/// the common subset: literals, escapes (\d \w \s and escaped punctuation), classes
/// `[a-z0-9]`, groups with `|`, quantifiers `? * + {n} {n,m}`, anchors. The caller checks
/// the result against the real pattern.
struct RegexSampler {
    private let chars: [Character]
    private var i = 0

    static func sample<G: RandomNumberGenerator>(_ pattern: String, using g: inout G) -> String? {
        var sampler = RegexSampler(chars: Array(pattern))
        guard let node = sampler.parseAlternation(), sampler.i == sampler.chars.count else { return nil }
        var out = ""
        node.emit(into: &out, using: &g)
        return out
    }

    private init(chars: [Character]) { self.chars = chars }

    indirect enum Node {
        case literal(Character)
        case set([Character])
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, Int, Int)

        func emit<G: RandomNumberGenerator>(into out: inout String, using g: inout G) {
            switch self {
            case .literal(let c): out.append(c)
            case .set(let options): if let c = options.randomElement(using: &g) { out.append(c) }
            case .sequence(let nodes): for n in nodes { n.emit(into: &out, using: &g) }
            case .alternation(let nodes): nodes.randomElement(using: &g)?.emit(into: &out, using: &g)
            case .repeated(let n, let lo, let hi):
                for _ in 0..<Int.random(in: lo...hi, using: &g) { n.emit(into: &out, using: &g) }
            }
        }
    }

    static let digits = Array("0123456789")
    static let word = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    static let letters = Array("abcdefghijklmnopqrstuvwxyz")

    private var peek: Character? { i < chars.count ? chars[i] : nil }

    private mutating func parseAlternation() -> Node? {
        var branches: [Node] = []
        repeat {
            if peek == "|" { i += 1 }
            guard let seq = parseSequence() else { return nil }
            branches.append(seq)
        } while peek == "|"
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() -> Node? {
        var nodes: [Node] = []
        while let c = peek, c != "|", c != ")" {
            guard var atom = parseAtom() else { return nil }
            if let q = parseQuantifier() { atom = .repeated(atom, q.0, q.1) }
            nodes.append(atom)
        }
        return .sequence(nodes)
    }

    private mutating func parseAtom() -> Node? {
        guard let c = peek else { return nil }
        i += 1
        switch c {
        case "^", "$": return .sequence([])
        case ".": return .set(Self.letters)
        case "(":
            if peek == "?", i + 1 < chars.count, chars[i + 1] == ":" { i += 2 }
            guard let inner = parseAlternation(), peek == ")" else { return nil }
            i += 1
            return inner
        case "[": return parseClass()
        case "\\": return parseEscape().map { .set($0) }
        default: return .literal(c)
        }
    }

    private mutating func parseEscape() -> [Character]? {
        guard let e = peek else { return nil }
        i += 1
        switch e {
        case "d": return Self.digits
        case "w": return Self.word
        case "s": return [" "]
        case "D", "W", "S": return nil
        default: return [e]
        }
    }

    private mutating func parseClass() -> Node? {
        if peek == "^" { return nil }
        var options: [Character] = []
        var first = true
        while let c = peek, c != "]" || first {
            first = false
            i += 1
            var start = c
            if c == "\\" {
                guard let set = parseEscape() else { return nil }
                if set.count > 1 { options += set; continue }
                start = set[0]
            }
            if peek == "-", i + 1 < chars.count, chars[i + 1] != "]" {
                i += 1
                guard let end = peek else { return nil }
                i += 1
                guard let a = start.unicodeScalars.first?.value, let b = end.unicodeScalars.first?.value, a <= b,
                      b - a < 5000 else { return nil }
                options += (a...b).compactMap { Unicode.Scalar($0).map(Character.init) }
            } else {
                options.append(start)
            }
        }
        guard peek == "]", !options.isEmpty else { return nil }
        i += 1
        return .set(options)
    }

    private mutating func parseQuantifier() -> (Int, Int)? {
        guard let c = peek else { return nil }
        switch c {
        case "?": i += 1; return (0, 1)
        case "*": i += 1; return (0, 3)
        case "+": i += 1; return (1, 4)
        case "{":
            let save = i
            i += 1
            var lo = "", hi = ""
            while let d = peek, d.isNumber { lo.append(d); i += 1 }
            var sawComma = false
            if peek == "," { sawComma = true; i += 1; while let d = peek, d.isNumber { hi.append(d); i += 1 } }
            guard peek == "}", let low = Int(lo) else { i = save; return nil }
            i += 1
            let high = sawComma ? (Int(hi) ?? low + 3) : low
            return (low, max(low, high))
        default: return nil
        }
    }
}

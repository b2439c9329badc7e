/// Turns what the interviewer typed into a value, or says why it is refused.
public struct AnswerParser: Sendable {
    public let messages: InterviewMessages

    public init(_ language: InterviewerLanguage) { messages = InterviewMessages(language) }

    public enum Outcome: Sendable, Equatable {
        case value(Value)
        case refused(String)
    }

    /// The answer to `question` (for a grid, to the item being asked).
    public func parse(_ raw: String, for question: Question) -> Outcome {
        let entry = raw.trimmingSpaces()
        switch question.kind {
        case .info:
            return .value(.absent)
        case .single(let list):
            if entry.isEmpty { return empty(question) }
            guard let code = code(entry, in: list) else {
                return .refused(messages.unknownCode(entry, Self.describe(list.codes)))
            }
            return .value(.number(Double(code)))
        case .multi(let list, let pick):
            return parseMulti(entry, list: list, pick: pick, question: question)
        case .number(let range, let decimals):
            return parseNumber(entry, range: range, decimals: decimals, question: question)
        case .text(let maxLength, let pattern):
            if entry.isEmpty { return empty(question) }
            if entry.count > maxLength { return .refused(messages.tooLong(maxLength, entry.count)) }
            if let pattern, !Self.matches(entry, pattern: pattern) { return .refused(messages.patternMismatch) }
            return .value(.text(entry))
        case .scale(let range, _), .grid(let range, _):
            if entry.isEmpty { return empty(question) }
            guard let n = Int(entry) else { return .refused(messages.wholeNumber) }
            guard range.contains(n) else {
                return .refused(messages.outOfRange("\(range.lowerBound)–\(range.upperBound)"))
            }
            return .value(.number(Double(n)))
        }
    }

    private func empty(_ question: Question) -> Outcome {
        question.optional ? .value(.absent) : .refused(messages.required)
    }

    private func code(_ entry: String, in list: CodeList) -> Int? {
        if let n = Int(entry) { return list.option(code: n)?.code }
        let lowered = entry.lowercased()
        return list.options.first { $0.codeName?.lowercased() == lowered }?.code
    }

    private func parseMulti(_ entry: String, list: CodeList, pick: ClosedRange<Int>, question: Question) -> Outcome {
        let pieces = entry.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        if pieces.isEmpty {
            if question.optional { return .value(.absent) }
            return pick.lowerBound == 0 ? .value(.codes([])) : .refused(messages.required)
        }
        var codes: [Int] = []
        for piece in pieces {
            guard let c = code(piece, in: list) else {
                return .refused(messages.unknownCode(piece, Self.describe(list.codes)))
            }
            if !codes.contains(c) { codes.append(c) }
        }
        codes.sort()
        if codes.count > 1, let ex = codes.first(where: { list.option(code: $0)?.exclusive == true }) {
            return .refused(messages.exclusive(ex))
        }
        let isExclusive = codes.count == 1 && list.option(code: codes[0])?.exclusive == true
        if codes.count < pick.lowerBound, !isExclusive { return .refused(messages.pickAtLeast(pick.lowerBound)) }
        if codes.count > pick.upperBound { return .refused(messages.pickAtMost(pick.upperBound)) }
        return .value(.codes(codes))
    }

    private func parseNumber(_ entry: String, range: ClosedRange<Double>, decimals: Int, question: Question) -> Outcome {
        if entry.isEmpty { return empty(question) }
        let normalized = entry.replacingAll(",", with: ".")
        guard normalized.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let n = Double(normalized), n.isFinite else {
            return .refused(messages.notANumber)
        }
        let fraction = normalized.split(separator: ".", omittingEmptySubsequences: false)
        let typedDecimals = fraction.count > 1 ? fraction[1].count : 0
        if typedDecimals > decimals {
            return .refused(decimals == 0 ? messages.wholeNumber : messages.tooManyDecimals(decimals))
        }
        guard range.contains(n) else {
            let d = decimals
            return .refused(messages.outOfRange(
                "\(NumberFormat.plain(range.lowerBound, decimals: d))–\(NumberFormat.plain(range.upperBound, decimals: d))"))
        }
        return .value(.number(n))
    }

    /// `1–5` for a run of codes, else the codes separated by commas.
    static func describe(_ codes: [Int]) -> String {
        let sorted = codes.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "" }
        if sorted.count > 2, last - first == sorted.count - 1 { return "\(first)–\(last)" }
        return sorted.map(String.init).joined(separator: ", ")
    }

    static func matches(_ text: String, pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}

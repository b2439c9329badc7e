/// `cati outcomes` (fieldwork.md): every case once with its current AAPOR code, the
/// counts by code, `e` and the AAPOR rates RR1–RR4, COOP1, REF1, CON1.
public struct OutcomeReport: Sendable {
    public struct Case: Sendable, Equatable {
        public let id: String
        public let attempts: Int
        public let aapor: String
        public let final: Bool
        public let outcome: CallOutcome?
        /// The interviewer of the last attempt (nil: never attempted).
        public let interviewer: String?
    }

    public let cases: [Case]
    public let counts: [(code: String, count: Int)]
    public let rates: AAPORRates

    public init(cases: [Case]) {
        self.cases = cases
        var byCode: [String: Int] = [:]
        for c in cases { byCode[c.aapor, default: 0] += 1 }
        counts = byCode.sorted { Self.codeOrder($0.key, $1.key) }.map { (code: $0.key, count: $0.value) }
        rates = AAPORRates(counts: byCode)
    }

    /// The report of a book of cases under these settings (the attempt limit closes cases).
    public init(book: CaseBook, settings: FieldworkSettings) {
        self.init(cases: book.ids.indices.map { k in
            let state = book.states[k]
            let isFinal: Bool
            if case .final = book.status(at: k, settings: settings) { isFinal = true } else { isFinal = false }
            return Case(id: book.ids[k], attempts: state.attempts, aapor: book.aapor(at: k), final: isFinal,
                        outcome: state.last?.outcome, interviewer: state.last?.interviewer)
        })
    }

    /// Codes in numeric order, part by part (2.11 < 2.112 < 2.12 < 2.21).
    static func codeOrder(_ a: String, _ b: String) -> Bool {
        let pa = a.split(separator: "."), pb = b.split(separator: ".")
        if pa.first != pb.first { return (Int(pa.first ?? "") ?? 0) < (Int(pb.first ?? "") ?? 0) }
        return (pa.dropFirst().first ?? "") < (pb.dropFirst().first ?? "")
    }

    public var json: JSON {
        .object([
            ("cases", .array(cases.map { c in
                var members: [(String, JSON)] = [("id", .string(c.id)), ("attempts", .int(c.attempts)),
                                                 ("aapor", .string(c.aapor)), ("final", .bool(c.final))]
                members.append(("outcome", c.outcome.map { .string($0.rawValue) } ?? .null))
                return .object(members)
            })),
            ("counts", .object(counts.map { ($0.code, .int($0.count)) })),
            ("e", rates.e.map { .double(Self.round($0)) } ?? .null),
            ("rates", rates.json),
        ])
    }

    static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// The report split by the interviewer of each case's last attempt.
    public func byInterviewer() -> [(interviewer: String, report: OutcomeReport)] {
        var groups: [String: [Case]] = [:]
        for c in cases { groups[c.interviewer ?? "", default: []].append(c) }
        return groups.keys.sorted().map { (interviewer: $0, report: OutcomeReport(cases: groups[$0]!)) }
    }

    /// The plain table: counts by code with outcome names, then e and the rates.
    public func text(language: InterviewerLanguage = .en) -> String {
        var out: [String] = []
        // The outcomes behind each code, as the cases have them (most frequent first).
        var byCode: [String: [CallOutcome: Int]] = [:]
        for c in cases { if let o = c.outcome { byCode[c.aapor, default: [:]][o, default: 0] += 1 } }
        out.append("code    cases  outcome")
        for (code, count) in counts {
            let outcomes = (byCode[code] ?? [:]).sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
            let name = code == CallOutcome.notAttemptedCode && outcomes.isEmpty ? "not attempted"
                : outcomes.count == 1 ? outcomes[0].key.rawValue
                : outcomes.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
            out.append(code.padding(6) + String(count).leftPadding(7) + "  " + name)
        }
        out.append("total " + String(cases.count).leftPadding(7) + "  (\(cases.filter(\.final).count) final)")
        out.append("")
        out.append("e      " + (rates.e.map(Self.format) ?? "—"))
        for (name, value) in rates.named { out.append(name.padding(6) + " " + (value.map(Self.format) ?? "—")) }
        return out.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String {
        let n = Int((x * 1000).rounded())
        return "\(n / 1000)." + String(n % 1000).leftPadding(3, "0")
    }
}

/// The AAPOR Standard Definitions rates from counts by code.
public struct AAPORRates: Sendable, Equatable {
    public let groups: [AAPORGroup: Int]
    public let e: Double?
    public let rr1, rr2, rr3, rr4, coop1, ref1, con1: Double?

    public init(counts: [String: Int]) {
        var g: [AAPORGroup: Int] = [:]
        for (code, n) in counts { if let group = AAPORGroup(code: code) { g[group, default: 0] += n } }
        groups = g
        func n(_ x: AAPORGroup) -> Double { Double(g[x] ?? 0) }
        let i = n(.interview), p = n(.partial), r = n(.refusal), nc = n(.nonContact), o = n(.other)
        let unknown = n(.unknownHousehold) + n(.unknownOther)
        let eligible = i + p + r + nc + o
        func ratio(_ a: Double, _ b: Double?) -> Double? { guard let b, b > 0 else { return nil }; return a / b }
        e = ratio(eligible, eligible + n(.notEligible))
        rr1 = ratio(i, eligible + unknown)
        rr2 = ratio(i + p, eligible + unknown)
        let withE = unknown == 0 ? eligible : e.map { eligible + $0 * unknown }
        rr3 = ratio(i, withE)
        rr4 = ratio(i + p, withE)
        coop1 = ratio(i, i + p + r + o)
        ref1 = ratio(r, eligible + unknown)
        con1 = ratio(i + p + r + o, i + p + r + o + nc + unknown)
    }

    public var named: [(String, Double?)] {
        [("RR1", rr1), ("RR2", rr2), ("RR3", rr3), ("RR4", rr4), ("COOP1", coop1), ("REF1", ref1), ("CON1", con1)]
    }

    public var json: JSON {
        .object(named.map { ($0.0, $0.1.map { .double(OutcomeReport.round($0)) } ?? .null) })
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadding(_ width: Int, _ fill: Character = " ") -> String {
        String(repeating: fill, count: max(0, width - count)) + self
    }
}

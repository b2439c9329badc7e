/// The chances of what happens when a simulated case is dialled: each outcome an
/// interviewer records, or `interview` (someone answers and the interview runs; its
/// own ending is then the outcome). Configurable as `no-answer=0.3,interview=0.2,…`:
/// named entries replace the defaults, and the whole is scaled to 1.
public struct CallMix: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case outcome(CallOutcome)
        case interview
    }

    public private(set) var weights: [(Result, Double)]

    public static func == (a: CallMix, b: CallMix) -> Bool {
        a.weights.count == b.weights.count && zip(a.weights, b.weights).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    /// A mix in line with telephone surveys of a service's own users.
    public static let standard = CallMix(weights: [
        (.interview, 0.26), (.outcome(.noAnswer), 0.30), (.outcome(.busy), 0.07),
        (.outcome(.answeringMachine), 0.07), (.outcome(.answeringMachineMessage), 0.04),
        (.outcome(.appointment), 0.08), (.outcome(.refusalSoft), 0.05), (.outcome(.refusalHard), 0.04),
        (.outcome(.doNotCall), 0.01), (.outcome(.wrongNumber), 0.02), (.outcome(.disconnected), 0.02),
        (.outcome(.fax), 0.01), (.outcome(.language), 0.01), (.outcome(.unable), 0.01),
        (.outcome(.notEligible), 0.01),
    ])

    init(weights: [(Result, Double)]) { self.weights = weights }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func parse(_ text: String) throws -> CallMix {
        var mix = standard
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=").map { String($0).trimmingSpaces() }
            guard parts.count == 2, let weight = Double(parts[1]), weight >= 0 else {
                throw ParseError(description: "'\(entry)': write OUTCOME=CHANCE, like no-answer=0.3")
            }
            let result: Result
            if parts[0] == "interview" {
                result = .interview
            } else if let o = CallOutcome(rawValue: parts[0]), !Self.endings.contains(o) {
                result = .outcome(o)
            } else {
                throw ParseError(description: "'\(parts[0])' is not an outcome an interviewer records (or 'interview')")
            }
            if let k = mix.weights.firstIndex(where: { $0.0 == result }) { mix.weights[k].1 = weight }
            else { mix.weights.append((result, weight)) }
        }
        guard mix.weights.contains(where: { $0.1 > 0 }) else { throw ParseError(description: "every chance is 0") }
        return mix
    }

    /// Outcomes only an interview's ending gives.
    static let endings: Set<CallOutcome> = [.complete, .breakOff, .screenedOut, .overQuota, .quotaFilled]

    /// The result of a draw u in [0, 1).
    public func pick(_ u: Double) -> Result {
        let total = weights.reduce(0) { $0 + $1.1 }
        var x = u * total
        for (result, weight) in weights {
            if x < weight { return result }
            x -= weight
        }
        return weights.last { $0.1 > 0 }!.0
    }
}

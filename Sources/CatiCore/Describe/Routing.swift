/// Which conditions lead to each step of the program: the `if`/`elseif`/`else` arms it
/// sits in (an arm after the first also needs the earlier arms' conditions false), and
/// a question's own `if`.
public struct Routing: Sendable {
    public struct Guard: Sendable {
        public let condition: Expression
        /// True in an `elseif`/`else` arm reached because this earlier condition failed.
        public let negated: Bool
    }

    /// Per instruction, its guards from the outermost in.
    public let guards: [[Guard]]

    public init(program: [Instruction]) {
        var guards = Array(repeating: [Guard](), count: program.count)
        for (j, instruction) in program.enumerated() {
            guard case .jumpUnless(let condition, let target) = instruction else { continue }
            // The arm's own body: j+1 up to its closing jump at target-1.
            for i in (j + 1)..<max(j + 1, target) { guards[i].append(Guard(condition: condition, negated: false)) }
            // The later arms of the same branch: from target up to where the closing jump goes.
            if target - 1 > j, target - 1 < program.count, case .jump(let end) = program[target - 1], end > target {
                for i in target..<min(end, program.count) { guards[i].append(Guard(condition: condition, negated: true)) }
            }
        }
        // Guards were appended in the order their jumps appear, which is outermost first.
        self.guards = guards
    }
}

/// The routing condition under which each question and compute is reached, read back
/// from the checked program: a `jumpUnless` guards the instructions up to its target
/// with its condition; when the guarded block ends with a jump past an `else` part,
/// that part is guarded by the condition's negation. Conditions of nested blocks are
/// joined with `and`. `terminate` conditions are not included: they end the interview,
/// they do not route around a question.
struct RoutingConditions {
    private let guards: [[Expression]]
    private let questionnaire: Questionnaire
    private var askedAt: [Int: Int] = [:]
    private var computedAt: [Int: Int] = [:]

    init(questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
        let program = questionnaire.program
        var guards = [[Expression]](repeating: [], count: program.count)
        for (pc, instruction) in program.enumerated() {
            switch instruction {
            case .jumpUnless(let condition, let target):
                for i in (pc + 1)..<max(pc + 1, min(target, program.count)) { guards[i].append(condition) }
                if target - 1 > pc, target <= program.count, case .jump(let end) = program[target - 1], end > target {
                    for i in target..<min(end, program.count) { guards[i].append(.not(condition)) }
                }
            case .ask(let question): askedAt[question] = pc
            case .compute(let variable, _): computedAt[variable] = pc
            default: break
            }
        }
        self.guards = guards
    }

    /// The condition of a variable's question (a grid item: its grid's), or of a compute.
    func condition(of variable: Variable) -> String? {
        let pc: Int?
        switch variable.role {
        case .question(let index), .gridItem(let index, _): pc = askedAt[index]
        case .computed: pc = computedAt[variable.id]
        default: pc = nil
        }
        guard let pc, !guards[pc].isEmpty else { return nil }
        let parts = guards[pc]
        if parts.count == 1 { return ConditionText.expression(parts[0], questionnaire) }
        return parts.map { ConditionText.expression($0, questionnaire, minimumLevel: ConditionText.Level.and) }
            .joined(separator: " and ")
    }

    /// A compute's expression as the questionnaire would write it.
    func computeExpression(of variable: Int) -> String? {
        guard let pc = computedAt[variable], case .compute(_, let e) = questionnaire.program[pc] else { return nil }
        return ConditionText.expression(e, questionnaire)
    }
}

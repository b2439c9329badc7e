/// Walking the program forward to the next step the interviewer must see, and the
/// quota checks made on the way.
extension Interview {
    /// Runs computes, skips blocks whose condition fails, fills preloads, and stops at
    /// the next question, failed check, raised warning, terminate or the end.
    mutating func walk(from start: Int) throws -> Stop {
        let program = questionnaire.program
        var pc = start
        while pc < program.count {
            switch program[pc] {
            case .ask(let q):
                let question = questionnaire.questions[q]
                if question.isInfo == false, question.preload, let variable = question.variable,
                   let value = preloadValue(question) {
                    env[variable] = value
                    memory[variable] = value
                    if let over = try checkQuotas(includingPreloads: false) { return Stop(pc: pc, kind: over) }
                    pc += 1
                    continue
                }
                if case .grid = question.kind {
                    return Stop(pc: pc, kind: .ask(question: q, item: shownOrder(of: question).first ?? 0))
                }
                return Stop(pc: pc, kind: .ask(question: q, item: nil))
            case .jumpUnless(let condition, let target):
                pc = evaluator.holds(condition, env) ? pc + 1 : target
            case .jump(let target):
                pc = target
            case .compute(let variable, let expression):
                env[variable] = evaluator.evaluate(expression, env)
                pc += 1
            case .rule(let rule):
                if ruleFires(rule, at: pc) { return Stop(pc: pc, kind: .rule) }
                pc += 1
            case .terminate(let text, let condition, _):
                if condition.map({ evaluator.holds($0, env) }) ?? true {
                    return Stop(pc: pc, kind: .ending(.screenedOut, text: fill.render(text, env, others: otherText), quota: nil))
                }
                pc += 1
            }
        }
        return Stop(pc: program.count, kind: .ending(.complete, text: nil, quota: nil))
    }

    /// The instructions the current path passes through, up to the current step (the
    /// routing re-evaluated on the values on the path).
    func pathInstructions() -> Set<Int> {
        let program = questionnaire.program
        var passed: Set<Int> = []
        var pc = 0
        while pc < program.count, pc <= current.pc {
            passed.insert(pc)
            switch program[pc] {
            case .jumpUnless(let condition, let target): pc = evaluator.holds(condition, env) ? pc + 1 : target
            case .jump(let target): pc = target
            default: pc += 1
            }
        }
        return passed
    }

    /// A check fails when its condition is false, a warning when true; neither is
    /// evaluated while a variable it reads is absent, dk or refused. A warning already
    /// confirmed with the same values stays quiet.
    func ruleFires(_ rule: Rule, at pc: Int) -> Bool {
        for id in rule.condition.strictVariables where !env[id].isPresent { return false }
        let holds = evaluator.holds(rule.condition, env)
        if rule.isHard { return !holds }
        guard holds else { return false }
        let snapshot = rule.variables.map { env[$0] }
        return !confirmations.contains { $0.pc == pc && $0.snapshot == snapshot }
    }

    func preloadValue(_ question: Question) -> Value? {
        guard let raw = sample?.value(question.name) else { return nil }
        if case .value(let v) = parser.parse(raw, for: question), v.isPresent { return v }
        return nil
    }

    /// The codes of a quota's variables, when all have one.
    func quotaValues(_ quota: Quota, includingPreloads: Bool) -> [Int]? {
        var values: [Int] = []
        for id in quota.variables {
            var value = env[id]
            if value == .absent, includingPreloads, case .question(let q) = questionnaire.variables[id].role {
                let question = questionnaire.questions[q]
                if question.preload, let v = preloadValue(question) { value = v }
            }
            guard let code = value.code else { return nil }
            values.append(code)
        }
        return values
    }

    /// An interview that ends over quota before its first question keeps, as answers,
    /// the preloaded values of the quota that ended it, so that its record says which
    /// cell was full (`quota_cells`) and why.
    mutating func recordPreloads(judgedBy quotaName: String) {
        for quota in questionnaire.quotas where quota.name == quotaName {
            for id in quota.variables where env[id] == .absent {
                guard case .question(let q) = questionnaire.variables[id].role else { continue }
                let question = questionnaire.questions[q]
                if question.preload, let value = preloadValue(question) { env[id] = value }
            }
        }
    }

    /// Checks every quota whose variables all have values: holds (or moves) the place,
    /// or returns the over-quota ending when the cell is full or no cell covers it.
    mutating func checkQuotas(includingPreloads: Bool) throws -> Stop.Kind? {
        for (index, quota) in questionnaire.quotas.enumerated() {
            guard let values = quotaValues(quota, includingPreloads: includingPreloads) else {
                // a dk/refused quota variable belongs to no cell: give up a place held before
                if heldCells[index] != nil, quota.variables.contains(where: { env[$0] == .dk || env[$0] == .refused }) {
                    try gate.release(quota, for: id)
                    heldCells[index] = nil
                }
                continue
            }
            let cellIndex = quota.cells.firstIndex { $0.matches(values) }
            if let cellIndex, heldCells[index] == cellIndex { continue }
            var room = false
            if let cellIndex {
                room = try gate.hold(quota.cells[cellIndex], of: quota, for: id)
            } else if heldCells[index] != nil {
                try gate.release(quota, for: id)
            }
            if room {
                heldCells[index] = cellIndex
            } else {
                heldCells[index] = nil
                let text = quota.fullText.map { fill.render($0, env, others: otherText) } ?? parser.messages.overQuotaDefault
                return .ending(.overQuota, text: text, quota: quota.name)
            }
        }
        return nil
    }

    /// Gives up every place held (the interview ended, or was suspended).
    public mutating func releaseQuotaPlaces() throws {
        for index in heldCells.keys.sorted() {
            try gate.release(questionnaire.quotas[index], for: id)
        }
        heldCells = [:]
    }
}

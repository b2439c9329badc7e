/// The interviewer's actions.
extension Interview {
    /// Applies one action at `time` (seconds since 1970). Throws only when the quota
    /// gate fails; the caller then keeps its copy of the interview from before.
    @discardableResult
    public mutating func perform(_ action: Action, at time: Double) throws -> ActionOutcome {
        guard status == nil else { return .finished(status!) }
        let outcome = try apply(action, at: time)
        if case .rejected(let why) = outcome { message = why } else { message = nil }
        return outcome
    }

    private mutating func apply(_ action: Action, at time: Double) throws -> ActionOutcome {
        switch action {
        case .answer(let raw): return try answer(raw, at: time)
        case .dontKnow: return try missing(.dk, at: time)
        case .refused: return try missing(.refused, at: time)
        case .back: return goBack(at: time)
        case .goTo(let name): return goTo(name, at: time)
        case .note(let text):
            let trimmed = text.trimmingSpaces()
            if !trimmed.isEmpty { notes.append((paradataName(current) ?? "", trimmed)) }
            return .moved
        case .end(let status, let reason):
            guard status == .refused || status == .breakOff else { return .rejected("only refused or break-off") }
            leave(at: time)
            endReason = reason.trimmingSpaces().isEmpty ? nil : reason.trimmingSpaces()
            return finish(status, at: time)
        }
    }

    private mutating func finish(_ status: InterviewStatus, at time: Double) -> ActionOutcome {
        self.status = status
        finishedAt = time
        return .finished(status)
    }

    private mutating func answer(_ raw: String, at time: Double) throws -> ActionOutcome {
        let stop = current
        switch stop.kind {
        case .ask(let q, let item):
            let question = questionnaire.questions[q]
            switch parser.parse(raw, for: question) {
            case .refused(let why): return .rejected(why)
            case .value(let value): return try accept(value, question: question, item: item, at: time)
            }
        case .specifyOther(let q):
            let text = raw.trimmingSpaces()
            guard !text.isEmpty else { return .rejected(parser.messages.specifyOther) }
            leave(at: time)
            otherText[q] = text
            otherMemory[q] = text
            enter(try walk(from: stop.pc + 1), at: time)
            return .moved
        case .rule:
            guard case .rule(let rule) = questionnaire.program[stop.pc] else { return .moved }
            if rule.isHard { return .rejected(parser.messages.checkStillFails) }
            confirmations.append(Confirmation(pc: stop.pc, snapshot: rule.variables.map { env[$0] },
                                              text: fill.render(rule.message, env, others: otherText)))
            enter(try walk(from: stop.pc + 1), at: time)
            return .moved
        case .ending(let status, _, _):
            leave(at: time)
            return finish(status, at: time)
        }
    }

    private mutating func missing(_ value: Value, at time: Double) throws -> ActionOutcome {
        guard case .ask(let q, let item) = current.kind else {
            return .rejected(value == .dk ? parser.messages.dkNotAllowed : parser.messages.refusedNotAllowed)
        }
        let question = questionnaire.questions[q]
        if question.isInfo || (value == .dk && !question.allowDK) || (value == .refused && !question.allowRefused) {
            return .rejected(value == .dk ? parser.messages.dkNotAllowed : parser.messages.refusedNotAllowed)
        }
        return try accept(value, question: question, item: item, at: time)
    }

    /// Records an accepted answer and moves to the next step.
    private mutating func accept(_ value: Value, question: Question, item: Int?, at time: Double) throws -> ActionOutcome {
        let pc = current.pc
        leave(at: time)
        let variable = item.map { question.gridItems[$0].variable } ?? question.variable
        if let variable {
            env[variable] = value
            memory[variable] = value
        }
        if let over = try checkQuotas(includingPreloads: false) {
            enter(Stop(pc: pc, kind: over), at: time)
            return .moved
        }
        if let item {
            // the items are answered in turn, in the order shown
            let order = shownOrder(of: question)
            if let k = order.firstIndex(of: item), k + 1 < order.count {
                enter(Stop(pc: pc, kind: .ask(question: question.index, item: order[k + 1])), at: time)
                return .moved
            }
        }
        if case .codes(let codes) = value, question.options.contains(where: { $0.other && codes.contains($0.code) }) {
            enter(Stop(pc: pc, kind: .specifyOther(question: question.index)), at: time)
            return .moved
        }
        if let code = value.code, item == nil, question.options.contains(where: { $0.other && $0.code == code }) {
            enter(Stop(pc: pc, kind: .specifyOther(question: question.index)), at: time)
            return .moved
        }
        otherText[question.index] = nil
        enter(try walk(from: pc + 1), at: time)
        return .moved
    }

    // MARK: - Going back

    private mutating func goBack(at time: Double) -> ActionOutcome {
        if case .rule = current.kind, case .rule(let rule) = questionnaire.program[current.pc],
           let target = trail.lastIndex(where: { asks($0, anyOf: rule.variables) }) {
            return returnTo(target, at: time)
        }
        guard let target = trail.indices.dropLast().last(where: { isQuestionStep(trail[$0]) }) else {
            return .rejected(parser.messages.nothingBefore)
        }
        return returnTo(target, at: time)
    }

    private mutating func goTo(_ name: String, at time: Double) -> ActionOutcome {
        guard let id = questionnaire.variable(named: name)?.id,
              let target = trail.lastIndex(where: { asks($0, anyOf: [id]) }) else {
            return .rejected(parser.messages.cannotGoBack)
        }
        return returnTo(target, at: time)
    }

    /// Makes trail[target] the current step again: everything after it leaves the path
    /// (its answers stay in memory and come back as the field's earlier answer).
    private mutating func returnTo(_ target: Int, at time: Double) -> ActionOutcome {
        leave(at: time)
        let stop = trail[target]
        trail.removeSubrange(target...)
        clearPath(from: stop)
        enter(stop, at: time)
        return .moved
    }

    func isQuestionStep(_ stop: Stop) -> Bool {
        switch stop.kind {
        case .ask, .specifyOther: return true
        default: return false
        }
    }

    func asks(_ stop: Stop, anyOf variables: [Int]) -> Bool {
        guard case .ask(let q, let item) = stop.kind else { return false }
        let question = questionnaire.questions[q]
        let variable = item.map { question.gridItems[$0].variable } ?? question.variable
        return variable.map { variables.contains($0) } ?? false
    }

    /// Clears from the path every value set at or after `stop` (sample values stay).
    private mutating func clearPath(from stop: Stop) {
        guard case .ask(let q, let item) = stop.kind else {
            if case .specifyOther(let q) = stop.kind {
                otherText[q] = nil
                clearVariables(after: questionnaire.questions[q].variable ?? lastVariable(of: q))
            }
            return
        }
        let question = questionnaire.questions[q]
        var first = item.map { question.gridItems[$0].variable } ?? question.variable ?? firstVariableAtOrAfter(q)
        if let item, question.rotate {
            // rotated items: those shown from this one on leave the path, the ones above keep theirs
            let order = shownOrder(of: question)
            for k in order[(order.firstIndex(of: item) ?? 0)...] { env[question.gridItems[k].variable] = .absent }
            first = (question.gridItems.map(\.variable).max() ?? first) + 1
        }
        otherText = otherText.filter { $0.key < q }
        for id in first..<env.count where questionnaire.variables[id].role != .sample {
            env[id] = .absent
        }
    }

    private mutating func clearVariables(after id: Int) {
        for k in (id + 1)..<max(id + 1, env.count) where questionnaire.variables[k].role != .sample {
            env[k] = .absent
        }
    }

    private func lastVariable(of q: Int) -> Int {
        questionnaire.questions[q].gridItems.last?.variable ?? firstVariableAtOrAfter(q)
    }

    /// The first variable declared at or after question q (variables are numbered in file order).
    private func firstVariableAtOrAfter(_ q: Int) -> Int {
        let location = questionnaire.questions[q].location
        return questionnaire.variables.firstIndex { $0.location >= location } ?? env.count
    }
}

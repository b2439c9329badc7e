/// Loops (extension): `loop NAME over QUESTION` … `end`. The body is checked and
/// compiled once per round, its names renamed `NAME_CODE`; inside a round the body's
/// own names stand for the round's variables, and the loop's name for the round's code
/// (`{NAME}` fills its label). The engine then runs ordinary questions: back-navigation,
/// journals, records and exports need nothing of their own.
extension Checker {
    /// Rounds of a `number` loop: 1..the number's upper bound, at most this many.
    static let maximumNumberRounds = 100

    mutating func checkLoop(_ loop: LoopSyntax) {
        if activeRound != nil { return } // reported by the outer loop (reportStatementsNotInLoop)
        reportStatementsNotInLoop(loop.body)
        if declaredAnywhere[loop.name.value] != nil || declared[loop.name.value] != nil {
            diagnostics.error(.loopNameTaken(loop.name.value), at: loop.name.location)
        }
        let bodyNames = Checker.declaredNames(loop.body)
        for name in bodyNames where declared[name.value] != nil {
            diagnostics.error(.duplicateName(name.value, firstAt: variables[declared[name.value]!].location.line),
                              at: name.location)
        }
        guard let (source, rounds, codes) = loopRounds(loop) else {
            checkBodyWithoutRounds(loop)
            return
        }
        let firstRoundCount = diagnostics.items.count
        var reported: Set<SourceLocation> = []
        let ruleStart = ruleCounts
        for (index, round) in rounds.enumerated() {
            let before = diagnostics
            ruleCounts = ruleStart
            let condition = checkCondition(roundCondition(loop, code: round.code))
            let skip = program.count
            program.append(.jumpUnless(condition, target: -1))
            var baseNames: [String: String] = [:]
            for name in bodyNames { baseNames[LoopInfo.roundName(name.value, code: round.code)] = name.value }
            activeRound = LoopRound(loopName: loop.name.value, code: round.code, fill: round.fill, codes: codes,
                                    baseNames: baseNames)
            checkBlock(Checker.renamed(loop.body, code: round.code))
            activeRound = nil
            for name in bodyNames { declared[name.value] = nil }
            program[skip] = .jumpUnless(condition, target: program.count)
            if index == 0 {
                reported = Set(diagnostics.items[firstRoundCount...].map(\.location))
            } else {
                // A round says again what the first said: only what is new is kept.
                var kept = before
                for d in diagnostics.items[before.items.count...] where !reported.contains(d.location) {
                    reported.insert(d.location)
                    if d.severity == .error { kept.error(Message(d.message), at: d.location) }
                    else { kept.warning(Message(d.message), at: d.location) }
                }
                diagnostics = kept
            }
        }
        loops.append(LoopInfo(name: loop.name.value, source: source, bodyNames: Set(bodyNames.map(\.value)),
                              rounds: rounds, location: loop.location))
    }

    /// The loop's rounds from its `multi` (each code) or integer `number` (1..upper).
    private mutating func loopRounds(_ loop: LoopSyntax) -> (Int, [LoopInfo.Round], CodeList?)? {
        guard let id = resolveName(loop.source.value, at: loop.source.location) else { return nil }
        let variable = variables[id]
        guard case .question(let index) = variable.role else {
            diagnostics.error(.loopSourceKind(variable.name), at: loop.source.location)
            return nil
        }
        switch questions[index].kind {
        case .multi(let list, _):
            if let negative = list.codes.first(where: { $0 < 0 }) {
                diagnostics.error(.loopNegativeCode(negative, question: variable.name), at: loop.source.location)
                return nil
            }
            return (id, list.codes.map { LoopInfo.Round(code: $0, fill: .label(variable: id, code: $0)) }, list)
        case .number(let range, let decimals):
            let upper = range.upperBound
            guard decimals == 0, upper >= 1, upper <= Double(Checker.maximumNumberRounds) else {
                diagnostics.error(.loopNumberRange(variable.name, limit: Checker.maximumNumberRounds),
                                  at: loop.source.location)
                return nil
            }
            return (id, (1...Int(upper)).map { LoopInfo.Round(code: $0, fill: .literal(String($0))) }, nil)
        default:
            diagnostics.error(.loopSourceKind(variable.name), at: loop.source.location)
            return nil
        }
    }

    /// Round `code` is asked when the multi has the code, or the number reaches it.
    private func roundCondition(_ loop: LoopSyntax, code: Int) -> ExprSyntax {
        let at = loop.source.location
        let source = ExprSyntax.name(loop.source.value, at)
        let value = ExprSyntax.number(Double(code), isInteger: true, at)
        if case .question(let index)? = declared[loop.source.value].map({ variables[$0].role }),
           case .number = questions[index].kind {
            return .compare(.greaterEqual, source, value, at)
        }
        return .has(source, value, at)
    }

    /// A loop whose rounds are unknown (its question is wrong, already reported): the
    /// body is still checked once, so its own errors are reported too.
    private mutating func checkBodyWithoutRounds(_ loop: LoopSyntax) {
        let savedProgram = program.count
        activeRound = LoopRound(loopName: loop.name.value, code: 1, fill: .literal("1"), codes: nil, baseNames: [:])
        checkBlock(loop.body)
        activeRound = nil
        program.removeSubrange(savedProgram...)
    }

    /// In a round, a body name stands for the round's variable.
    mutating func aliasInRound(_ name: String, _ id: Int) {
        if let base = activeRound?.baseNames[name] { declared[base] = id }
    }

    /// The loop's name in a condition: the round's code (a code of the multi, so its code
    /// names read; a plain number for a `number` loop).
    func roundCode(_ round: LoopRound) -> Typed {
        Typed(expression: .number(Double(round.code)), type: round.codes == nil ? .number : .code, codes: round.codes)
    }

    /// The next `check N` / `warn N` translation key; in a round, with the round's code.
    mutating func nextRuleKey(isHard: Bool) -> String {
        let key: String
        if isHard { ruleCounts.checks += 1; key = "check \(ruleCounts.checks)" }
        else { ruleCounts.warns += 1; key = "warn \(ruleCounts.warns)" }
        guard let round = activeRound else { return key }
        return "\(key) @\(round.code)"
    }

    /// `terminate`, `quota`, `sample` and loops do not stand in a loop's body.
    private mutating func reportStatementsNotInLoop(_ statements: [Statement]) {
        for statement in statements {
            switch statement {
            case .terminate(let t): diagnostics.error(.notInLoop("terminate"), at: t.location)
            case .quota(let q): diagnostics.error(.notInLoop("quota"), at: q.location)
            case .sample(let s): diagnostics.error(.notInLoop("sample"), at: s.location)
            case .loop(let l): diagnostics.error(.loopInLoop, at: l.location)
            case .branch(let b): for arm in b.arms { reportStatementsNotInLoop(arm.body) }
            default: break
            }
        }
    }

    /// The names a body declares, as written.
    static func declaredNames(_ statements: [Statement]) -> [Located<String>] {
        var out: [Located<String>] = []
        for statement in statements {
            switch statement {
            case .question(let q): out.append(q.name); out += q.items.map(\.name)
            case .compute(let c): out.append(c.name)
            case .branch(let b): for arm in b.arms { out += declaredNames(arm.body) }
            default: break
            }
        }
        return out
    }

    /// The body with its declared names as round `code` names them.
    static func renamed(_ statements: [Statement], code: Int) -> [Statement] {
        statements.compactMap { statement in
            switch statement {
            case .question(var q):
                q.name.value = LoopInfo.roundName(q.name.value, code: code)
                for i in q.items.indices { q.items[i].name.value = LoopInfo.roundName(q.items[i].name.value, code: code) }
                return .question(q)
            case .compute(var c):
                c.name.value = LoopInfo.roundName(c.name.value, code: code)
                return .compute(c)
            case .branch(var b):
                for i in b.arms.indices { b.arms[i].body = renamed(b.arms[i].body, code: code) }
                return .branch(b)
            case .terminate, .quota, .sample, .loop: return nil // reported: not in a loop
            default: return statement
            }
        }
    }

    /// A body name used after its loop: it has one variable per round, named by code.
    func loopBodyName(_ name: String) -> Message? {
        guard let loop = loops.last(where: { $0.bodyNames.contains(name) }), let first = loop.rounds.first else {
            return nil
        }
        return .loopBodyNameOutside(name, loop: loop.name, example: LoopInfo.roundName(name, code: first.code))
    }
}

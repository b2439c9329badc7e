/// What `check` says of a questionnaire: the checked questionnaire when there is no
/// error, and every diagnostic (errors first, then warnings, each in file order).
public struct CheckResult: Sendable {
    public let questionnaire: Questionnaire?
    public let diagnostics: [Diagnostic]
    public let source: SourceText

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// scan → parse → check → compile, in one function.
public enum QuestionnaireChecker {
    /// `sha256` gives the hex digest of `source.bytes` when it is needed (no error); the
    /// default computes it here, a caller may have it computed meanwhile elsewhere.
    public static func check(_ source: SourceText, sha256: (() -> String)? = nil) -> CheckResult {
        var diagnostics = DiagnosticList()
        let tree = Parser.parse(source, into: &diagnostics)
        var checker = Checker(tree: tree, diagnostics: diagnostics)
        checker.run()
        checker.diagnostics.noteRunOnStrings(tree.multiLineStrings)
        diagnostics = checker.diagnostics.mapLocations { location in
            SourceLocation(line: location.line,
                           column: source.characterColumn(line: location.line, scalarColumn: location.column))
        }
        guard !diagnostics.hasErrors, let survey = tree.survey else {
            return CheckResult(questionnaire: nil, diagnostics: diagnostics.sorted, source: source)
        }
        let hex = sha256?() ?? SHA256.hex(source.bytes)
        var questionnaire = Questionnaire(
            survey: survey.name, title: survey.title, version: tree.version?.value ?? 1,
            language: tree.language.flatMap { InterviewerLanguage(rawValue: $0.value) } ?? .en,
            sha256: hex, variables: checker.variables, questions: checker.questions,
            program: checker.program, quotas: checker.quotas, sampleVariables: checker.sampleVariables)
        questionnaire.statements = tree.statements
        questionnaire.loops = checker.loops
        return CheckResult(questionnaire: questionnaire, diagnostics: diagnostics.sorted, source: source)
    }

    public static func check(_ text: String) -> CheckResult {
        check(SourceText(text))
    }
}

/// The checker's state while it walks the statements in file order.
struct Checker {
    let tree: SyntaxTree
    var diagnostics: DiagnosticList

    var variables: [Variable] = []
    var questions: [Question] = []
    var program: [Instruction] = []
    var quotas: [Quota] = []
    var sampleVariables: [Int] = []

    /// Names declared so far (usable from here on).
    var declared: [String: Int] = [:]
    /// Every name declared anywhere in the file, with where: for "declared below" messages.
    var declaredAnywhere: [String: SourceLocation] = [:]
    var quotaNames: [String: SourceLocation] = [:]
    var quotaSyntax: [QuotaSyntax] = []
    /// For each `compute`, the asked or sample variables it is made from.
    var computeInputs: [Int: [Int]] = [:]
    /// "Did you mean" searches left (see `suggestDeclared`).
    var suggestionsLeft = Checker.suggestionLimit
    /// The code list of each scale range met so far.
    var scaleCodeLists: [ClosedRange<Int>: CodeList] = [:]
    /// Loops (extension, Checker+Loop.swift): the round being checked, the loops so
    /// far, and the `check`/`warn` counts that name their translation keys.
    var activeRound: LoopRound?
    var loops: [LoopInfo] = []
    var ruleCounts = (checks: 0, warns: 0)

    init(tree: SyntaxTree, diagnostics: DiagnosticList) {
        self.tree = tree
        self.diagnostics = diagnostics
    }

    mutating func run() {
        declaredAnywhere.reserveCapacity(tree.declarationCount)
        collectDeclarations(tree.statements)
        declared.reserveCapacity(declaredAnywhere.count)
        variables.reserveCapacity(declaredAnywhere.count)
        checkBlock(tree.statements)
        for quota in quotaSyntax { checkQuota(quota) }
        checkOtherNames()
    }

    /// `NAME_other` is where the record puts an `other` specification: no variable may
    /// take that name.
    private mutating func checkOtherNames() {
        for question in questions where question.options.contains(where: \.other) {
            let name = question.name + "_other"
            if let id = declared[name] {
                diagnostics.error(.otherNameTaken(name, question: question.name), at: variables[id].location)
            }
        }
    }

    // MARK: - Declarations

    private mutating func collectDeclarations(_ statements: [Statement]) {
        for statement in statements {
            switch statement {
            case .question(let q):
                note(q.name)
                for item in q.items { note(item.name) }
            case .compute(let c): note(c.name)
            case .sample(let s): note(s.name)
            case .branch(let b): for arm in b.arms { collectDeclarations(arm.body) }
            case .loop(let l): collectDeclarations(l.body)
            default: break
            }
        }
    }

    private mutating func note(_ name: Located<String>) {
        _ = Checker.keepFirst(&declaredAnywhere[name.value, default: name.location])
    }

    /// Declares a variable; reports a duplicate at the later declaration.
    mutating func declare(_ name: Located<String>, role: Variable.Role, type: ValueType, codes: CodeList?) -> Int {
        let id = variables.count
        let first = Checker.keepFirst(&declared[name.value, default: id])
        if first != id {
            diagnostics.error(.duplicateName(name.value, firstAt: variables[first].location.line), at: name.location)
        }
        variables.append(Variable(id: id, name: name.value, role: role, type: type, codes: codes, location: name.location))
        if activeRound != nil { aliasInRound(name.value, id) }
        return id
    }

    /// The value in a dictionary slot reached through `subscript(_:default:)`: the one
    /// already there, or the default, stored by the access (one hash of the key).
    private static func keepFirst<Value>(_ slot: inout Value) -> Value { slot }

    // MARK: - Statements

    mutating func checkBlock(_ statements: [Statement]) {
        var terminatedAt: SourceLocation?
        for statement in statements {
            if let at = terminatedAt {
                if case .quota = statement {} else if case .sample = statement {} else {
                    diagnostics.warning(.unreachableAfterTerminate(line: at.line), at: statement.location)
                    terminatedAt = nil
                }
            }
            switch statement {
            case .question(let q): checkQuestion(q)
            case .branch(let b): checkBranch(b)
            case .terminate(let t):
                let text = template(t.text)
                var condition: Expression?
                if let c = t.condition { condition = checkCondition(c) } else { terminatedAt = t.location }
                var outcome: CallOutcome?
                if let name = t.outcome {
                    outcome = CallOutcome(rawValue: name.value)
                    if outcome == nil || !CallOutcome.terminateOutcomes.contains(outcome!) {
                        diagnostics.error(.notATerminateOutcome(name.value), at: name.location)
                    }
                }
                program.append(.terminate(text, condition: condition, outcome: outcome))
            case .compute(let c): checkCompute(c)
            case .rule(let r): checkRule(r)
            case .quota(let q): registerQuota(q)
            case .sample(let s): checkSample(s)
            case .loop(let l): checkLoop(l)
            }
        }
    }

    private mutating func checkBranch(_ branch: BranchSyntax) {
        var pendingJumps: [Int] = []
        for arm in branch.arms {
            var skip: Int?
            if let condition = arm.condition {
                let checked = checkCondition(condition)
                skip = program.count
                program.append(.jumpUnless(checked, target: -1))
            }
            checkBlock(arm.body)
            if arm.condition != nil {
                pendingJumps.append(program.count)
                program.append(.jump(target: -1))
            }
            if let skip, case .jumpUnless(let c, _) = program[skip] {
                program[skip] = .jumpUnless(c, target: program.count)
            }
        }
        for index in pendingJumps { program[index] = .jump(target: program.count) }
    }

    private mutating func checkCompute(_ c: ComputeSyntax) {
        let typed = checkExpression(c.value)
        let type: ValueType
        switch typed.type {
        case .boolean: type = .boolean
        case .number, .code: type = .number
        default:
            diagnostics.error(.computeType(typed.type.describedInMessages), at: c.value.location)
            type = .number
        }
        let id = declare(c.name, role: .computed, type: type, codes: nil)
        computeInputs[id] = askedInputs(of: typed.expression)
        program.append(.compute(variable: id, typed.expression))
    }

    private mutating func checkRule(_ r: RuleSyntax) {
        let condition = checkCondition(r.condition)
        let message = template(r.message)
        var used = askedInputs(of: condition)
        used.sort()
        var rule = Rule(isHard: r.isHard, condition: condition, message: message, variables: used, location: r.location)
        rule.textKey = nextRuleKey(isHard: r.isHard)
        program.append(.rule(rule))
    }

    /// The asked or sample variables an expression is made from (a `compute` stands for
    /// its own inputs), in first-use order.
    private func askedInputs(of expression: Expression) -> [Int] {
        var inputs: [Int] = []
        for used in expression.allVariables {
            if let made = computeInputs[used] {
                for q in made where !inputs.contains(q) { inputs.append(q) }
            } else if !inputs.contains(used) {
                inputs.append(used)
            }
        }
        return inputs
    }

    private mutating func checkSample(_ s: SampleSyntax) {
        let codes = s.kind.value == .single ? codeList(s.options, question: s.name.value) : nil
        let type: ValueType
        switch s.kind.value {
        case .single: type = .code
        case .number: type = .number
        default: type = .text
        }
        let id = declare(s.name, role: .sample, type: type, codes: codes)
        sampleVariables.append(id)
        variables[id].personal = s.personal
        if let p = s.pattern { validatePattern(p) }
        if s.range != nil || s.decimals != nil || s.maxLength != nil || s.pattern != nil {
            variables[id].sampleRule = SampleRule(
                range: s.range.map { $0.value.lower...$0.value.upper }, decimals: s.decimals?.value,
                maxLength: s.maxLength?.value, pattern: s.pattern?.value)
        }
    }
}

/// Names, code names and types in conditions, `compute` and `check`/`warn`.
extension Checker {
    struct Typed {
        var expression: Expression
        var type: ValueType
        /// The code list when the expression is a coded variable (for code names).
        var codes: CodeList?
        var variable: Int?

        static let broken = Typed(expression: .invalid, type: .boolean)
    }

    /// A condition: must be a boolean. One error per condition at most.
    mutating func checkCondition(_ e: ExprSyntax) -> Expression {
        let before = diagnostics.errorCount
        let typed = checkExpression(e)
        guard diagnostics.errorCount == before else { return .invalid }
        if typed.type != .boolean {
            if case .name(let name, let location) = e {
                diagnostics.error(.bareNameNotCondition(name, typed.type.describedInMessages), at: location)
            } else {
                diagnostics.error(.notACondition(typed.type.describedInMessages), at: e.location)
            }
            return .invalid
        }
        return typed.expression
    }

    mutating func checkExpression(_ e: ExprSyntax) -> Typed {
        switch e {
        case .invalid:
            return .broken
        case .number(let value, _, _):
            return Typed(expression: .number(value), type: .number)
        case .string(let value, _):
            return Typed(expression: .text(value), type: .text)
        case .name(let name, let location):
            return variableReference(name, at: location) ?? .broken
        case .negate(let inner, let location):
            let typed = checkExpression(inner)
            guard requireNumeric(typed, at: location) else { return .broken }
            return Typed(expression: .negate(typed.expression), type: .number)
        case .arithmetic(let op, let a, let b, let location):
            let left = checkExpression(a), right = checkExpression(b)
            guard requireNumeric(left, at: a.location), requireNumeric(right, at: b.location) else {
                _ = location
                return .broken
            }
            return Typed(expression: .arithmetic(op, left.expression, right.expression), type: .number)
        case .compare(let op, let a, let b, let location):
            return checkComparison(op, a, b, at: location)
        case .inList(let a, let items, let location):
            return checkIn(a, items, at: location)
        case .has(let a, let b, let location):
            let left = checkExpression(a)
            guard left.type == .codes else {
                if left.expression != .invalid { diagnostics.error(.hasNeedsMulti(describe(a)), at: location) }
                return .broken
            }
            let right = operand(b, against: left)
            guard case .number(let code) = right.expression else {
                if right.expression != .invalid { diagnostics.error(.hasNeedsCode, at: b.location) }
                return .broken
            }
            guard code == code.rounded(), abs(code) < 1e15 else {
                diagnostics.error(.notACode(NumberFormat.plain(code), question: variables[left.variable!].name,
                                            codes: left.codes?.codes ?? []), at: b.location)
                return .broken
            }
            guard checkCodeBelongs(Int(code), to: left, at: b.location) else { return .broken }
            return Typed(expression: .has(left.expression, Int(code)), type: .boolean)
        case .not(let inner, _):
            return Typed(expression: .not(checkCondition(inner)), type: .boolean)
        case .and(let a, let b, _):
            return Typed(expression: .and(checkCondition(a), checkCondition(b)), type: .boolean)
        case .or(let a, let b, _):
            return Typed(expression: .or(checkCondition(a), checkCondition(b)), type: .boolean)
        case .call(let name, let argument, let location):
            return checkCall(name, argument, at: location)
        }
    }

    // MARK: - Names

    mutating func variableReference(_ name: String, at location: SourceLocation) -> Typed? {
        if let round = activeRound, name == round.loopName { return roundCode(round) }
        guard let id = resolveName(name, at: location) else { return nil }
        if variables[id].role == .info {
            diagnostics.error(.noValue(name), at: location)
            return nil
        }
        return Typed(expression: .variable(id), type: variables[id].type, codes: variables[id].codes, variable: id)
    }

    /// The id of a name declared above; reports unknown names and names declared below.
    mutating func resolveName(_ name: String, at location: SourceLocation) -> Int? {
        if let id = declared[name] { return id }
        if let message = loopBodyName(name) {
            diagnostics.error(message, at: location) // Checker+Loop.swift
        } else if let below = declaredAnywhere[name] {
            diagnostics.error(.usedBeforeDeclaration(name, line: below.line), at: location)
        } else {
            diagnostics.error(.unknownName(name, suggestion: suggestDeclared(name)), at: location)
        }
        return nil
    }

    /// An operand compared with a coded variable: a bare name that is one of its code
    /// names stands for that code.
    mutating func operand(_ e: ExprSyntax, against other: Typed) -> Typed {
        if case .name(let name, let location) = e, let codes = other.codes {
            if let option = codes.option(named: name) {
                return Typed(expression: .number(Double(option.code)), type: .number)
            }
            if declared[name] == nil {
                let names = codes.options.compactMap(\.codeName)
                let question = other.variable.map { variables[$0].name } ?? "?"
                if names.isEmpty, declaredAnywhere[name] == nil {
                    diagnostics.error(.unknownName(name, suggestion: suggestDeclared(name)),
                                      at: location)
                } else if declaredAnywhere[name] == nil {
                    diagnostics.error(.unknownCodeName(name, question: question,
                                                       suggestion: Suggest.closest(to: name, in: names)), at: location)
                } else {
                    _ = resolveName(name, at: location)
                }
                return Typed(expression: .invalid, type: .number)
            }
        }
        return checkExpression(e)
    }

    private func describe(_ e: ExprSyntax) -> String {
        if case .name(let n, _) = e { return "'\(n)'" }
        return "this expression"
    }

    private mutating func requireNumeric(_ typed: Typed, at location: SourceLocation) -> Bool {
        if typed.expression == .invalid { return false }
        switch typed.type {
        case .number, .code: return true
        case .codes:
            diagnostics.error(.multiInArithmetic, at: location)
        default:
            diagnostics.error(.notANumber(typed.type.describedInMessages), at: location)
        }
        return false
    }

    /// A constant compared for equality with a coded question must be one of its codes.
    mutating func checkCodeBelongs(_ code: Int, to typed: Typed, at location: SourceLocation) -> Bool {
        guard let codes = typed.codes, let id = typed.variable else { return true }
        if codes.option(code: code) == nil {
            diagnostics.error(.codeNotInQuestion(code, question: variables[id].name, codes: codes.codes), at: location)
            return false
        }
        return true
    }

    // MARK: - Comparisons

    private mutating func checkComparison(_ op: CompareOperator, _ a: ExprSyntax, _ b: ExprSyntax,
                                          at location: SourceLocation) -> Typed {
        var left: Typed, right: Typed
        if case .name(let n, _) = a, declared[n] == nil, case .name(let m, _) = b, declared[m] != nil {
            right = checkExpression(b)
            left = operand(a, against: right)
        } else {
            left = checkExpression(a)
            right = operand(b, against: left)
        }
        if left.expression == .invalid || right.expression == .invalid { return .broken }
        switch (left.type, right.type) {
        case (.codes, _), (_, .codes):
            diagnostics.error(.compareMulti, at: location)
            return .broken
        case (.none, _), (_, .none):
            return .broken
        case (.text, .text):
            break
        case (.boolean, .boolean) where op == .equal || op == .notEqual:
            break
        case (.number, .number), (.code, .number), (.number, .code), (.code, .code):
            if op == .equal || op == .notEqual {
                if case .number(let c) = right.expression, !checkCodeConstant(c, left, at: b.location) { return .broken }
                if case .number(let c) = left.expression, !checkCodeConstant(c, right, at: a.location) { return .broken }
            }
        default:
            diagnostics.error(.typeMismatch(left.type.describedInMessages, right.type.describedInMessages), at: location)
            return .broken
        }
        return Typed(expression: .compare(op, left.expression, right.expression), type: .boolean)
    }

    private mutating func checkCodeConstant(_ value: Double, _ typed: Typed, at location: SourceLocation) -> Bool {
        guard typed.type == .code, typed.codes != nil else { return true }
        guard value == value.rounded(), abs(value) < 1e15 else {
            diagnostics.error(.notACode(NumberFormat.plain(value), question: variables[typed.variable!].name,
                                        codes: typed.codes!.codes), at: location)
            return false
        }
        return checkCodeBelongs(Int(value), to: typed, at: location)
    }

    private mutating func checkIn(_ a: ExprSyntax, _ items: [InItemSyntax], at location: SourceLocation) -> Typed {
        let left = checkExpression(a)
        if left.expression == .invalid { return .broken }
        switch left.type {
        case .code, .number, .text: break
        case .codes:
            diagnostics.error(.compareMulti, at: location)
            return .broken
        default:
            diagnostics.error(.notANumber(left.type.describedInMessages), at: location)
            return .broken
        }
        var checked: [Expression.InItem] = []
        for item in items {
            switch item {
            case .value(let e):
                let value = operand(e, against: left)
                if value.expression == .invalid { return .broken }
                guard sameKind(left.type, value.type) else {
                    diagnostics.error(.typeMismatch(left.type.describedInMessages, value.type.describedInMessages), at: e.location)
                    return .broken
                }
                if case .number(let c) = value.expression, !checkCodeConstant(c, left, at: e.location) { return .broken }
                checked.append(.value(value.expression))
            case .range(let lo, let hi):
                let low = checkExpression(lo), high = checkExpression(hi)
                guard requireNumeric(low, at: lo.location), requireNumeric(high, at: hi.location),
                      left.type != .text else {
                    if left.type == .text { diagnostics.error(.rangeOfText, at: lo.location) }
                    return .broken
                }
                if case .number(let a) = low.expression, case .number(let b) = high.expression, a > b {
                    diagnostics.error(.rangeReversed(lower: a, upper: b), at: lo.location)
                    return .broken
                }
                checked.append(.range(low.expression, high.expression))
            }
        }
        return Typed(expression: .inList(left.expression, checked), type: .boolean)
    }

    private func sameKind(_ a: ValueType, _ b: ValueType) -> Bool {
        let numeric: Set<ValueType> = [.code, .number]
        return a == b || (numeric.contains(a) && numeric.contains(b))
    }

    private mutating func checkCall(_ name: String, _ argument: Located<String>, at location: SourceLocation) -> Typed {
        guard let typed = variableReference(argument.value, at: argument.location), let id = typed.variable else {
            return .broken
        }
        let function = Expression.Function(rawValue: name)!
        switch function {
        case .count where typed.type != .codes:
            diagnostics.error(.functionArgument(name, "a multi question"), at: argument.location)
            return .broken
        case .len where typed.type != .text:
            diagnostics.error(.functionArgument(name, "a text question"), at: argument.location)
            return .broken
        case .count, .len:
            return Typed(expression: .function(function, variable: id), type: .number)
        default:
            return Typed(expression: .function(function, variable: id), type: .boolean)
        }
    }
}

/// Evaluates checked expressions over an interview's values. A comparison with an
/// absent, dk or refused operand is false; arithmetic with one gives absent.
public struct Evaluator: Sendable {
    public init() {}

    public func holds(_ e: Expression, _ env: [Value]) -> Bool {
        if case .bool(let b) = evaluate(e, env) { return b }
        return false
    }

    public func evaluate(_ e: Expression, _ env: [Value]) -> Value {
        switch e {
        case .number(let n): return .number(n)
        case .text(let t): return .text(t)
        case .variable(let id): return env[id]
        case .invalid: return .bool(false)
        case .negate(let inner):
            if case .number(let n) = evaluate(inner, env) { return .number(-n) }
            return .absent
        case .arithmetic(let op, let a, let b):
            guard case .number(let x) = evaluate(a, env), case .number(let y) = evaluate(b, env) else { return .absent }
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            case .divide: return y == 0 ? .absent : .number(x / y)
            }
        case .compare(let op, let a, let b):
            return .bool(compare(op, evaluate(a, env), evaluate(b, env)))
        case .inList(let a, let items):
            let value = evaluate(a, env)
            guard value.isPresent else { return .bool(false) }
            for item in items {
                switch item {
                case .value(let v):
                    if compare(.equal, value, evaluate(v, env)) { return .bool(true) }
                case .range(let lo, let hi):
                    if compare(.greaterEqual, value, evaluate(lo, env)), compare(.lessEqual, value, evaluate(hi, env)) {
                        return .bool(true)
                    }
                }
            }
            return .bool(false)
        case .has(let a, let code):
            if case .codes(let codes) = evaluate(a, env) { return .bool(codes.contains(code)) }
            return .bool(false)
        case .not(let inner): return .bool(!holds(inner, env))
        case .and(let a, let b): return .bool(holds(a, env) && holds(b, env))
        case .or(let a, let b): return .bool(holds(a, env) || holds(b, env))
        case .function(let function, let id):
            let value = env[id]
            switch function {
            case .answered: return .bool(value.isPresent)
            case .dk: return .bool(value == .dk)
            case .refused: return .bool(value == .refused)
            case .count:
                if case .codes(let codes) = value { return .number(Double(codes.count)) }
                return .absent
            case .len:
                if case .text(let t) = value { return .number(Double(t.count)) }
                return .absent
            }
        }
    }

    private func ordered<T: Comparable>(_ op: CompareOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        case .greaterEqual: return x >= y
        }
    }

    private func compare(_ op: CompareOperator, _ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return ordered(op, x, y)
        case (.text(let x), .text(let y)):
            return ordered(op, x, y)
        case (.bool(let x), .bool(let y)):
            return op == .equal ? x == y : op == .notEqual ? x != y : false
        default:
            return false
        }
    }
}

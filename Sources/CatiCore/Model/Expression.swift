/// A checked expression: names resolved to variable ids, code names to codes. Leaves
/// are held in place; only the cases that hold expressions are boxed.
public enum Expression: Sendable, Hashable {
    case number(Double)
    case text(String)
    case variable(Int)
    indirect case negate(Expression)
    indirect case arithmetic(ArithmeticOperator, Expression, Expression)
    indirect case compare(CompareOperator, Expression, Expression)
    indirect case inList(Expression, [InItem])
    indirect case has(Expression, Int)
    indirect case not(Expression)
    indirect case and(Expression, Expression)
    indirect case or(Expression, Expression)
    case function(Function, variable: Int)
    /// Stands for a condition that failed to parse; never reaches the engine.
    case invalid

    public enum Function: String, Sendable, Hashable {
        case answered, dk, refused, count, len
    }

    public enum InItem: Sendable, Hashable {
        case value(Expression)
        case range(Expression, Expression)
    }

    /// Variables read by this expression, outside `answered`/`dk`/`refused`/`count`/`len`
    /// (those tolerate a missing value), in first-use order.
    public var strictVariables: [Int] {
        var out: [Int] = []
        collect(into: &out, includingFunctions: false)
        return out
    }

    /// Every variable the expression mentions, in first-use order.
    public var allVariables: [Int] {
        var out: [Int] = []
        collect(into: &out, includingFunctions: true)
        return out
    }

    private func collect(into out: inout [Int], includingFunctions: Bool) {
        func add(_ id: Int) { if !out.contains(id) { out.append(id) } }
        switch self {
        case .number, .text, .invalid: break
        case .variable(let id): add(id)
        case .negate(let e), .not(let e), .has(let e, _): e.collect(into: &out, includingFunctions: includingFunctions)
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b):
            a.collect(into: &out, includingFunctions: includingFunctions)
            b.collect(into: &out, includingFunctions: includingFunctions)
        case .inList(let e, let items):
            e.collect(into: &out, includingFunctions: includingFunctions)
            for item in items {
                switch item {
                case .value(let v): v.collect(into: &out, includingFunctions: includingFunctions)
                case .range(let a, let b):
                    a.collect(into: &out, includingFunctions: includingFunctions)
                    b.collect(into: &out, includingFunctions: includingFunctions)
                }
            }
        case .function(_, let id): if includingFunctions { add(id) }
        }
    }
}

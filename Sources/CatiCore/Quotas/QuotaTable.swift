/// The quota table of `cati quotas` and the supervisor screen: per declared cell its
/// target, completes, interviews in progress holding a place, and what remains
/// (`max(0, target − complete − in_progress)`).
public struct QuotaTable: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public let cell: String
        public let target: Int
        public let complete: Int
        public let inProgress: Int
        public var remaining: Int { max(0, target - complete - inProgress) }
        public var isFull: Bool { complete + inProgress >= target }
    }

    public struct Entry: Sendable, Equatable {
        public let name: String
        public let title: String?
        public let cells: [Cell]
        public var target: Int { cells.reduce(0) { $0 + $1.target } }
        public var complete: Int { cells.reduce(0) { $0 + $1.complete } }
        public var inProgress: Int { cells.reduce(0) { $0 + $1.inProgress } }
        public var remaining: Int { cells.reduce(0) { $0 + $1.remaining } }
    }

    public let quotas: [Entry]

    public init(questionnaire: Questionnaire, complete: [String: [String: Int]], inProgress: [String: [String: Int]]) {
        quotas = questionnaire.quotas.map { quota in
            Entry(name: quota.name, title: quota.title, cells: quota.cells.map { cell in
                Cell(cell: cell.label, target: cell.target, complete: complete[quota.name]?[cell.label] ?? 0,
                     inProgress: inProgress[quota.name]?[cell.label] ?? 0)
            })
        }
    }

    /// The JSON of cli.md (plus each quota's title and totals).
    public var json: JSON {
        .object([("quotas", .array(quotas.map { q in
            var members: [(String, JSON)] = [("name", .string(q.name))]
            if let title = q.title { members.append(("title", .string(title))) }
            members.append(("cells", .array(q.cells.map { c in
                .object([("cell", .string(c.cell)), ("target", .int(c.target)), ("complete", .int(c.complete)),
                         ("in_progress", .int(c.inProgress)), ("remaining", .int(c.remaining))])
            })))
            members.append(("total", .object([("target", .int(q.target)), ("complete", .int(q.complete)),
                                              ("in_progress", .int(q.inProgress)), ("remaining", .int(q.remaining))])))
            return .object(members)
        }))])
    }

    /// Plain text, one block per quota; full cells are marked.
    public var text: String {
        var out: [String] = []
        for q in quotas {
            out.append(q.title.map { "\(q.name) — \($0)" } ?? q.name)
            let width = max(5, q.cells.map(\.cell.count).max() ?? 0)
            func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
            func num(_ n: Int) -> String { let s = String(n); return String(repeating: " ", count: max(0, 8 - s.count)) + s }
            out.append("  " + pad("cell", width) + "  " + ["target", "complete", "progress", "remain"].map {
                String(repeating: " ", count: 8 - $0.count) + $0 }.joined(separator: " "))
            for c in q.cells {
                out.append("  " + pad(c.cell, width) + "  " + [c.target, c.complete, c.inProgress, c.remaining].map(num)
                    .joined(separator: " ") + (c.isFull ? "  FULL" : ""))
            }
            out.append("  " + pad("total", width) + "  " + [q.target, q.complete, q.inProgress, q.remaining].map(num)
                .joined(separator: " "))
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}

/// The one-line description `cati check` prints on success.
public struct QuestionnaireSummary: Sendable {
    public let questions: Int
    public let variables: Int
    public let quotas: Int
    public let cells: Int
    public let targetTotals: [String: Int]

    public init(_ q: Questionnaire) {
        questions = q.questions.filter { !$0.isInfo }.count
        variables = q.variables.filter { $0.role != .info }.count
        quotas = q.quotas.count
        cells = q.quotas.reduce(0) { $0 + $1.cells.count }
        var totals: [String: Int] = [:]
        for quota in q.quotas { totals[quota.name] = quota.cells.reduce(0) { $0 + $1.target } }
        targetTotals = totals
    }

    public func line(file: String) -> String {
        "\(file): ok: \(questions) question\(questions == 1 ? "" : "s") (\(variables) variable\(variables == 1 ? "" : "s")), "
            + "\(quotas) quota\(quotas == 1 ? "" : "s"), \(cells) cell\(cells == 1 ? "" : "s")"
    }
}

/// The interview record of data.md, built when the interview ends.
extension Interview {
    public func record(simulated: Bool = false) -> JSON {
        var members: [(String, JSON)] = [
            ("survey", .string(questionnaire.survey)),
            ("version", .int(questionnaire.version)),
            ("questionnaire_sha256", .string(questionnaire.sha256)),
            ("id", .string(id)),
            ("respondent", sample.flatMap { $0.id.isEmpty ? nil : .string($0.id) } ?? .null),
            ("interviewer", .string(interviewer)),
            ("status", .string((status ?? .breakOff).rawValue)),
            ("started", .string(Timestamp.rfc3339(startedAt))),
            ("finished", .string(Timestamp.rfc3339(finishedAt ?? shownAt))),
            ("answers", .object(answerMembers())),
            ("quota_cells", .object(quotaCells.map { ($0.quota, .string($0.cell)) })),
            ("paradata", paradata()),
        ]
        // fieldwork.md extension: the call outcome a `terminate … as OUTCOME` means.
        if let outcome = terminateOutcome { members.append(("outcome", .string(outcome.rawValue))) }
        // Which language the texts were read in, when there was a choice (extension).
        if !questionnaire.translations.isEmpty { members.append(("language", .string(questionnaire.textLanguage))) }
        if simulated { members.append(("simulated", .bool(true))) }
        return .object(members)
    }

    /// Variables on the final path, in path order (sample variables first).
    func answerMembers() -> [(String, JSON)] {
        var out: [(String, JSON)] = []
        let sampleIDs = Set(questionnaire.sampleVariables)
        let order = questionnaire.sampleVariables + env.indices.filter { !sampleIDs.contains($0) }
        for id in order {
            let value = env[id]
            guard value != .absent else { continue }
            let variable = questionnaire.variables[id]
            // A `personal` sample column is the sample's alone (docs/privacy.md).
            if variable.personal { continue }
            out.append((variable.name, json(value, for: variable)))
            if case .question(let q) = variable.role, let other = otherText[q] {
                out.append((variable.name + "_other", .string(other)))
            }
        }
        return out
    }

    func json(_ value: Value, for variable: Variable) -> JSON {
        switch value {
        case .absent: return .null
        case .dk: return .object([("missing", .string("dk"))])
        case .refused: return .object([("missing", .string("refused"))])
        case .bool(let b): return .bool(b)
        case .text(let t): return .string(t)
        case .codes(let codes): return .array(codes.map { .int($0) })
        case .number(let n):
            if variable.type == .code { return .int(Int(n)) }
            if case .question(let q) = variable.role, case .number(_, let decimals) = questionnaire.questions[q].kind,
               decimals == 0 {
                return .int(Int(n))
            }
            return .double(n)
        }
    }

    func paradata() -> JSON {
        let names = Set(answerMembers().map(\.0))
        func rounded(_ s: Double) -> JSON { .double((s * 10).rounded() / 10) }
        var order: [(String, JSON)] = []
        for question in questionnaire.questions where question.rotate {
            let onPath = question.variable.map { env[$0] != .absent }
                ?? question.gridItems.contains { env[$0.variable] != .absent }
            guard onPath else { continue }
            let shown = shownOrder(of: question)
            switch question.kind {
            case .grid(_, let items): order.append((question.name, .array(shown.map { .string(items[$0].name) })))
            default: order.append((question.name, .array(shown.map { .int(question.options[$0].code) })))
            }
        }
        var confirmed: [String] = []
        let path = pathInstructions()
        for confirmation in confirmations {
            guard path.contains(confirmation.pc), case .rule(let rule) = questionnaire.program[confirmation.pc],
                  rule.variables.map({ env[$0] }) == confirmation.snapshot,
                  !confirmed.contains(confirmation.text) else { continue }
            confirmed.append(confirmation.text)
        }
        var members: [(String, JSON)] = [
            ("seconds", .object(seconds.keys.sorted { pathOrder(of: $0) < pathOrder(of: $1) }
                .filter { names.contains($0) || questionnaire.question(named: $0) != nil }
                .map { ($0, rounded(seconds[$0]!)) })),
            ("visits", .object(visits.keys.sorted { pathOrder(of: $0) < pathOrder(of: $1) }
                .filter { visits[$0]! > 1 }.map { ($0, .int(visits[$0]!)) })),
            ("order", .object(order)),
            ("warnings_confirmed", .array(confirmed.map { .string($0) })),
            ("notes", .array(notes.map { .object([("at", .string($0.at)), ("text", .string($0.text))]) })),
        ]
        if let endReason { members.append(("end_reason", .string(endReason))) }
        if !suspensions.isEmpty { members.append(("suspensions", .array(suspensions.map(\.json)))) }
        return .object(members)
    }

    private func pathOrder(of name: String) -> Int {
        questionnaire.variable(named: name)?.id ?? Int.max
    }
}

/// Quotas: `by` variables, rows, overlapping cells and uncovered combinations.
extension Checker {
    mutating func registerQuota(_ q: QuotaSyntax) {
        if let first = quotaNames[q.name.value] {
            diagnostics.error(.duplicateQuota(q.name.value, firstAt: first.line), at: q.name.location)
            return
        }
        quotaNames[q.name.value] = q.name.location
        quotaSyntax.append(q)
    }

    /// Quotas are checked after the whole file: a quota may stand above its variables.
    mutating func checkQuota(_ q: QuotaSyntax) {
        var ids: [Int] = []
        for v in q.variables {
            guard let id = declared[v.value] else {
                diagnostics.error(.unknownName(v.value, suggestion: suggestDeclared(v.value)),
                                  at: q.byLocation)
                return
            }
            let variable = variables[id]
            let isSingle: Bool
            switch variable.role {
            case .sample: isSingle = variable.type == .code
            case .question(let index): if case .single = questions[index].kind { isSingle = true } else { isSingle = false }
            default: isSingle = false
            }
            guard isSingle, variable.codes != nil else {
                diagnostics.error(.quotaVariableNotSingle(v.value), at: q.byLocation)
                return
            }
            if ids.contains(id) {
                diagnostics.error(.quotaVariableTwice(v.value), at: q.byLocation)
                return
            }
            ids.append(id)
            if case .question(let index) = variable.role, questions[index].allowDK || questions[index].allowRefused {
                diagnostics.warning(.quotaVariableAllowsMissing(v.value), at: q.byLocation)
            }
        }
        var cells: [Quota.Cell] = []
        for row in q.rows {
            guard row.items.count == ids.count else {
                diagnostics.error(.quotaRowArity(found: row.items.count, expected: ids.count), at: row.location)
                continue
            }
            var codes: [Int?] = []
            var labels: [String] = []
            var ok = true
            for (item, id) in zip(row.items, ids) {
                let list = variables[id].codes!
                switch item.value {
                case .any:
                    codes.append(nil); labels.append("*")
                case .code(let code):
                    guard let option = list.option(code: code) else {
                        diagnostics.error(.codeNotInQuestion(code, question: variables[id].name, codes: list.codes),
                                          at: item.location)
                        ok = false; break
                    }
                    codes.append(code); labels.append(option.codeName ?? String(code))
                case .codeName(let name):
                    guard let option = list.option(named: name) else {
                        diagnostics.error(.unknownCodeName(name, question: variables[id].name,
                                                           suggestion: Suggest.closest(to: name, in: list.options.compactMap(\.codeName))),
                                          at: item.location)
                        ok = false; break
                    }
                    codes.append(option.code); labels.append(name)
                }
                if !ok { break }
            }
            guard ok else { continue }
            let cell = Quota.Cell(codes: codes, target: row.target.value, label: labels.joined(separator: ","),
                                  location: row.location)
            if let other = cells.first(where: { overlap($0.codes, cell.codes) }) {
                diagnostics.error(.overlappingCells(cell.label, other.label, line: other.location.line), at: row.location)
                continue
            }
            cells.append(cell)
        }
        if q.rows.isEmpty, !q.hadRowErrors { diagnostics.error(.emptyQuota(q.name.value), at: q.location) }
        if !q.hadRowErrors, cells.count == q.rows.count { warnUncovered(q, ids: ids, cells: cells) }
        quotas.append(Quota(name: q.name.value, title: q.title, variables: ids, cells: cells,
                            fullText: q.fullText.map { template($0) }, location: q.location))
    }

    private func overlap(_ a: [Int?], _ b: [Int?]) -> Bool {
        zip(a, b).allSatisfy { $0 == nil || $1 == nil || $0 == $1 }
    }

    private mutating func warnUncovered(_ q: QuotaSyntax, ids: [Int], cells: [Quota.Cell]) {
        guard !cells.isEmpty else { return }
        let lists = ids.map { variables[$0].codes!.codes }
        var total = 1
        for list in lists {
            let (product, overflow) = total.multipliedReportingOverflow(by: list.count)
            guard !overflow, product <= 100_000 else { return }
            total = product
        }
        var uncovered: [[Int]] = []
        var index = Array(repeating: 0, count: lists.count)
        for _ in 0..<total {
            let combination = zip(lists, index).map { $0[$1] }
            if !cells.contains(where: { $0.matches(combination) }) { uncovered.append(combination) }
            for k in stride(from: lists.count - 1, through: 0, by: -1) {
                index[k] += 1
                if index[k] < lists[k].count { break }
                index[k] = 0
            }
        }
        guard let first = uncovered.first else { return }
        let example = zip(ids, first).map { id, code in variables[id].codes!.option(code: code)?.codeName ?? String(code) }
        diagnostics.warning(.uncoveredCombinations(uncovered.count, example: example.joined(separator: ","),
                                                   quota: q.name.value), at: q.location)
    }
}

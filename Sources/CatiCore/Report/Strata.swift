/// The cells the weights are computed over, with each cell's population share: by
/// default the cells of the finest quota (the one with the most cells), shares from
/// its targets; or the rows of `--weights FILE.csv`.
public struct Strata: Sendable {
    public struct Cell: Sendable {
        /// One per variable: the code, or nil for any (`*`).
        public let codes: [Int?]
        public let share: Double
        public let label: String
    }

    /// Where the shares come from, in words ("quota tipo_motivo targets").
    public let source: String
    public let variables: [Int]
    public let cells: [Cell]

    /// No quota: one stratum, every weight 1.
    public var isEmpty: Bool { cells.isEmpty }

    /// The cell of a record with these codes (nil: a variable missing or no cell covers it).
    public func cell(for codes: [Int?]) -> Int? {
        cells.firstIndex { cell in
            zip(cell.codes, codes).allSatisfy { want, got in
                guard let got else { return false }
                return want == nil || want == got
            }
        }
    }

    init(quotas: [Quota], names: [String]) {
        guard let finest = quotas.max(by: { $0.cells.count < $1.cells.count }) else {
            source = "no quota: unweighted"
            variables = []
            cells = []
            return
        }
        let total = Double(finest.cells.reduce(0) { $0 + $1.target })
        source = "targets of quota \(finest.name) (by \(finest.variables.map { names[$0] }.joined(separator: ", ")))"
        variables = finest.variables
        cells = finest.cells.map { Cell(codes: $0.codes, share: total > 0 ? Double($0.target) / total : 0, label: $0.label) }
    }

    init(targets: WeightTargets, questionnaire q: Questionnaire) throws {
        var ids: [Int] = []
        for name in targets.variables {
            guard let v = q.variable(named: name), v.type == .code, let codes = v.codes else {
                throw ReportPlan.Failure.weightsProblem(
                    "\(targets.file): column '\(name)' is not a coded question of \(q.survey)")
            }
            _ = codes
            ids.append(v.id)
        }
        var cells: [Cell] = []
        for row in targets.rows {
            var codes: [Int?] = []
            for (k, value) in row.values.enumerated() {
                if value == "*" { codes.append(nil); continue }
                let list = q.variables[ids[k]].codes!
                if let code = Int(value), list.option(code: code) != nil {
                    codes.append(code)
                } else if let option = list.option(named: value) {
                    codes.append(option.code)
                } else {
                    throw ReportPlan.Failure.weightsProblem(
                        "\(targets.file):\(row.line): '\(value)' is not a code of \(targets.variables[k])")
                }
            }
            cells.append(Cell(codes: codes, share: row.share, label: row.values.joined(separator: ",")))
        }
        let total = cells.reduce(0) { $0 + $1.share }
        guard total > 0 else { throw ReportPlan.Failure.weightsProblem("\(targets.file): the shares add up to 0") }
        source = "population shares in \(targets.file)"
        variables = ids
        self.cells = cells.map { Cell(codes: $0.codes, share: $0.share / total, label: $0.label) }
    }
}

/// `--weights FILE.csv`: population shares per cell. A header row names the variables
/// (coded questions) and ends with `share`; each row gives codes or code names (`*`
/// for any) and the cell's share of the population (any positive numbers: they are
/// scaled to add up to 1).
public struct WeightTargets: Sendable {
    public struct Row: Sendable {
        public let values: [String]
        public let share: Double
        public let line: Int
    }

    public let file: String
    public let variables: [String]
    public let rows: [Row]

    public static func parse(_ text: String, file: String) throws -> WeightTargets {
        let rows = CSV.parse(text)
        guard let header = rows.first, header.fields.count >= 2,
              header.fields.last?.trimmingSpaces() == "share" else {
            throw ReportPlan.Failure.weightsProblem(
                "\(file): the first row must name the variables and end with 'share' (e.g. tipo,share)")
        }
        let variables = header.fields.dropLast().map { $0.trimmingSpaces() }
        var out: [Row] = []
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            guard row.fields.count == header.fields.count else {
                throw ReportPlan.Failure.weightsProblem("\(file):\(row.line): \(row.fields.count) fields, the header has \(header.fields.count)")
            }
            guard let share = Double(row.fields.last!.trimmingSpaces()), share >= 0, share.isFinite else {
                throw ReportPlan.Failure.weightsProblem("\(file):\(row.line): the share '\(row.fields.last!)' is not a number of 0 or more")
            }
            out.append(Row(values: row.fields.dropLast().map { $0.trimmingSpaces() }, share: share, line: row.line))
        }
        guard !out.isEmpty else { throw ReportPlan.Failure.weightsProblem("\(file): no rows of shares") }
        return WeightTargets(file: file, variables: variables, rows: out)
    }
}

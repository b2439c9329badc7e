import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// `cati report` on 1,200 simulated cc_parma interviews: every figure of the JSON
/// checked against a computation written here from the records themselves.
@Suite struct ReportFiguresTests {
    static let scales = ["attesa", "cortesia", "competenza", "chiarezza", "risoluzione", "orari", "accesso", "voto"]
    static let tipi = ["privato": 1, "azienda": 2]
    static let motivi = ["anagrafe": 1, "tributi": 2, "scuola": 3, "sociale": 4, "mobilita": 5, "edilizia": 6,
                         "ambiente": 7, "generali": 8, "altro": 9]

    /// The test's own key of a complete's weighting cell (tipo_motivo), as CcParmaRules writes it.
    static func cellKey(_ answers: JSON?) -> String {
        let tipo = answers?["tipo"]?.intValue ?? 0, motivo = answers?["motivo"]?.intValue ?? 0
        return tipo == 3 ? "ente,*" : "\(tipo),\(motivo)"
    }

    static func cellKey(label: String) -> String {
        if label == "ente,*" { return label }
        let parts = label.split(separator: ",").map(String.init)
        return "\(tipi[parts[0]]!),\(motivi[parts[1]]!)"
    }

    /// Post-stratification weights to the tipo_motivo targets, computed here.
    static func weights(_ completes: [JSON]) -> [String: Double] {
        var counts: [String: Int] = [:]
        for r in completes { counts[cellKey(r["answers"]), default: 0] += 1 }
        let covered = CcParmaRules.cellTargets.filter { counts[$0.key, default: 0] > 0 }
        let coveredShare = covered.values.reduce(0, +)
        let inside = covered.keys.reduce(0) { $0 + counts[$1]! }
        return covered.reduce(into: [:]) { w, cell in
            w[cell.key] = Double(cell.value) / Double(coveredShare) * Double(inside) / Double(counts[cell.key]!)
        }
    }

    static func marks(_ records: [JSON], _ name: String, weight: (JSON) -> Double) -> (values: [(x: Double, w: Double)], missing: [Double]) {
        var values: [(x: Double, w: Double)] = []
        var missing: [Double] = []
        for r in records {
            guard let answer = r["answers"]?[name] else { continue }
            if let x = answer.doubleValue { values.append((x, weight(r))) } else { missing.append(weight(r)) }
        }
        return (values, missing)
    }

    static func expectFigures(_ entry: JSON?, _ s: IndependentStats.Summary, _ what: String, missing: Bool = true) {
        #expect(entry?["n"]?.intValue == s.n, "\(what): n")
        #expect(close(entry?["mean"]?.number, s.mean, 2), "\(what): mean \(entry?["mean"]?.serialized ?? "nil") vs \(s.mean)")
        let ci = entry?["ci95"]?.arrayValue?.compactMap(\.number) ?? []
        #expect(ci.count == 2 && close(ci[0], s.ci!.0, 2) && close(ci[1], s.ci!.1, 2),
                "\(what): ci95 \(ci) vs \(s.ci!)")
        #expect(close(entry?["dissatisfied_pct"]?.number, s.dissatisfiedPct, 1), "\(what): dissatisfied \(s.dissatisfiedPct)")
        if missing { #expect(close(entry?["dk_pct"]?.number, s.missingPct, 1), "\(what): dk_pct \(s.missingPct)") }
    }

    @Test func tQuantilesAgreeWithNumericalIntegration() {
        for df in [1, 2, 3, 5, 10, 29, 30, 31, 45, 100, 499, 5_000] {
            let mine = TDistribution.quantile975(degreesOfFreedom: df)
            #expect(abs(mine - IndependentStats.t975(df)) < 1e-5, "df \(df): \(mine) vs \(IndependentStats.t975(df))")
        }
    }

    @Test func everyScaleAndGridItemMatchesAnIndependentComputation() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-figures")
        let report = try await ReportCLI.json(run.folder, in: scratch.path)
        let completes = run.completes
        #expect(completes.count > 300, "enough completes to test with")
        #expect(report["completes"]?.intValue == completes.count)
        let questions = report["questions"]?.arrayValue ?? []
        #expect(questions.compactMap { $0["name"]?.stringValue } == Self.scales, "one entry per scale and grid item, in order")

        for name in Self.scales {
            let entry = questions.first { $0["name"]?.stringValue == name }
            let (values, missing) = Self.marks(completes, name) { _ in 1 }
            Self.expectFigures(entry, IndependentStats.summary(values, missing: missing, threshold: 5), name)
            // Breakdowns by the quota variables, every code listed.
            for (by, codes) in [("tipo", 1...3), ("motivo", 1...9)] {
                let groups = entry?["by"]?[by]?.arrayValue ?? []
                #expect(groups.compactMap { $0["code"]?.intValue } == Array(codes), "\(name) by \(by): codes")
                for code in codes {
                    let subset = completes.filter { $0["answers"]?[by]?.intValue == code }
                    let (v, m) = Self.marks(subset, name) { _ in 1 }
                    let group = groups.first { $0["code"]?.intValue == code }
                    Self.expectFigures(group, IndependentStats.summary(v, missing: m, threshold: 5), "\(name) by \(by)=\(code)")
                }
            }
            #expect(entry?["by"]?["tipo"]?.arrayValue?.first?["label"]?.stringValue == "Privato cittadino")
        }
    }

    @Test func weightsAndWeightedFiguresMatchAnIndependentComputation() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-weights")
        let report = try await ReportCLI.json(run.folder, in: scratch.path)
        let completes = run.completes
        let weights = Self.weights(completes)
        let cells = report["weighting"]?["cells"]?.arrayValue ?? []
        #expect(cells.count == 19)
        for cell in cells {
            let key = Self.cellKey(label: cell["cell"]?.stringValue ?? "")
            if let w = weights[key] {
                #expect(close(cell["weight"]?.number, w, 6), "weight of \(key): \(cell["weight"]?.serialized ?? "nil") vs \(w)")
            } else {
                #expect(cell["weight"] == .null, "\(key) has no complete: no weight")
            }
            #expect(close(cell["share"]?.number, Double(CcParmaRules.cellTargets[key]!) / 1_200, 6))
        }
        let w = completes.map { weights[Self.cellKey($0["answers"])]! }
        let sw = w.reduce(0, +), sww = w.reduce(0) { $0 + $1 * $1 }
        #expect(close(report["weighting"]?["effective_n"]?.number, sw * sw / sww, 1))
        #expect(close(sw, Double(completes.count), 9), "weights add up to the completes")

        for name in Self.scales {
            let entry = report["questions"]?.arrayValue?.first { $0["name"]?.stringValue == name }
            let (values, missing) = Self.marks(completes, name) { weights[Self.cellKey($0["answers"])]! }
            let s = IndependentStats.summary(values, missing: missing, threshold: 5)
            Self.expectFigures(entry?["weighted"], s, "\(name) weighted")
            let plain = IndependentStats.summary(values.map { ($0.x, 1) }, missing: [], threshold: 5)
            let widthW = s.ci!.1 - s.ci!.0, width = plain.ci!.1 - plain.ci!.0
            #expect(widthW > width, "\(name): the design effect widens the interval (\(widthW) vs \(width))")
        }
    }

    @Test func multipleChoiceAndNumbersMatchAnIndependentComputation() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-multi")
        let report = try await ReportCLI.json(run.folder, in: scratch.path)
        let completes = run.completes
        let canali = report["multi"]?.arrayValue?.first { $0["name"]?.stringValue == "canali" }
        let answered = completes.compactMap { $0["answers"]?["canali"]?.arrayValue }
        #expect(canali?["respondents"]?.intValue == answered.count)
        for code in 1...4 {
            let count = answered.filter { $0.contains(.int(code)) }.count
            let entry = canali?["codes"]?.arrayValue?.first { $0["code"]?.intValue == code }
            #expect(entry?["count"]?.intValue == count)
            #expect(close(entry?["pct"]?.number, 100 * Double(count) / Double(answered.count), 1), "canali \(code)")
        }

        let chiamate = report["numbers"]?.arrayValue?.first { $0["name"]?.stringValue == "chiamate" }
        let values = completes.compactMap { $0["answers"]?["chiamate"]?.doubleValue }.sorted()
        #expect(chiamate?["n"]?.intValue == values.count)
        #expect(close(chiamate?["mean"]?.number, values.reduce(0, +) / Double(values.count), 2))
        func quantile(_ p: Double) -> Double {   // linear between order statistics (R type 7)
            let h = Double(values.count - 1) * p
            let k = Int(h)
            return values[k] + (h - Double(k)) * (values[min(k + 1, values.count - 1)] - values[k])
        }
        #expect(close(chiamate?["median"]?.number, quantile(0.5), 2))
        #expect(close(chiamate?["q1"]?.number, quantile(0.25), 2))
        #expect(close(chiamate?["q3"]?.number, quantile(0.75), 2))
        #expect(chiamate?["dk"]?.intValue == completes.filter { $0["answers"]?["chiamate"]?["missing"]?.stringValue == "dk" }.count)
    }

    @Test func aspectsAreRankedByDissatisfactionAndFlagged() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-aspects")
        let report = try await ReportCLI.json(run.folder, ["--dissatisfied-max", "3"], in: scratch.path)
        let aspects = report["aspects"]?.arrayValue ?? []
        #expect(aspects.count == Self.scales.count)
        let shares = aspects.compactMap { $0["dissatisfied_pct"]?.number }
        #expect(shares == shares.sorted(by: >), "highest share first")
        for a in aspects {
            let name = a["name"]?.stringValue ?? ""
            let (values, missing) = Self.marks(run.completes, name) { _ in 1 }
            let pct = IndependentStats.summary(values, missing: missing, threshold: 3).dissatisfiedPct
            #expect(close(a["dissatisfied_pct"]?.number, pct, 1), "\(name) with --dissatisfied-max 3")
            let flag = a["flag"]?.stringValue
            #expect(flag == (pct > 10 ? "over_10" : pct < 5 ? "under_5" : nil), "\(name): \(pct)% flagged \(flag ?? "nil")")
        }
        #expect(report["questions"]?.arrayValue?.first?["dissatisfied_max"]?.intValue == 3)
    }

    @Test func byReplacesTheBreakdownsAndUnknownNamesAreOneLine() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-by")
        let report = try await ReportCLI.json(run.folder, ["--by", "sesso", "--by", "risolto"], in: scratch.path)
        let voto = report["questions"]?.arrayValue?.last
        #expect(voto?["by"]?.objectMembers?.map(\.0) == ["sesso", "risolto"])
        let femmine = run.completes.filter { $0["answers"]?["sesso"]?.intValue == 2 }
        let (v, m) = Self.marks(femmine, "voto") { _ in 1 }
        Self.expectFigures(voto?["by"]?["sesso"]?.arrayValue?.last, IndependentStats.summary(v, missing: m, threshold: 5), "voto by sesso=2")

        let bad = try await ReportCLI.run(run.folder, ["--by", "sess"], in: scratch.path, expectStatus: 1)
        #expect(bad.stderr == "Error: --by sess: no such question; did you mean 'sesso'?\n")
        let notSingle = try await ReportCLI.run(run.folder, ["--by", "voto"], in: scratch.path, expectStatus: 1)
        #expect(notSingle.stderr.contains("--by voto: not a single-choice question"), "\(notSingle.stderr)")
    }

    @Test func weightsFileGivesThePopulationShares() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-weights-file")
        try scratch.write("pop.csv", "tipo,share\nprivato,70\nazienda,20\nente,10\n")
        let report = try await ReportCLI.json(run.folder, ["--weights", scratch.path("pop.csv")], in: scratch.path)
        var counts: [Int: Int] = [:]
        for r in run.completes { counts[r["answers"]?["tipo"]?.intValue ?? 0, default: 0] += 1 }
        let n = Double(run.completes.count)
        let expected = [1: 0.7, 2: 0.2, 3: 0.1].mapValues { $0 }
        let cells = report["weighting"]?["cells"]?.arrayValue ?? []
        #expect(cells.compactMap { $0["cell"]?.stringValue } == ["privato", "azienda", "ente"])
        for (k, cell) in cells.enumerated() {
            #expect(close(cell["weight"]?.number, expected[k + 1]! * n / Double(counts[k + 1]!), 6), "weight of tipo \(k + 1)")
        }
        let weight: (JSON) -> Double = { r in let t = r["answers"]?["tipo"]?.intValue ?? 0; return expected[t]! * n / Double(counts[t]!) }
        let (values, missing) = Self.marks(run.completes, "voto", weight: weight)
        Self.expectFigures(report["questions"]?.arrayValue?.last?["weighted"],
                           IndependentStats.summary(values, missing: missing, threshold: 5), "voto weighted to the file")

        try scratch.write("bad.csv", "tipo,share\nprivato,70\nsconosciuto,30\n")
        let bad = try await ReportCLI.run(run.folder, ["--weights", scratch.path("bad.csv")], in: scratch.path, expectStatus: 1)
        #expect(bad.stderr.contains("bad.csv:3: 'sconosciuto' is not a code of tipo"), "\(bad.stderr)")
    }
}

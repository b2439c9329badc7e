import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

extension SimulateTests {
    // MARK: - cc_parma: 2,000 interviews, every record by the questionnaire's rules

    @Test func twoThousandCcParmaInterviewsAllFollowTheRoutingAndValidation() async throws {
        let run = try await CcParmaRun.shared.get()
        #expect(run.records.count == 2_000)
        #expect(run.skipped == 0)
        let sample = try SampleCSV(SimFiles.largeSample)
        let rules = CcParmaRules(sha256: run.sha256, sample: sample)
        var problems: [String] = []
        for (k, record) in run.records.enumerated() {
            problems += rules.problems(record).map { "line \(k + 1) (\(record["id"]?.stringValue ?? "?")): \($0)" }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(30).joined(separator: "\n"))")

        let ids = run.records.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == 2_000, "ids are unique")

        // Quota targets: counted from the answers, never exceeded.
        var cells: [String: Int] = [:]
        var types: [Int: Int] = [:]
        for record in run.records where record["status"]?.stringValue == "complete" {
            let tipo = record["answers"]?["tipo"]?.intValue ?? 0
            let motivo = record["answers"]?["motivo"]?.intValue ?? 0
            types[tipo, default: 0] += 1
            cells[tipo == 3 ? "ente,*" : "\(tipo),\(motivo)", default: 0] += 1
        }
        for (cell, count) in cells {
            #expect(count <= CcParmaRules.cellTargets[cell] ?? 0, "tipo_motivo \(cell): \(count) completes")
        }
        for (tipo, count) in types { #expect(count <= [1: 800, 2: 250, 3: 150][tipo] ?? 0, "per_tipo \(tipo): \(count)") }

        // Every status the simulation can reach, reached; the summary line matches the file.
        let statuses = Dictionary(run.records.map { ($0["status"]?.stringValue ?? "?", 1) }, uniquingKeysWith: +)
        #expect(Set(statuses.keys) == ["complete", "screened-out", "over-quota"], "\(statuses)")
        for (status, count) in statuses { #expect(run.summary.contains("\(status) \(count)"), "\(run.summary)") }
        #expect(run.summary.hasPrefix("2000 interviews in "))
        // Random answers exercise the branches: each appears somewhere.
        let keys = Set(run.records.flatMap { $0["answers"]?.objectMembers?.map(\.0) ?? [] })
        for name in ["ragione", "eta", "motivo_other", "chiamate", "perche", "media", "suggerimenti", "studio", "comune", "sede"] {
            #expect(keys.contains(name), "no record has \(name)")
        }
        let missing = run.lines.filter { $0.contains(#"{"missing":"dk"}"#) }.count
        #expect(missing > 0, "some dk answers")
        #expect(run.lines.contains { $0.contains(#"{"missing":"refused"}"#) }, "some refused answers")
        #expect(run.records.contains { ($0["paradata"]?["warnings_confirmed"]?.arrayValue ?? []).count > 0 },
                "some warnings confirmed")
    }

    @Test(.enabled(if: ChildProcess.available("jq"), "jq is installed (it is on the CI machines)"))
    func jqReadsTheFile() async throws {
        let run = try await CcParmaRun.shared.get()
        let scratch = try ScratchFolder("jq")
        let file = run.folder + "/interviews.jsonl"
        let result = try await ChildProcess.run(
            ["jq", "-c", #"select(.status=="complete") | .answers.tipo"#, file], directory: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        let tipos = result.stdout.split(separator: "\n").map(String.init)
        let expected = run.records.filter { $0["status"]?.stringValue == "complete" }.map { $0["answers"]?["tipo"]?.serialized ?? "null" }
        #expect(tipos.count == expected.count)
        #expect(tipos == expected)
        #expect(tipos.allSatisfy { ["1", "2", "3"].contains($0) })

        let count = try await ChildProcess.run(["jq", "-s", "length", file], directory: scratch.path)
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2000", "\(count.stderr)")
        let cells = try await ChildProcess.run(
            ["jq", "-r", #"select(.status=="complete") | .quota_cells.tipo_motivo"#, file], directory: scratch.path)
        #expect(cells.stdout.split(separator: "\n").count == expected.count)
    }
}

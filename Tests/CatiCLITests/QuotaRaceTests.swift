import CatiTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// language.md: "Targets are never exceeded by completes, whatever the number of
/// interviewers at once." Six `cati simulate` processes at once on one data folder,
/// on Tests/Fixtures/quotas/race.cati: targets 1 to 5, demand far above them
/// (6 × 40 interviews for 15 places). Every cell must end exactly at its target.
@Suite(.serialized) struct QuotaRaceTests {
    static let targets: [String: [String: Int]] = [
        "tipo_motivo": ["privato,anagrafe": 3, "privato,tributi": 2, "privato,scuola": 1, "azienda,*": 4, "ente,altro": 5],
        "per_tipo": ["privato": 6, "azienda": 4, "ente": 5],
    ]
    static let processes = 6
    static let interviewsEach = 40
    static let rounds = 5

    @Test func concurrentSimulatorsFillEveryCellExactlyToItsTarget() throws {
        let file = QuotaCLI.fixture("race")
        for round in 1...Self.rounds {
            let scratch = try ScratchFolder("race")
            let data = scratch.path("data")
            let children = try (1...Self.processes).map { p in
                try QuotaCLI.Child(["simulate", file, "--data", data, "-n", "\(Self.interviewsEach)",
                                    "--seed", "\(round * 1000 + p)", "--interviewer", "sim\(p)", "-q"])
            }
            for (k, child) in children.enumerated() {
                #expect(child.wait() == 0, "round \(round), simulate \(k + 1): \(child.stderr)")
            }

            let jsonl = try QuotaJSONL(path: data + "/interviews.jsonl")
            #expect(jsonl.unreadable == 0, "round \(round)")
            #expect(jsonl.records.count == Self.processes * Self.interviewsEach, "round \(round): one record per interview")
            let completes = jsonl.completes
            for (quota, cells) in Self.targets {
                for (cell, target) in cells.sorted(by: { $0.key < $1.key }) {
                    let complete = completes[quota]?[cell] ?? 0
                    #expect(complete <= target, "round \(round): \(quota) \(cell): \(complete) completes, target \(target)")
                    #expect(complete == target, "round \(round): \(quota) \(cell) should be filled: demand exceeds it")
                }
                #expect(Set((completes[quota] ?? [:]).keys) == Set(cells.keys),
                        "round \(round): completes only in declared cells of \(quota)")
            }
            // Every complete belongs to one cell of each quota.
            let completeRecords = jsonl.records.filter { $0["status"] as? String == "complete" }
            #expect(completeRecords.allSatisfy { ($0["quota_cells"] as? [String: String])?.count == 2 })
            // The rest ended over-quota: full cells, or combinations no row covers.
            #expect(jsonl.count(status: "over-quota") == jsonl.records.count - completeRecords.count, "round \(round)")

            // The processes really ran at once: their records are interleaved in the file.
            let writers = jsonl.records.compactMap { $0["interviewer"] as? String }
            let switches = zip(writers, writers.dropFirst()).filter { $0 != $1 }.count
            #expect(switches >= Self.processes, "round \(round): records of the processes interleave (\(switches) switches)")

            // `cati quotas --json` says the same as the file read by hand.
            let (table, raw, stderr) = try QuotaCLI.quotasJSON(file, data: data)
            #expect(stderr.isEmpty, "round \(round): \(stderr)")
            for (quota, cells) in Self.targets {
                for (cell, target) in cells {
                    let complete = completes[quota]?[cell] ?? 0
                    #expect(table[quota]?[cell] == ["target": target, "complete": complete, "in_progress": 0,
                                                     "remaining": max(0, target - complete)],
                            "round \(round): \(quota) \(cell) in \(raw)")
                }
            }
            #expect(Set(table.keys) == Set(Self.targets.keys))
        }
    }
}

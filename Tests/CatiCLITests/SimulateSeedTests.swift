import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

extension SimulateTests {
    // MARK: - The same seed, the same answers

    @Test(arguments: [("cc_parma", true), ("every_kind", false)])
    func theSameSeedGivesTheSameAnswersAndAnotherSeedOthers(_ name: String, _ withSample: Bool) async throws {
        let scratch = try ScratchFolder("seed-\(name)", under: "/dev/shm")
        let file = RepositoryFiles.file("questionnaires/\(name).cati")
        var runs: [[JSON]] = []
        for (k, seed) in [UInt64(424_242), 424_242, 7].enumerated() {
            let data = scratch.path("data\(k)")
            let result = try await SimFiles.simulate(file, data: data, n: 60, seed: seed, sample: withSample, in: scratch.path)
            #expect(result.status == 0, "\(result.stderr)")
            runs.append(try JSONLFile(data + "/interviews.jsonl").records())
        }
        #expect(runs.map(\.count) == [60, 60, 60])
        let answers = runs.map { $0.map { $0["answers"]?.serialized ?? "" } }
        for k in 0..<min(runs[0].count, runs[1].count) {
            #expect(answers[0][k] == answers[1][k], "interview \(k + 1): same seed, other answers")
            #expect(runs[0][k]["status"]?.stringValue == runs[1][k]["status"]?.stringValue)
            #expect(runs[0][k]["respondent"] == runs[1][k]["respondent"])
            #expect(runs[0][k]["id"] != runs[1][k]["id"], "ids are new in each run")
        }
        #expect(answers[0] != answers[2], "another seed gives other answers")
        let differing = zip(answers[0], answers[2]).filter { $0 != $1 }.count
        #expect(differing > 10, "only \(differing) of 60 interviews differ between seeds")
        // The shown order follows the id, which differs: the answers did not follow it.
        let orders = runs.prefix(2).map { $0.map { $0["paradata"]?["order"]?.serialized ?? "" } }
        #expect(orders[0] != orders[1], "the shown orders should differ between runs (they follow the ids)")
    }
}

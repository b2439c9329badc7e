import CatiCore
import CatiStore
import Foundation
import Testing

extension StoreTests {
    /// `Simulation` (what `cati simulate` runs) in process: the same seed gives the same
    /// answers although every run has new interview ids, so other shown orders.
    @Suite struct SimulationTests {
        /// Rotated grid, multi and single; a warning right after the grid that nearly
        /// always fires, so the respondent often goes back into the grid (and the items
        /// shown after the one corrected come back too, in an order that follows the id);
        /// a check that going back to its last question cannot satisfy.
        static let source = """
            survey sim_test "Simulation test"
            version 1

            grid marks "Marks from 1 to 5" scale 1..5 allow dk rotate
              a "Item A"
              b "Item B"
              c "Item C"
              d "Item D"

            warn a >= 2 "A is 2 or more: confirm?"

            multi pick "Pick one to three" pick 1..3 rotate
              1 x "X"
              2 y "Y"
              3 z "Z"
              4 w "Something else" other

            single one "Just one" rotate
              1 p "P"
              2 q "Q"
              3 r "R"
              4 s "S"

            number second "A number" range 1..3

            # Only `one` can satisfy it, and `second` is the last question it uses.
            check one in (p, q) or second > 5 "Change the answer to one."

            """

        func run(seed: UInt64, count: Int) throws -> [JSON] {
            let test = try TestFolder("simulation", inMemory: true)
            let store = try test.store()
            let q = try Fixture.questionnaire(Self.source)
            let simulation = Simulation(questionnaire: q, store: store, sample: nil, seed: seed, interviewer: "sim")
            for k in 0..<count {
                #expect(try simulation.run(index: UInt64(k)) == .complete)
            }
            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.skipped.isEmpty)
            return scan.records
        }

        @Test func theSameSeedGivesTheSameAnswersWhateverTheShownOrder() throws {
            let first = try run(seed: 5, count: 120)
            let second = try run(seed: 5, count: 120)
            let other = try run(seed: 6, count: 120)
            #expect(first.count == 120 && second.count == 120)
            let answers = [first, second, other].map { $0.map { $0["answers"]?.serialized ?? "" } }
            for k in 0..<min(answers[0].count, answers[1].count) where answers[0][k] != answers[1][k] {
                Issue.record("interview \(k + 1): \(answers[0][k]) vs \(answers[1][k])")
            }
            #expect(answers[0] != answers[2])
            let orders = [first, second].map { $0.map { $0["paradata"]?["order"]?.serialized ?? "" } }
            #expect(orders[0] != orders[1], "the shown orders differ between runs")
            // The case that needs care happened: answers corrected inside the grid.
            let corrected = first.filter { ($0["paradata"]?["visits"]?.objectMembers ?? []).contains { $0.0 == "a" } }
            #expect(corrected.count > 5, "only \(corrected.count) interviews went back into the grid")
            // Interviews run to their natural end: the check was corrected, not given up.
            let checked = first.filter { ($0["paradata"]?["visits"]?.objectMembers ?? []).contains { $0.0 == "one" } }
            #expect(checked.count > 5, "only \(checked.count) interviews had to correct the check")
            // Every record is simulated and every warning that stands was confirmed.
            for record in first {
                let one = record["answers"]?["one"]?.intValue ?? 0
                #expect(one == 1 || one == 2, "the check holds: \(record.serialized)")
                #expect(record["simulated"] == .bool(true))
                let a = record["answers"]?["a"]?.intValue
                let confirmed = record["paradata"]?["warnings_confirmed"]?.arrayValue?.count ?? 0
                #expect((confirmed == 1) == (a.map { $0 >= 2 } ?? false), "\(record.serialized)")
            }
        }
    }
}

import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// Damaged questionnaires with loops (the loop corpus file, servizi_parma.cati and the
/// fuzzer's loop seed): `check` must report, never crash or hang, whatever the damage
/// to a loop's header, body or `end` (the rules of MutationRobustnessTests).
struct LoopMutationTests {
    static let mutations = 1_500

    static func seeds() throws -> [Seed] {
        let root = CorpusFiles.repositoryFolder
        return [
            Seed(name: "valid/loops.cati", bytes: try CorpusFiles.bytes("valid/loops.cati")),
            Seed(name: "servizi_parma.cati",
                 bytes: [UInt8](try Data(contentsOf: root.appendingPathComponent("questionnaires/servizi_parma.cati")))),
            Seed(name: "loops-nested-branches.cati",
                 bytes: [UInt8](try Data(contentsOf: root.appendingPathComponent("fuzz/seeds/loops-nested-branches.cati")))),
        ]
    }

    @Test func damagedLoopsAreReportedNeverCrashOrHang() async throws {
        let run = MutationRun(seeds: try Self.seeds(), total: Self.mutations,
                              deadline: MutationRobustnessTests.checkDeadline, determinismEvery: 3)
        let worker = Thread { run.run() }
        worker.stackSize = 8 << 20
        worker.start()
        let deadline = ContinuousClock.now + .seconds(300)
        while !run.progress.1 {
            if ContinuousClock.now > deadline { Issue.record("check hangs on:\n\(run.currentInput)"); return }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(run.checked >= Self.mutations)
        for failure in run.failures.prefix(12) { Issue.record(Comment(rawValue: failure)) }
        #expect(run.failures.isEmpty, "\(run.failures.count) of \(run.checked) mutations failed")
    }

    /// The damage reaches the loops: some mutants still compile their loops, and some
    /// are rejected with a loop's own message (so the test above exercises loop code).
    @Test func mutationsReachTheLoopCode() throws {
        var compiledLoops = 0, loopMessages = 0
        for seed in try Self.seeds() {
            for k in 0..<200 {
                var rng = SplitMix64(seed: SplitMix64.seed(seed.name, salt: UInt64(k)))
                let result = QuestionnaireChecker.check(SourceText(bytes: Mutator.mutate(seed.bytes, using: &rng).bytes))
                if let q = result.questionnaire, !q.loops.isEmpty { compiledLoops += 1 }
                if result.diagnostics.contains(where: { $0.message.contains("loop") }) { loopMessages += 1 }
            }
        }
        #expect(compiledLoops > 20, "only \(compiledLoops) mutants kept a working loop")
        #expect(loopMessages > 20, "only \(loopMessages) mutants drew a loop message")
    }
}

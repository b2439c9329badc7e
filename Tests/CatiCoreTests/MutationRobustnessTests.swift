import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// Thousands of damaged questionnaires, made from the valid corpus files (the spec's
/// example among them) by a seeded generator, so every run checks the same inputs.
/// Whatever the damage, `check` must not crash or hang (each check within
/// `checkDeadline`), must give the same answer twice (checked on every third input), and
/// must either give a questionnaire with no error, or at least one error, every
/// diagnostic placed on a real line (1...lines + 1) and column (>= 1). A failure is
/// reported with the seed file, the mutation's number and steps, and an input shrunk to
/// what still fails.
struct MutationRobustnessTests {
    static let mutations = 3_200
    /// Every this many mutations, the input is checked twice and the results compared.
    static let determinismEvery = 3
    /// One check of a small file takes milliseconds; this is the limit for any of them.
    static let checkDeadline: Duration = .seconds(2)
    /// With no progress for this long, the checker is taken to hang.
    static let stallLimit: Duration = .seconds(30)

    @Test func damagedQuestionnairesAreReportedNeverCrashOrHang() async throws {
        let seeds = try CorpusFiles.all.filter { $0.hasPrefix("valid/") }.compactMap { path -> Seed? in
            let bytes = try CorpusFiles.bytes(path)
            return CorpusFiles.isIsolated(String(decoding: bytes, as: UTF8.self)) ? nil : Seed(name: path, bytes: bytes)
        }
        #expect(seeds.contains { $0.name == "valid/spec_example.cati" })
        try #require(seeds.count >= 5)

        let run = MutationRun(seeds: seeds, total: Self.mutations, deadline: Self.checkDeadline,
                              determinismEvery: Self.determinismEvery)
        let worker = Thread { run.run() }
        worker.stackSize = 8 << 20 // as the main thread of `cati check`
        worker.start()

        var lastDone = -1
        var lastChange = ContinuousClock.now
        while true {
            let (done, finished) = run.progress
            if finished { break }
            if done != lastDone {
                lastDone = done
                lastChange = .now
            } else if ContinuousClock.now - lastChange > Self.stallLimit {
                Issue.record("check hangs (no result for \(Self.stallLimit)) on:\n\(run.currentInput)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(run.checked >= 3_000, "only \(run.checked) mutations were checked")
        print("MutationRobustness: \(run.checked) mutations of \(seeds.count) files checked")
        for failure in run.failures.prefix(12) { Issue.record(Comment(rawValue: failure)) }
        #expect(run.failures.isEmpty, "\(run.failures.count) of \(run.checked) mutations failed")
    }

    /// The same damage twice gives the same bytes: the generator is deterministic.
    @Test func mutationsAreReproducible() throws {
        let bytes = try CorpusFiles.bytes("valid/spec_example.cati")
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        for _ in 0..<50 {
            #expect(Mutator.mutate(bytes, using: &a).bytes == Mutator.mutate(bytes, using: &b).bytes)
        }
    }
}

struct Seed: Sendable {
    var name: String
    var bytes: [UInt8]
}

/// The mutations and their results, shared between the worker thread and the test.
final class MutationRun: @unchecked Sendable {
    let seeds: [Seed]
    let total: Int
    let deadline: Duration
    let determinismEvery: Int
    private let lock = NSLock()
    private var done = 0
    private var finished = false
    private var current = ""
    private var failed: [String] = []

    init(seeds: [Seed], total: Int, deadline: Duration, determinismEvery: Int) {
        self.seeds = seeds
        self.total = total
        self.deadline = deadline
        self.determinismEvery = determinismEvery
    }

    var progress: (Int, Bool) { lock.withLock { (done, finished) } }
    var checked: Int { lock.withLock { done } }
    var currentInput: String { lock.withLock { current } }
    var failures: [String] { lock.withLock { failed } }

    func run() {
        defer { lock.withLock { finished = true } }
        let perSeed = (total + seeds.count - 1) / seeds.count
        for seed in seeds {
            for k in 0..<perSeed {
                var rng = SplitMix64(seed: SplitMix64.seed(seed.name, salt: UInt64(k)))
                let (bytes, steps) = Mutator.mutate(seed.bytes, using: &rng)
                let label = "\(seed.name) mutation #\(k) (\(steps.joined(separator: "; ")))"
                lock.withLock { current = label + "\n" + Self.show(bytes) }
                if let why = problem(bytes, twice: k % determinismEvery == 0) {
                    let minimal = minimize(bytes)
                    lock.withLock {
                        failed.append("\(label): \(why)\nminimal input (\(minimal.count) bytes):\n\(Self.show(minimal))")
                    }
                }
                lock.withLock { done += 1 }
            }
        }
    }

    /// What is wrong with the checker's answer for these bytes, or nil.
    func problem(_ bytes: [UInt8], twice: Bool = true) -> String? {
        let source = SourceText(bytes: bytes)
        let start = ContinuousClock.now
        let first = QuestionnaireChecker.check(source)
        let elapsed = ContinuousClock.now - start
        if elapsed > deadline { return "check took \(elapsed) (limit \(deadline))" }
        let errors = first.diagnostics.filter { $0.severity == .error }
        if first.questionnaire != nil, !errors.isEmpty {
            return "a questionnaire, and errors: \(errors.map(describe))"
        }
        if first.questionnaire == nil, errors.isEmpty {
            return "no questionnaire, and no error: \(first.diagnostics.map(describe))"
        }
        // Lines as a reader counts them (SourceText's own count is not taken on trust).
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        for d in first.diagnostics where !(1...(lines + 1)).contains(d.location.line) || d.location.column < 1 {
            return "diagnostic outside the file (\(lines) lines): \(describe(d))"
        }
        guard twice else { return nil }
        let second = QuestionnaireChecker.check(SourceText(bytes: bytes))
        if second.diagnostics != first.diagnostics || (second.questionnaire == nil) != (first.questionnaire == nil) {
            return "not deterministic: \(first.diagnostics.map(describe)) then \(second.diagnostics.map(describe))"
        }
        return nil
    }

    /// Drops lines, then single bytes, while the input still shows a problem.
    func minimize(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        var changed = true
        while changed {
            changed = false
            for range in Mutator.lineRanges(bytes).reversed() {
                var candidate = bytes
                candidate.removeSubrange(range)
                if problem(candidate) != nil { bytes = candidate; changed = true }
            }
        }
        if bytes.count <= 400 {
            var i = bytes.count - 1
            while i >= 0 {
                if i < bytes.count {
                    var candidate = bytes
                    candidate.remove(at: i)
                    if problem(candidate) != nil { bytes = candidate }
                }
                i -= 1
            }
        }
        return bytes
    }

    /// Bytes as readable text, invalid UTF-8 as \x.. escapes.
    static func show(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            var j = i + 1
            while j <= bytes.count, j - i <= 4, String(validating: bytes[i..<j], as: UTF8.self) == nil { j += 1 }
            if j <= bytes.count, j - i <= 4, let s = String(validating: bytes[i..<j], as: UTF8.self) {
                out += s
                i = j
            } else {
                out += "\\x" + String(bytes[i], radix: 16)
                i += 1
            }
        }
        return out
    }
}

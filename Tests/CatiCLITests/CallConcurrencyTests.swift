import CatiTestSupport
import Foundation
import Testing

/// Several processes asking for the next case at once never get the same one; the
/// cases of a process killed while holding them come back.
struct CallConcurrencyTests {
    static let questionnaire = """
    survey coda "Coda"
    single tipo "Tipo" preload
      1 privato "Privato"
      2 azienda "Azienda"
    """

    static func sample(_ n: Int) -> String {
        "id,name,phone,tipo\n" + (1...n).map { k in
            "C\(String(format: "%04d", k)),Persona \(k),0521 \(100_000 + k),\(k % 3 == 0 ? "azienda" : "privato")"
        }.joined(separator: "\n") + "\n"
    }

    @Test func eightProcessesNeverGetTheSameCaseAndAKilledHoldersCasesComeBack() async throws {
        let scratch = try ScratchFolder("calls-race")
        try scratch.write("q.cati", Self.questionnaire)
        try scratch.write("sample.csv", Self.sample(1_000))
        try scratch.write("clock", "2026-11-30T10:00:00Z")     // a Monday, inside calling hours
        let cati = try ChildProcess.cati()
        func call(_ who: String, take: Int, hold: Int?) throws -> ChildProcess {
            var arguments = [cati, "call", scratch.path("q.cati"), "--data", scratch.path("data"),
                             "--sample", scratch.path("sample.csv"), "--interviewer", who, "--take", String(take), "--clock", scratch.path("clock")]
            if let hold { arguments += ["--hold", String(hold)] }
            return try ChildProcess(arguments, directory: scratch.path)
        }
        let holders = try (1...8).map { try call("i\($0)", take: 125, hold: 300) }
        // Each prints its cases once it holds them all.
        let deadline = ContinuousClock.now + .seconds(120)
        func lines(_ p: ChildProcess) -> [String] { p.stdout.split(separator: "\n").map(String.init) }
        while holders.contains(where: { lines($0).count < 125 }) {
            guard ContinuousClock.now < deadline else {
                Issue.record("not every holder printed 125 cases: \(holders.map { lines($0).count }) \(holders.map(\.stderr))")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let taken = holders.flatMap(lines)
        #expect(taken.count == 1_000)
        #expect(Set(taken).count == 1_000, "no case given twice")

        // Nothing is left while all eight hold their cases.
        let none = try await ChildProcess.run([cati, "call", scratch.path("q.cati"), "--data", scratch.path("data"),
                                               "--sample", scratch.path("sample.csv"), "--interviewer", "x",
                                               "--clock", scratch.path("clock")],
                                              directory: scratch.path)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.contains("no case to call now: none is due"), "\(none.stderr)")

        // The third holder dies: its cases, and only those, come back.
        holders[2].signal(SIGKILL)
        #expect(try await holders[2].wait(timeout: .seconds(30)) == 128 + SIGKILL)
        let after = try call("i9", take: 1_000, hold: nil)
        #expect(try await after.wait() == 0)
        #expect(Set(lines(after)) == Set(lines(holders[2])), "\(after.stderr)")
    }
}

import CatiTestSupport
import Foundation
import Testing

/// `CallConcurrencyTests` on PostgreSQL: `cati call --store postgres://…` processes
/// asking for the next case at once (the same rules, so the same offers: the desk's
/// `claimFirst`, one `FOR UPDATE SKIP LOCKED` statement) never get the same case; the
/// cases of a process killed while holding them come back.
@Suite(.enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
struct PostgresCallConcurrencyTests {
    static let processes = 8
    static let each = 50

    @Test func eightProcessesOnPostgresNeverGetTheSameCaseAndAKilledHoldersCasesComeBack() async throws {
        let scratch = try ScratchFolder("pg-calls-race")
        try scratch.write("q.cati", CallConcurrencyTests.questionnaire)
        try scratch.write("sample.csv", CallConcurrencyTests.sample(Self.processes * Self.each))
        try scratch.write("clock", "2026-11-30T10:00:00Z")     // a Monday, inside calling hours
        let url = try PostgresRaceTests.database("calls")
        let cati = try ChildProcess.cati()
        func call(_ who: String, take: Int, hold: Int?) throws -> ChildProcess {
            var arguments = [cati, "call", scratch.path("q.cati"), "--store", url,
                             "--sample", scratch.path("sample.csv"), "--interviewer", who, "--take", String(take),
                             "--clock", scratch.path("clock")]
            if let hold { arguments += ["--hold", String(hold)] }
            return try ChildProcess(arguments, directory: scratch.path)
        }
        // The schema and the survey made before the race (the first use creates them).
        let first = try call("i0", take: 1, hold: nil)
        #expect(try await first.wait() == 0, "\(first.stderr)")
        let holders = try (1...Self.processes).map { try call("i\($0)", take: Self.each, hold: 300) }
        let deadline = ContinuousClock.now + .seconds(120)
        func lines(_ p: ChildProcess) -> [String] { p.stdout.split(separator: "\n").map(String.init) }
        while holders.contains(where: { lines($0).count < Self.each }) {
            guard ContinuousClock.now < deadline else {
                let counts = holders.map { lines($0).count }, errors = holders.map(\.stderr)
                Issue.record("not every holder printed \(Self.each) cases: \(counts) \(errors)")
                holders.forEach { $0.signal(SIGKILL) }
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let taken = holders.flatMap(lines)
        #expect(taken.count == Self.processes * Self.each)
        #expect(Set(taken).count == taken.count, "no case given twice")

        // The third holder dies (its connection with it): its cases, and only those, come back.
        holders[2].signal(SIGKILL)
        #expect(try await holders[2].wait(timeout: .seconds(30)) == 128 + SIGKILL)
        let after = try call("i9", take: Self.processes * Self.each, hold: nil)
        #expect(try await after.wait() == 0)
        #expect(Set(lines(after)) == Set(lines(holders[2])), "\(after.stderr)")
        for (k, holder) in holders.enumerated() where k != 2 { holder.signal(SIGKILL) }
    }
}

import CatiTestSupport
import Foundation
import Testing

/// The supervisor's figures include the call attempts (issues 12 and 13): each
/// interviewer's calls and their outcomes, from the store's call log.
@Suite struct MonitorCallsTests {
    @Test func callOutcomesRecordedByInterviewersAppearPerInterviewerOnTheMonitor() async throws {
        let scratch = try ScratchFolder("monitor-calls")
        let data = scratch.path("data")
        let cati = try CatiExecutable.path()
        let file = SimFiles.ccParma, sample = SimFiles.fortyCaseSample
        func call(_ who: String, _ id: String, _ outcome: String, _ extra: [String] = []) async throws {
            let r = try await ChildProcess.run([cati, "call", file, "--data", data, "--sample", sample, "--interviewer", who,
                                                "--case", id, "--outcome", outcome] + extra, directory: scratch.path)
            #expect(r.status == 0, "cati call \(id) \(outcome): \(r.stderr)")
        }
        try await call("maria", "R0001", "no-answer")
        try await call("maria", "R0002", "refusal-hard")
        try await call("luca", "R0003", "busy")
        try await call("maria", "R0004", "appointment", ["--appointment", "2099-01-15T15:30:00Z"])

        let out = try await ChildProcess.run([cati, "monitor", file, "--data", data, "--json"], directory: scratch.path)
        #expect(out.status == 0, "\(out.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let interviewers = try #require(object["interviewers"] as? [[String: Any]])
        func calls(_ name: String) -> [String: Any]? {
            interviewers.first { $0["name"] as? String == name }?["calls"] as? [String: Any]
        }
        #expect(calls("maria")?["attempts"] as? Int == 3)
        #expect(calls("maria")?["outcomes"] as? [String: Int] == ["no-answer": 1, "refusal-hard": 1, "appointment": 1])
        #expect(calls("luca")?["attempts"] as? Int == 1)
        #expect(calls("luca")?["outcomes"] as? [String: Int] == ["busy": 1])

        // The plain screen shows the calls column too.
        let plain = try await ChildProcess.run([cati, "monitor", file, "--data", data, "--plain", "--once"], directory: scratch.path)
        #expect(plain.status == 0, "\(plain.stderr)")
        let mariaRow = plain.stdout.split(separator: "\n").first { $0.hasPrefix("maria") }
        #expect(plain.stdout.contains("calls"), "\(plain.stdout)")
        #expect(mariaRow.map { $0.split(separator: " ").contains("3") } == true, "\(plain.stdout)")
    }
}

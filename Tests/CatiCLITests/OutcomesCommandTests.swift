import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// `cati call` and `cati outcomes` as a user runs them: outcomes recorded, a closed case
/// refused with a message, a damaged calls.jsonl line skipped with a warning, the
/// table, `--json` and `--by interviewer`.
struct OutcomesCommandTests {
    @Test func recordedOutcomesShowInTheTableAndTheJSON() async throws {
        let scratch = try ScratchFolder("outcomes")
        let sample = try String(contentsOfFile: SimFiles.ccParmaSample, encoding: .utf8)
        try scratch.write("sample.csv", sample.components(separatedBy: "\r\n").prefix(6).joined(separator: "\r\n") + "\r\n")
        try scratch.write("clock", "2026-11-30T10:00:00Z")
        let cati = try ChildProcess.cati()
        func run(_ arguments: [String]) async throws -> ChildProcess.Result {
            try await ChildProcess.run([cati] + arguments + [SimFiles.ccParma, "--data", scratch.path("data"),
                                                             "--sample", scratch.path("sample.csv")],
                                       directory: scratch.path)
        }
        try scratch.write("fieldwork.conf", "utc-offset +00:00   # the machine's time zone does not matter\n")
        let clock = ["--clock", scratch.path("clock"), "--fieldwork", scratch.path("fieldwork.conf")]
        #expect(try await run(["call", "--interviewer", "maria", "--outcome", "no-answer"] + clock).status == 0)
        let appointment = try await run(["call", "--interviewer", "maria", "--outcome", "appointment",
                                         "--appointment", "domani 15:30", "--note", "richiamare dopo le 15"] + clock)
        #expect(appointment.stdout.contains(#""case":"R0002","attempt":1,"interviewer":"maria","at":"2026-11-30T10:00:00Z","outcome":"appointment","aapor":"2.21","final":false,"appointment":"2026-12-01T15:30:00Z","interview":null,"note":"richiamare dopo le 15""#), "\(appointment.stdout)")
        #expect(try await run(["call", "--interviewer", "luca", "--case", "R0003", "--outcome", "refusal-hard"] + clock).status == 0)
        let again = try await run(["call", "--interviewer", "luca", "--case", "R0003", "--outcome", "busy"] + clock)
        #expect(again.status == 1)
        #expect(again.stderr == "Error: case 'R0003' is closed (refusal-hard, 2.112): it is not called again\n")
        let past = try await run(["call", "--interviewer", "luca", "--outcome", "appointment", "--appointment", "9:00"] + clock)
        #expect(past.status == 1)
        #expect(past.stderr.contains("is in the past"), "\(past.stderr)")

        // A damaged line (an outside edit) is skipped with a warning; the rest counts.
        let calls = scratch.path("data/calls.jsonl")
        let handle = try #require(FileHandle(forWritingAtPath: calls))
        handle.seekToEndOfFile()
        handle.write(Data("{\"case\":\"R0004\",\"attempt\":1,\n".utf8))
        try handle.close()

        let json = try await run(["outcomes", "--json"])
        #expect(json.status == 0)
        #expect(json.stderr == "\(calls):4: warning: not a JSON record; line skipped\n")
        #expect(json.stdout == #"{"cases":[{"id":"R0001","attempts":1,"aapor":"3.13","final":false,"outcome":"no-answer"},{"id":"R0002","attempts":1,"aapor":"2.21","final":false,"outcome":"appointment"},{"id":"R0003","attempts":1,"aapor":"2.112","final":true,"outcome":"refusal-hard"},{"id":"R0004","attempts":0,"aapor":"3.11","final":false,"outcome":null},{"id":"R0005","attempts":0,"aapor":"3.11","final":false,"outcome":null}],"counts":{"2.112":1,"2.21":1,"3.11":2,"3.13":1},"e":1,"rates":{"RR1":0,"RR2":0,"RR3":0,"RR4":0,"COOP1":0,"REF1":0.2,"CON1":0.2}}"# + "\n")

        let table = try await run(["outcomes"])
        #expect(table.stdout.contains("2.112       1  refusal-hard\n"), "\(table.stdout)")
        #expect(table.stdout.contains("3.11        2  not attempted"))
        #expect(table.stdout.contains("REF1   0.200"))
        let byInterviewer = try await run(["outcomes", "--by", "interviewer"])
        #expect(byInterviewer.stdout.contains("── luca ──"))
        #expect(byInterviewer.stdout.contains("── maria ──"))
        #expect(byInterviewer.stdout.contains("── (never called) ──"))
        let wrongBy = try await run(["outcomes", "--by", "day"])
        #expect(wrongBy.status == 1)
        #expect(wrongBy.stderr == "Error: --by takes 'interviewer' (got 'day')\n")
    }
}

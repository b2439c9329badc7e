import CatiTestSupport
import Foundation
import Testing

/// Issue 11, item 2: `simulate -n 300 --sample` on the 40-row sample made 300 interviews
/// (R0023 fourteen times) and took R0001 while an interviewer held it.
@Suite(.serialized)
struct SimulateSampleOnceTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = SimFiles.fortyCaseSample

    static func respondents(_ data: String) throws -> [String] {
        try QuotaJSONL(path: data + "/interviews.jsonl").records.compactMap { $0["respondent"] as? String }
    }

    @Test func simulateWithASampleInterviewsEachCaseOnceAndSaysWhenTheSampleRanOut() async throws {
        let scratch = try ScratchFolder("sim-once", under: "/dev/shm")
        let data = scratch.path("data")
        let cati = try ChildProcess.cati()
        let first = try await ChildProcess.run([cati, "simulate", Self.file, "--data", data, "-n", "300",
                                                "--sample", Self.sample], directory: scratch.path)
        #expect(first.status == 0, "\(first.stderr)")
        let ids = try Self.respondents(data)
        #expect(ids.count == 40, "one interview per case of the 40-row sample, not \(ids.count)")
        #expect(Set(ids).count == ids.count, "a case interviewed twice: \(Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +).filter { $0.value > 1 })")
        #expect(first.stderr == "warning: the sample ran out: every case is done or taken; 40 interviews of the 300 asked\n")
        #expect(first.stdout.hasPrefix("40 interviews in "), "\(first.stdout)")
        // Again on the same folder: nothing is left, nothing is interviewed again.
        let again = try await ChildProcess.run([cati, "simulate", Self.file, "--data", data, "-n", "5",
                                                "--sample", Self.sample], directory: scratch.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr == "warning: the sample ran out: every case is done or taken; 0 interviews of the 5 asked\n")
        #expect(again.stdout.hasPrefix("0 interviews in "), "\(again.stdout)")
        #expect(try Self.respondents(data).count == 40)
    }

    @Test func simulateLeavesTheCaseAnInterviewerHoldsAndTheInterviewerCanFinishIt() async throws {
        let scratch = try ScratchFolder("sim-claim")
        let data = scratch.path("data")
        let maria = try InterviewScreen(Self.file, data: data, interviewer: "maria", arguments: ["--sample", Self.sample])
        try await maria.waitFor("   R0001   Maria Rossi")
        try maria.session.sendKeys("Enter")
        try await maria.waitForQuestion("intro")  // maria holds R0001's claim now

        let cati = try ChildProcess.cati()
        let run = try await ChildProcess.run([cati, "simulate", Self.file, "--data", data, "-n", "300",
                                              "--sample", Self.sample], directory: scratch.path)
        #expect(run.status == 0, "\(run.stderr)")
        var ids = try Self.respondents(data)
        #expect(!ids.contains("R0001"), "simulate took the case maria is calling")
        #expect(ids.count == 39 && Set(ids).count == 39, "\(ids.count) interviews")
        #expect(run.stderr.contains("39 interviews of the 300 asked"), "\(run.stderr)")

        // Maria ends her interview: it is saved for R0001, once; then nothing is left.
        try maria.session.sendKeys("Enter", "C-x", "1", "Enter")
        try await maria.waitFor("Salvata: ")
        let records = try await maria.waitForRecords(40)
        ids = records.compactMap { $0["respondent"] as? String }
        #expect(ids.filter { $0 == "R0001" }.count == 1)
        #expect(records.first { $0["respondent"] as? String == "R0001" }?["interviewer"] as? String == "maria")
        try await maria.waitFor("Nessun caso da chiamare nel campione.")
        try maria.session.sendKeys("q")
        #expect(try await maria.waitForExit() == 0)
    }
}

import CatiTestSupport
import Foundation
import Testing

/// End to end: an interview of cc_parma.cati (version 1) killed with SIGKILL is
/// resumed by an interviewer process running a compatible version 2 (a question's
/// text rewritten), given version 1 with `--previous`; the record carries version 2.
/// Without `--previous` the interview is not resumed and is kept.
@Suite(.serialized)
struct InterviewVersionResumeTests {
    static let v1 = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")

    @Test func aJournalStartedUnderVersion1IsResumedUnderACompatibleVersion2() async throws {
        let folder = try ScratchFolder()
        let data = folder.path("data")
        let v2 = folder.path("cc_parma_v2.cati")
        try String(contentsOfFile: Self.v1, encoding: .utf8)
            .replacingOccurrences(of: "version 1", with: "version 2")
            .replacingOccurrences(of: "\"Nell'ultimo anno, quali canali ha usato per contattare il Contact\"",
                                  with: "\"Negli ultimi dodici mesi, quali canali ha usato per contattare il Contact\"")
            .write(toFile: v2, atomically: true, encoding: .utf8)

        let first = try InterviewScreen(Self.v1, data: data, arguments: ["--sample", Self.sample])
        _ = try await first.waitFor("Chiamare:")
        try first.session.sendKeys("Enter")
        _ = try await first.waitForQuestion("intro")
        try first.answer("")
        _ = try await first.waitForQuestion("consenso")
        try first.answer("1")
        _ = try await first.waitForQuestion("eta")
        try first.answer("3")
        _ = try await first.waitForQuestion("canali")
        #expect(kill(try await first.catiPID(), SIGKILL) == 0)
        #expect(try await first.waitForExit(timeout: .seconds(30)) == 137)
        #expect(first.journals.count == 1)
        first.session.kill()

        // Version 2 alone does not know the journal's version: kept, not resumed.
        let refused = try InterviewScreen(v2, data: data, arguments: ["--sample", Self.sample, "--resume", "R0001"])
        let message = try await refused.waitFor("impossibile riprendere R0001")
        #expect(message.contains("1  R0001 Maria Rossi  interrotta"), "still listed: \(message)")
        try refused.session.sendKeys("q")
        _ = try await refused.waitForExit()
        refused.session.kill()

        let second = try InterviewScreen(v2, data: data,
                                         arguments: ["--sample", Self.sample, "--previous", Self.v1, "--resume", "R0001"])
        let screen = try await second.waitForQuestion("canali")
        #expect(screen.contains(" Negli ultimi dodici mesi, quali canali ha usato per contattare il Contact"), "\(screen)")
        try second.answer("3")
        _ = try await second.waitForQuestion("aspetti")
        try second.session.sendKeys("F10")
        try second.session.type("2")
        try second.session.sendKeys("Enter")
        try second.session.type("prova")
        try second.session.sendKeys("Enter")
        let records = try await second.waitForRecords(1)
        #expect(records.first?["version"] as? Int == 2)
        let answers = records.first?["answers"] as? [String: Any]
        #expect(answers?["consenso"] as? Int == 1 && answers?["eta"] as? Int == 3)
        #expect(answers?["canali"] as? [Int] == [3])
        // The journal goes after the record is durable: wait for it, with a deadline.
        let deadline = ContinuousClock.now + .seconds(30)
        while !second.journals.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(second.journals.isEmpty, "the resumed interview finished: its journal removed")
    }
}

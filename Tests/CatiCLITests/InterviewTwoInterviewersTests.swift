import CatiTestSupport
import Foundation
import Testing

/// End to end: two interviewers on one data folder and one sample never call the same
/// case, and both records land in interviews.jsonl.
@Suite(.serialized)
struct InterviewTwoInterviewersTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")

    @Test func aCaseTakenByOneInterviewerIsNotCalledByTheOther() async throws {
        let folder = try ScratchFolder()
        let data = folder.path("data")
        let maria = try InterviewScreen(Self.file, data: data, interviewer: "maria", arguments: ["--sample", Self.sample])
        let luca = try InterviewScreen(Self.file, data: data, interviewer: "luca", arguments: ["--sample", Self.sample])
        try await maria.waitFor("   R0001   Maria Rossi")
        try await luca.waitFor("   R0001   Maria Rossi")  // both were offered R0001 before anyone started

        try maria.session.sendKeys("Enter")
        try await maria.waitForQuestion("intro")
        try luca.session.sendKeys("Enter")
        var screen = try await luca.waitForMessage("R0001")
        #expect(luca.message(of: screen).contains("il caso R0001 è appena stato preso da un altro intervistatore"), "cc_parma is in Italian: so is the screen")
        #expect(screen.contains("   R0002   Giuseppe Ferrari"), "the next free case is offered:\n\(screen)")
        try luca.session.sendKeys("Enter")
        screen = try await luca.waitForQuestion("intro")
        #expect(screen.split(separator: "\n")[0].contains("R0002 Giuseppe Ferrari"))

        for s in [maria, luca] {
            try s.session.sendKeys("Enter", "C-x", "1", "Enter")  // consenso reached, then ended as refused
        }
        for s in [maria, luca] { try await s.waitFor("Salvata: ") }
        let records = try await maria.waitForRecords(2)
        let byRespondent = Dictionary(uniqueKeysWithValues: records.compactMap { r in r.string("respondent").map { ($0, r) } })
        #expect(byRespondent["R0001"]?.string("interviewer") == "maria")
        #expect(byRespondent["R0002"]?.string("interviewer") == "luca")
        #expect(records.allSatisfy { $0.string("status") == "refused" })
        // Each now offers R0003: R0001 and R0002 have records.
        for s in [maria, luca] {
            try await s.waitFor("   R0003   Anna Bianchi")
            try s.session.sendKeys("q")
            let status = try await s.waitForExit()
            #expect(status == 0, "exit status \(status.map(String.init) ?? "none after 10 s"):\n\((try? s.session.screen()) ?? "")")
        }
    }
}

import CatiTestSupport
import Foundation
import Testing

/// End to end: cc_parma.cati has an English translation (cc_parma.en.cati); the
/// interviewer picks English on the next-interview screen (`l`), the interview is read
/// in English, the journal keeps the language through a kill, and the record says "en".
@Suite(.serialized)
struct InterviewEnglishScreenTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")

    @Test func anInterviewInEnglishChosenOnTheNextInterviewScreen() async throws {
        let folder = try ScratchFolder()
        let s = try InterviewScreen(Self.file, data: folder.path("data"), arguments: ["--sample", Self.sample])
        var screen = try await s.waitFor("Chiamare:")
        #expect(screen.contains("Lingua dell'intervista: it"), "\(screen)")
        try s.session.sendKeys("l")
        screen = try await s.waitFor("Lingua dell'intervista: en")
        try s.session.sendKeys("Enter")
        screen = try await s.waitForQuestion("intro")
        #expect(screen.contains(" Good morning, I am maria and I am calling on behalf of the City of Parma,"), "\(screen)")
        #expect(screen.contains("   » READ THE WHOLE PRIVACY NOTICE"))
        #expect(screen.contains("Invio per continuare"), "the program's own messages stay in the interviewer's language")
        try s.answer("")
        screen = try await s.waitForQuestion("consenso")
        #expect(screen.contains(" May we go on with the interview?"))
        #expect(screen.contains("  1  Yes\n  2  No"))
        try s.answer("1")
        screen = try await s.waitForQuestion("eta")
        #expect(screen.contains(" May I ask which age group you are in?\n   » READ OUT THE GROUPS"))
        #expect(screen.contains("  5  75 years or more"))
        try s.answer("2")
        screen = try await s.waitForQuestion("canali")
        #expect(screen.contains("[ ] 4  Text message (SMS)"))
        try s.session.sendKeys("F2")
        _ = try await s.waitForQuestion("eta")
        try s.session.sendKeys("F2")
        screen = try await s.waitForQuestion("consenso")
        #expect(screen.contains(" May we go on with the interview?"), "back in English")
        try s.session.sendKeys("BSpace")  // the earlier answer is kept in the field
        try s.answer("2")
        screen = try await s.waitFor("Thank you anyway for your time. Goodbye.")
        try s.session.sendKeys("Enter")
        let records = try await s.waitForRecords(1)
        #expect(records.first?["language"] as? String == "en")
        #expect(records.first?["status"] as? String == "screened-out")
        #expect((records.first?["answers"] as? [String: Any])?["consenso"] as? Int == 2)
        _ = try await s.waitFor("Chiamare:")
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
    }
}

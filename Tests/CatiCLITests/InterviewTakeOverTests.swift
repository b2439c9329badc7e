import CatiTestSupport
import Foundation
import Testing

/// A takeover whose old process does not let go when asked (issue 22): here it ignores
/// SIGHUP (started under `trap '' HUP`, as `nohup` would), standing for one blocked
/// writing to a terminal nobody reads. After 2 s it is killed; nothing is lost.
@Suite(.serialized)
struct InterviewTakeOverTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")

    @Test func anOldProcessThatDoesNotLetGoIsKilledAndTheInterviewContinues() async throws {
        let folder = try ScratchFolder("takeover")
        let data = folder.path("data")
        let cati = try CatiExecutable.path()
        let command = [cati, "interview", Self.file, "--data", data, "--sample", Self.sample, "--interviewer", "maria"]
        let first = try InterviewScreen(script: "trap '' HUP; " + TmuxSession.quote(command), data: data)
        let asked = try await InterviewResumeTests.answerUpToTheGrid(first)
        let old = try await first.catiPID()
        let id = try #require(first.journals.first.map { String($0.dropLast(".jsonl".count)) })

        let second = try InterviewScreen(Self.file, data: data, arguments: ["--sample", Self.sample, "--resume", "R0001"],
                                         width: 200)
        let screen = try await second.waitForMessage("Ripresa in ")
        let message = InterviewScreen.lines(screen, height: 24).message
        #expect(message.contains(", pid \(old) (dalle "), "\(message)")
        #expect(message.contains("non rispondeva ed è stato fermato"), "it ignored SIGHUP: killed: \(message)")
        #expect(try await first.waitForExit() == 137, "the old process died of SIGKILL")
        try await InterviewResumeTests.checkResumed(second, asked: asked, id: id)
    }
}

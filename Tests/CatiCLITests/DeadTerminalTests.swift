import CatiTestSupport
import Foundation
import Testing

/// A terminal that nobody reads any more (a frozen connection whose buffers filled up):
/// the interviewer program does not hang on its write for ever; the watchdog ends it
/// after CATI_TERMINAL_WRITE_LIMIT seconds, and the interview is resumable with its
/// answer (issue 22).
@Suite(.enabled(if: ChildProcess.available("python3"), "needs python3 (its pty module)"))
struct DeadTerminalTests {
    static let script = InterviewFiles.root + "/Tests/Fixtures/terminal/blocked_terminal.py"

    @Test func aTerminalWriteBlockedLongerThanTheLimitEndsTheProcessAndLosesNothing() async throws {
        let folder = try ScratchFolder("dead-terminal")
        let data = folder.path("data")
        let file = InterviewFiles.questionnaire("cc_parma.cati")
        let run = try await ChildProcess.run(["python3", Self.script, try CatiExecutable.path(), file, data],
                                             directory: folder.path, timeout: .seconds(90))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let words = run.stdout.split(separator: " ")
        #expect(run.stdout.hasPrefix("exited after "), "cati left instead of hanging: \(run.stdout)")
        let seconds = words.count > 2 ? Double(words[2]) ?? 99 : 99
        #expect(seconds < 10, "within the 2 s limit and the watchdog's half-second look: \(run.stdout)")
        #expect(run.stdout.contains("status 129"), "\(run.stdout)")

        let resumed = try InterviewScreen(file, data: data, arguments: [])
        let list = try await resumed.waitFor("Interviste da riprendere")
        let row = list.split(separator: "\n").first { $0.hasPrefix("  1 ") }
        #expect(row?.contains("interrotta") == true && row?.contains("1 risposta") == true,
                "the blank interview is resumable with its answer: \(list)")
        try resumed.session.sendKeys("1", "Enter")
        try await resumed.waitForQuestion("tipo")
        try resumed.session.sendKeys("F2")
        let screen = try await resumed.waitForQuestion("consenso")
        #expect(resumed.field(of: screen) == " Risposta: 1", "the answer given before is kept")
    }
}

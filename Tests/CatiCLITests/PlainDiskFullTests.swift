import CatiTestSupport
import Foundation
import Testing

/// The line mode when the disk is full (CATI_FAULTS): an answer or a save that cannot
/// be made durable is said in one line, the prompt comes again, and the same line
/// typed once there is room is taken exactly once, as on the screen.
@Suite(.serialized, .enabled(if: ChildProcess.available("python3"), "needs python3 with pexpect (.ci/setup)"))
struct PlainDiskFullTests {
    @Test func anAnswerAndASaveThatCannotBeMadeDurableAreSaidAndTakenOnceThereIsRoom() async throws {
        let folder = try ScratchFolder("plain-diskfull")
        let flag = folder.path("disk-is-full")
        let data = folder.path("data")
        let notSaved = #"\r\nNON SALVATO: [^\r]+\r\n"#
        var steps: [PlainStep] = [.expect(PlainStep.nextPrompt), .send("")]
        steps += PlainStep.ask("consent", "1")
        steps += [.expect(#"D2/\d+ age: "#), .expect(PlainStep.answerPrompt), .touch(flag), .send("42"),
                  .expect(notSaved), .expect(#"Risposta \(18–99, \? per l'aiuto\): "#), .send("42"),
                  .expect(notSaved), .expect(PlainStep.answerPrompt), .remove(flag), .send("42")]
        steps += PlainStep.ask("town", "Parma")
        steps += [.expect(#"Intervista completa\.\r\n"#), .expect(#"Invio salva[^:]*: "#), .touch(flag), .send(""),
                  .expect(notSaved), .expect(#"Invio salva[^:]*: "#), .remove(flag), .send(""),
                  .capture("id", #"Salvata: (\w+) \(complete\)"#), .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let run = try await PlainDriver.run([try DiskFullTests.tinyFile(in: folder, italian: true), "--data", data,
                                             "--interviewer", "maria"], steps: steps, folder: folder, name: "diskfull",
                                            environment: ["CATI_FAULTS": "fsync:ENOSPC", "CATI_FAULTS_WHILE": flag])
        #expect(run.status == 0)
        #expect(!run.transcript.contains(0x1B))
        #expect(run.text.contains("NON SALVATO: ") && run.text.lowercased().contains("disco"), "says why: \(run.text)")
        let records = try PlainInterviewTests.records(data)
        #expect(records.count == 1, "saved once")
        #expect(records.first?["id"] as? String == run.captured["id"])
        #expect(json(records.first?["answers"]) == #"{"age":42,"consent":1,"town":"Parma"}"#)
    }
}

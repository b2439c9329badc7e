import CatiTestSupport
import Foundation
import Testing

/// The line mode (`cati interview --plain --store postgres://…`) when the server goes
/// down under an interview: the answer typed is said not saved in one line, the prompt
/// comes again, and the same line typed once the server is back is committed once.
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled && ChildProcess.available("python3"),
                             "CATI_TEST_PG=0, or no python3 with pexpect (.ci/setup)"))
struct PlainPostgresLostTests {
    @Test func anAnswerTypedWhileTheServerIsDownIsSaidInOneLineAndCommittedOnceWhenItIsBack() async throws {
        var pg = try PostgresLostConnectionScreenTests.OwnCluster("plainlost")
        defer { PostgresTestServer.stop(pg.cluster) }
        let url = try pg.database("cati_plainlost_\(UInt32.random(in: 0...UInt32.max))")
        let folder = try ScratchFolder("plain-pglost")
        let notSaved = #"\r\nNON SALVATO: database non raggiungibile, riprovare: [^\r]+\r\n"#
        var steps: [PlainStep] = [.expect(PlainStep.nextPrompt), .send("")]
        steps += PlainStep.info("intro")
        steps += PlainStep.ask("consenso", "1") + PlainStep.ask("tipo", "1") + PlainStep.ask("eta", "2")
            + PlainStep.ask("motivo", "1") + PlainStep.ask("canali", "1,2")
        steps += [.expect(#"D\d+/\d+ chiamate: "#), .expect(PlainStep.answerPrompt), .shell(pg.stopCommand),
                  .send("5"), .expect(notSaved), .expect(PlainStep.answerPrompt),
                  .send("5"), .expect(notSaved), .expect(PlainStep.answerPrompt),
                  .shell(try pg.startCommand), .send("5"),
                  .expect(#"D\d+/\d+ aspetti"#), .kill(9)]
        let run = try await PlainDriver.run([InterviewFiles.questionnaire("cc_parma.cati"), "--store", url,
                                             "--interviewer", "maria"], steps: steps, folder: folder, name: "pglost")
        #expect(run.signal == 9)
        let said = run.text.components(separatedBy: "NON SALVATO").count - 1
        #expect(said == 2, "said once per Enter while the server was down: \(run.text)")

        let id = try pg.psql("SELECT id FROM cati_in_progress")
        #expect(!id.isEmpty && !id.contains("\n"), "one interview in progress: \(id)")
        let fives = try pg.psql("SELECT count(*) FROM cati_events WHERE interview = '\(id)' AND action "
                                + "AND event LIKE '%\"answer\":\"5\"%'")
        #expect(fives == "1", "the answer typed three times is committed once")
        let actions = try pg.psql("SELECT count(*) FROM cati_events WHERE interview = '\(id)' AND action")
        #expect(actions == "7", "intro, consenso, tipo, eta, motivo, canali, chiamate: \(actions)")
    }
}

import CatiTestSupport
import Foundation
import Testing

/// The line mode on loops (issue 16 f): each round's questions are ordinary steps,
/// named NAME_CODE, with {LOOP} filled by the round's label. Runs where
/// questionnaires/servizi_parma.cati is (the loops branch, merged).
@Suite(.serialized, .enabled(if: ChildProcess.available("python3")
    && FileManager.default.fileExists(atPath: InterviewFiles.questionnaire("servizi_parma.cati")),
    "needs python3 with pexpect and questionnaires/servizi_parma.cati (loops)"))
struct PlainLoopTests {
    @Test func roundsOfALoopOverAMultiAndOverANumberAreTypedAsLines() async throws {
        let folder = try ScratchFolder("plain-loops")
        let data = folder.path("data")
        var steps: [PlainStep] = [.expect("Intervista senza campione"), .expect(PlainStep.nextPrompt), .send("")]
        steps += PlainStep.info("intro")
        steps += PlainStep.ask("servizi", "1 2")
        steps += [.expect(#"voto_servizio_1: Che voto dà al servizio Anagrafe e stato civile, da 1 a 10\?"#),
                  .expect(PlainStep.answerPrompt), .send("4")]
        steps += [.expect(#"canale_1: Come ha contattato il servizio Anagrafe e stato civile\?\r\n  1\. Per telefono"#),
                  .expect(PlainStep.answerPrompt), .send("2")]
        steps += [.expect(#"perche_servizio_1: Per quale motivo dà 4 al servizio Anagrafe e stato civile\?"#),
                  .expect(PlainStep.answerPrompt), .send("code lunghe")]
        steps += [.expect(#"voto_servizio_2: Che voto dà al servizio Tributi, da 1 a 10\?"#),
                  .expect(PlainStep.answerPrompt), .send("10")]
        steps += PlainStep.ask("canale_2", "3")
        steps += [.expect(#"Attenzione: Voto 10 al servizio Tributi usato sul web: confermare\r\n"#),
                  .expect(#"Invio conferma[^:]*: "#), .send("/b")]
        steps += [.expect(#"canale_2: [^\r]*\r\n(?:  [^\r]*\r\n)*Risposta data: 3 \(Invio la conferma\)\r\n"#),
                  .expect(PlainStep.answerPrompt), .send("1")]
        steps += PlainStep.ask("chiamate", "2")
        steps += [.expect(#"risolto_1: La chiamata numero 1 ha risolto il problema\?"#), .expect(PlainStep.answerPrompt), .send("1")]
        steps += [.expect(#"risolto_2: La chiamata numero 2 ha risolto il problema\?"#), .expect(PlainStep.answerPrompt), .send("2")]
        steps += PlainStep.ask("voto", "7")
        steps += [.expect(#"Intervista completa\.\r\n"#), .expect(#"Invio salva[^:]*: "#), .send(""),
                  .capture("id", #"Salvata: (\w+) \(complete\)"#), .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let run = try await PlainDriver.run([InterviewFiles.questionnaire("servizi_parma.cati"), "--data", data,
                                             "--interviewer", "maria"], steps: steps, folder: folder, name: "loops")
        #expect(run.status == 0)
        #expect(!run.transcript.contains(0x1B))
        #expect(TranscriptCharacters.offending(run.transcript).isEmpty, "\(TranscriptCharacters.offending(run.transcript))")
        let record = try #require(try PlainInterviewTests.records(data).first)
        #expect(record["id"] as? String == run.captured["id"])
        let answers = try #require(record["answers"] as? [String: Any])
        let expected: [String: String] = [
            "servizi": "[1,2]", "voto_servizio_1": "4", "canale_1": "2", "perche_servizio_1": #""code lunghe""#,
            "voto_servizio_2": "10", "canale_2": "1", "chiamate": "2", "risolto_1": "1", "risolto_2": "2", "voto": "7",
        ]
        for (name, value) in expected { #expect(json(answers[name]) == value, "answers.\(name)") }
        #expect(answers["perche_servizio_2"] == nil && answers["voto_servizio_3"] == nil, "only the rounds asked")
    }
}

import CatiTestSupport
import Foundation
import Testing

/// End to end in the line mode: a wrong answer, back, dk, a note, suspend, `kill -9`
/// and resume; TERM=dumb; every kind of question; call outcomes, appointments,
/// languages and the end of an interview (pexpect in a real pty).
@Suite(.serialized, .enabled(if: ChildProcess.available("python3"), "needs python3 with pexpect (.ci/setup)"))
struct PlainInterviewFlowTests {
    static let file = PlainInterviewTests.file
    static let sample = PlainInterviewTests.sample

    static func clean(_ run: PlainRun) {
        #expect(!run.transcript.contains(0x1B), "no ESC byte")
        #expect(TranscriptCharacters.offending(run.transcript).isEmpty, "\(TranscriptCharacters.offending(run.transcript))")
    }

    @Test func wrongAnswerBackDkNoteSuspendKillNineAndResumeLoseNothing() async throws {
        let folder = try ScratchFolder("plain-flow")
        let data = folder.path("data")
        let arguments = [Self.file, "--data", data, "--interviewer", "maria", "--sample", Self.sample]
        var steps: [PlainStep] = [.expect("Chiamare: R0001"), .expect(PlainStep.nextPrompt), .send("")]
        steps += PlainStep.info("intro")
        steps += PlainStep.ask("consenso", "7")
        // One line naming what is valid, then the prompt again (not the question).
        steps += [.expect(#"\r\nErrore: Codice '7' sconosciuto: i codici sono 1, 2\r\nRisposta \(1–2, \? per l'aiuto\): "#),
                  .send("1")]
        steps += PlainStep.ask("eta", "/d")
        steps += [.expect(#"\r\nErrore: Non ammesso: non sa\r\nRisposta \([^)]*\): "#), .send("2")]
        steps += PlainStep.ask("canali", "1")
        steps += PlainStep.ask("chiamate", "/d")
        steps += [.expect(#"D6/\d+ aspetti: "#), .expect(PlainStep.answerPrompt), .send("/b")]
        // Back: chiamate again (dk has no typed form: nothing to keep).
        steps += PlainStep.ask("chiamate", "/n ricorda male")
        steps += [.expect(#"Nota salvata\r\nRisposta \([^)]*\): "#), .send("3")]
        steps += [.expect(#"D6/\d+ aspetti: "#), .grid(PlainInterviewTests.grid, count: 7)]
        steps += PlainStep.ask("voto", "/s richiamare dopo le 18")
        steps += [.capture("id", #"Sospesa: (\w+)\r\n"#), .expect(#"Interviste da riprendere: 1 \(r le elenca\)"#),
                  .expect(PlainStep.nextPrompt), .send("r"),
                  .expect(#"  1\. R0001 Maria Rossi, sospesa [-0-9: ]+, 13 risposte, \w+\r\n"#),
                  .expect(PlainStep.nextPrompt), .send("1")]
        steps += PlainStep.ask("voto", "8")
        steps += PlainStep.ask("risolto", "1")
        // consiglia is asked: risolto is in the journal. The process dies here.
        steps += [.expect(#"D\d+/\d+ consiglia: "#), .expect(PlainStep.answerPrompt), .kill(9)]
        let first = try await PlainDriver.run(arguments, steps: steps, folder: folder, name: "first")
        #expect(first.signal == 9)
        Self.clean(first)
        #expect(try PlainInterviewTests.records(data).isEmpty)

        var again: [PlainStep] = PlainStep.ask("consiglia", "/d")
        again += PlainStep.ask("suggerimenti", "")
        again += PlainStep.ask("sesso", "1")
        again += PlainStep.ask("studio", "/r")
        again += PlainStep.ask("residenza", "1")
        again += PlainStep.info("fine")
        again += [.expect("Intervista completa."), .expect(": "), .send(""), .capture("id", #"Salvata: (\w+) \(complete\)"#),
                  .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let second = try await PlainDriver.run(arguments + ["--resume", "R0001"], steps: again, folder: folder, name: "second")
        #expect(second.status == 0)
        Self.clean(second)
        #expect(second.captured["id"] == first.captured["id"], "the same interview, resumed")

        let record = try #require(try PlainInterviewTests.records(data).first)
        #expect(record["status"] as? String == "complete")
        let answers = try #require(record["answers"] as? [String: Any])
        let expected: [String: String] = [
            "consenso": "1", "eta": "2", "canali": "[1]", "chiamate": "3", "voto": "8", "risolto": "1",
            "consiglia": #"{"missing":"dk"}"#, "sesso": "1", "studio": #"{"missing":"refused"}"#, "residenza": "1",
            "attesa": "7", "risoluzione": "5",
        ]
        for (name, value) in expected { #expect(json(answers[name]) == value, "answers.\(name)") }
        #expect(answers["perche"] == nil && answers["suggerimenti"] == nil)
        #expect(json(record["paradata", "notes"]) == #"[{"at":"chiamate","text":"ricorda male"}]"#)
        let suspensions = try #require(record["paradata", "suspensions"] as? [[String: Any]])
        #expect(suspensions.count == 1)
        #expect(suspensions.first?["reason"] as? String == "richiamare dopo le 18")
        #expect(suspensions.first?["question"] as? String == "voto")
        #expect(suspensions.first?["resumed"] != nil)
        let journals = (try? FileManager.default.contentsOfDirectory(atPath: data + "/journal")) ?? []
        #expect(!journals.contains { $0.hasSuffix(".jsonl") }, "the journal goes once the record is saved")
    }

    @Test func theEndOfTheInputKeepsTheInterviewResumableAndExits129() async throws {
        let folder = try ScratchFolder("plain-eof")
        let data = folder.path("data")
        let arguments = [Self.file, "--data", data, "--interviewer", "maria", "--sample", Self.sample]
        var steps: [PlainStep] = [.expect(PlainStep.nextPrompt), .send("")]
        steps += PlainStep.info("intro")
        steps += PlainStep.ask("consenso", "1")
        steps += [.expect(#"D3/\d+ eta: "#), .expect(PlainStep.answerPrompt), .sendEOF, .eof]
        let run = try await PlainDriver.run(arguments, steps: steps, folder: folder, name: "eof")
        #expect(run.status == 129)
        let again: [PlainStep] = [.expect(#"Interviste da riprendere: 1 \(r le elenca\)"#), .expect(PlainStep.nextPrompt),
                                  .send("r"), .expect(#"  1\. R0001 Maria Rossi, interrotta [-0-9: ]+, 2 risposte, "#),
                                  .expect(PlainStep.nextPrompt), .send("R0001"), .expect(#"D3/\d+ eta: "#),
                                  .expect(PlainStep.answerPrompt), .send("/b"),
                                  .expect(#"consenso: [^\r]*\r\n  1\. Sì\r\n  2\. No\r\nRisposta data: 1 \(Invio la conferma\)"#),
                                  .expect(PlainStep.answerPrompt), .send("/s"), .expect("Sospendere: motivo"), .send(""),
                                  .expect("Sospesa: "), .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let second = try await PlainDriver.run(arguments, steps: again, folder: folder, name: "eof-again")
        #expect(second.status == 0)
        Self.clean(second)
    }

    @Test func anInterviewHeldOnTheScreenIsTakenOverInLinesAndGoesOnWhereItWas() async throws {
        let folder = try ScratchFolder("plain-takeover")
        let data = folder.path("data")
        let first = try InterviewScreen(Self.file, data: data, arguments: ["--sample", Self.sample])
        let asked = try await InterviewResumeTests.answerUpToTheGrid(first)
        let old = try await first.catiPID()
        let rest = InterviewResumeTests.values.filter { !asked.contains($0.key) }
        var steps: [PlainStep] = [
            .expect(#"Ripresa in [0-9.]+ s dal login [^ ]+ su [^,]+, pid \#(old) \(dalle [0-9:]+, ultimo tasto [0-9:]+\): ha lasciato\r\n"#),
            .expect(#"D8/\d+ aspetti: "#), .grid(rest, count: 5),
        ]
        steps += PlainStep.ask("voto", "/s")
        steps += [.expect("Sospendere: motivo"), .send("ripresa altrove"), .capture("id", #"Sospesa: (\w+)"#),
                  .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let second = try await PlainDriver.run([Self.file, "--data", data, "--interviewer", "maria", "--sample", Self.sample,
                                                "--resume", "R0001"], steps: steps, folder: folder, name: "takeover")
        #expect(second.status == 0)
        Self.clean(second)
        #expect(try await first.waitForExit() == 129, "the screen let go on SIGHUP")
        let journal = try String(contentsOfFile: data + "/journal/\(second.captured["id"] ?? "").jsonl", encoding: .utf8)
        for value in Set(InterviewResumeTests.values.values) {
            #expect(journal.contains(#""answer":"\#(value)""#), "answer \(value) journaled")
        }
    }

    @Test func termDumbChoosesTheLineModeWithoutTheFlag() async throws {
        let folder = try ScratchFolder("plain-dumb")
        let steps: [PlainStep] = [.expect(PlainStep.nextPrompt), .send("?"), .expect(#"Comandi \(poi Invio\):"#),
                                  .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let run = try await PlainDriver.run([Self.file, "--data", folder.path("data"), "--interviewer", "maria"],
                                            steps: steps, folder: folder, name: "dumb", plain: false,
                                            environment: ["TERM": "dumb"])
        #expect(run.status == 0)
        Self.clean(run)
        #expect(run.text.hasPrefix("cc_parma: prossima intervista, intervistatore maria\r\nIntervista senza campione\r\n"))
    }

    @Test func everyKindOfQuestionOtherFillsWarningsAndChecksInLines() async throws {
        let folder = try ScratchFolder("plain-kinds")
        try folder.write("sample.csv", "id,name,phone,region,segment\nE001,Test One,555 0101,north,\n")
        let data = folder.path("data")
        var steps: [PlainStep] = [.expect("Call: E001 Test One, phone 555 0101"), .expect(PlainStep.nextPrompt), .send("")]
        steps += PlainStep.info("hello")
        steps += PlainStep.ask("consent", "1")
        steps += PlainStep.ask("segment", "2")
        steps += PlainStep.ask("age", "150")
        steps += [.expect(#"\r\nError: Out of range: 0–120\r\n"#), .expect(PlainStep.answerPrompt), .send("/r")]
        steps += PlainStep.info("age_note")
        steps += PlainStep.ask("company", "//slash Acme")
        steps += [.expect(#"staff: About how many people work at /slash Acme\?"#), .expect(PlainStep.answerPrompt), .send("/d")]
        steps += PlainStep.ask("channels", "1 8")
        steps += [.expect(#"Q\d+/\d+ channels: Specify: Something else\r\n"#), .expect(#"Text \(\? for help\): "#),
                  .send("carrier pigeon")]
        steps += PlainStep.ask("calls", "3")
        steps += PlainStep.ask("spend", "450")
        steps += [.expect(#"Warning: An organisation spending over 400 euro a month on calls: confirm\?\r\nAnswers involved:\r\n"#),
                  .expect(#"Enter confirms, /b goes back to correct \(\? for help\): "#), .send("")]
        steps += PlainStep.ask("postcode", "12a")
        steps += [.expect(#"\r\nError: [^\r]+\r\n"#), .expect(PlainStep.answerPrompt), .send("43100")]
        steps += PlainStep.ask("nickname", "test")
        steps += [.expect(#"Warning: The nickname "test" looks like a test entry"#), .expect(#"Enter confirms[^:]*: "#),
                  .send("/b")]
        steps += [.expect(#"nickname: [^\r]*\r\nAnswer given: test \(Enter keeps it\)\r\n"#), .expect(PlainStep.answerPrompt),
                  .send("Bob")]
        steps += [.expect(#"nice: Nice to meet you, Bob\."#), .expect(#"Enter to continue[^:]*: "#), .send("")]
        steps += [.expect(#"overall: [^\r]*\r\nScale: 0 = Not at all satisfied, 10 = Completely satisfied\r\n"#),
                  .expect(PlainStep.answerPrompt), .send("9")]
        steps += [.expect(#"Q\d+/\d+ aspects: "#), .grid(["speed": "1", "courtesy": "4", "clarity": "4"], count: 3)]
        steps += [.expect(#"Warning: Very high overall mark but very low mark for speed: confirm\?"#),
                  .expect(#"Enter confirms[^:]*: "#), .send("")]
        steps += PlainStep.ask("household", "3")
        steps += PlainStep.ask("under14", "3")
        steps += [.expect(#"Error: At least one person in the household \(the respondent\) is 14 or over\.\r\nAnswers involved:\r\n"#),
                  .expect(#"Number of the answer to correct, /b the latest \(\? for help\): "#), .send("/b")]
        steps += [.expect(#"under14: [^\r]*\r\nAnswer given: 3 \(Enter keeps it\)"#), .expect(PlainStep.answerPrompt), .send("1")]
        steps += PlainStep.info("bye")
        steps += [.expect(#"Interview complete\.\r\n"#), .expect(#"Enter saves[^:]*: "#), .send(""),
                  .capture("id", #"Saved: (\w+) \(complete\)"#), .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let run = try await PlainDriver.run([InterviewFiles.questionnaire("every_kind.cati"), "--data", data,
                                             "--interviewer", "maria", "--sample", folder.path("sample.csv")],
                                            steps: steps, folder: folder, name: "kinds")
        #expect(run.status == 0)
        Self.clean(run)
        let text = run.text
        #expect(text.contains("hello: Good morning, this is maria calling for the Every Kind study.\r\n"
                              + "Our list puts you in the North region (sample cell: north). A literal brace looks like this: {."))
        #expect(text.contains("calls: You used: "), "the fill of a multi")
        let record = try #require(try PlainInterviewTests.records(data).first)
        #expect(record["id"] as? String == run.captured["id"])
        let answers = try #require(record["answers"] as? [String: Any])
        let expected: [String: String] = [
            "segment": "2", "age": #"{"missing":"refused"}"#, "company": #""/slash Acme""#, "staff": #"{"missing":"dk"}"#,
            "channels": "[1,8]", "channels_other": #""carrier pigeon""#, "calls": "3", "spend": "450",
            "postcode": #""43100""#, "nickname": #""Bob""#, "overall": "9", "speed": "1", "household": "3", "under14": "1",
        ]
        for (name, value) in expected { #expect(json(answers[name]) == value, "answers.\(name)") }
        let confirmed = try #require(record["paradata", "warnings_confirmed"] as? [String])
        #expect(confirmed.count == 2 && confirmed.contains { $0.hasPrefix("An organisation spending") }
                && confirmed.contains { $0.hasPrefix("Very high overall mark") }, "\(confirmed)")
    }

    @Test func callOutcomesAppointmentsLanguagesAndTheEndOfAnInterview() async throws {
        let folder = try ScratchFolder("plain-calls")
        let data = folder.path("data")
        try folder.write("clock", "2026-12-07T09:00:00Z")
        var steps: [PlainStep] = [.expect("Chiamare: R0001"), .expect(PlainStep.nextPrompt), .send("?"),
                                  .expect("  e        registrare l'esito"), .expect(PlainStep.nextPrompt), .send("e"),
                                  .expect(#"Esito della chiamata:\r\n  1\. "#), .expect(#"Esito \(numero, riga vuota annulla\): "#),
                                  .send("99"), .expect(#"Errore: Digitare il numero di un esito \(1–14\)\r\n"#),
                                  .expect(#"Esito \([^)]*\): "#), .send("5"),
                                  .expect(#"Quando\? \([^)]*\): "#), .send("15:30"),
                                  .expect(#"Appuntamento [^\r]* 2026, 15:30: Invio conferma, o un'altra ora: "#), .send(""),
                                  .expect(#"Nota \(facoltativa; Invio registra, /b indietro\): "#), .send("chiedere della signora"),
                                  .expect(#"R0001: appuntamento [^\r]*15:30 — registrato\r\n"#),
                                  .expect("Chiamare: R0002 Giuseppe Ferrari"), .expect(PlainStep.nextPrompt),
                                  .send("l en"), .expect(#"Lingua dell'intervista: en\r\n"#),
                                  .expect(PlainStep.nextPrompt), .send("")]
        steps += [.expect(#"intro: Good morning, I am maria"#), .expect(#": "#), .send("")]
        steps += [.expect(#"consenso: "#), .expect(PlainStep.answerPrompt), .send("/x"),
                  .expect(#"Terminare l'intervista: 1 rifiuto, 2 interruzione \(riga vuota annulla\): "#), .send("2"),
                  .expect(#"Motivo \(Invio termina, /c annulla\): "#), .send("deve uscire"),
                  .capture("id", #"Salvata: (\w+) \(break-off\)"#), .expect(PlainStep.nextPrompt), .send("q"), .eof]
        let run = try await PlainDriver.run([Self.file, "--data", data, "--interviewer", "maria", "--sample", Self.sample,
                                             "--clock", folder.path("clock")],
                                            steps: steps, folder: folder, name: "calls")
        #expect(run.status == 0)
        Self.clean(run)
        let calls = try String(contentsOfFile: data + "/calls.jsonl", encoding: .utf8).split(separator: "\n")
        let appointment = try #require(calls.first { $0.contains("\"R0001\"") })
        #expect(appointment.contains("appointment") && appointment.contains("chiedere della signora"), "\(appointment)")
        let record = try #require(try PlainInterviewTests.records(data).first)
        #expect(record["status"] as? String == "break-off")
        #expect(record["respondent"] as? String == "R0002")
        #expect(record["paradata", "end_reason"] as? String == "deve uscire")
    }
}

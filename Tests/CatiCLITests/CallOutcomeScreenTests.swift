import CatiTestSupport
import Foundation
import Testing

/// End to end in tmux: call outcomes from the next-interview screen (a no-answer with a
/// note, an appointment typed forgivingly and confirmed as a full date, a hard refusal),
/// the appointment coming back when the (injected) clock reaches it, the interview it
/// becomes recording its own attempt, and all of it in calls.jsonl and `cati outcomes`.
@Suite(.serialized)
struct CallOutcomeScreenTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")

    @Test func noAnswerAppointmentAndRefusalAreRecordedAndTheAppointmentComesBack() async throws {
        let folder = try ScratchFolder()
        let bundled = try String(contentsOfFile: InterviewFiles.questionnaire("cc_parma-sample.csv"), encoding: .utf8)
        try folder.write("sample.csv", bundled.components(separatedBy: "\r\n").prefix(4).joined(separator: "\r\n") + "\r\n")
        try folder.write("clock", "2026-11-30T10:00:00Z\n")     // Monday 10:00
        try folder.write("fieldwork.conf", "calling-hours 09:00-21:00\ncalling-days mon-sat\nutc-offset +00:00\n")
        let data = folder.path("data")
        let options = ["--sample", folder.path("sample.csv"), "--clock", folder.path("clock"),
                       "--fieldwork", folder.path("fieldwork.conf")]
        let s = try InterviewScreen(Self.file, data: data, interviewer: "maria", arguments: options)

        // 1. R0001 does not answer.
        try await s.waitFor("   R0001   Maria Rossi")
        #expect(try s.screen().contains("e esito"), "the key is shown")
        try s.session.sendKeys("e")
        var screen = try await s.waitFor("Esito della chiamata:")
        #expect(screen.contains("1  non risponde"))
        #expect(screen.contains("5  appuntamento"))
        #expect(screen.contains("7  rifiuto definitivo"))
        try s.answer("1")
        try await s.waitFor("Nota (facoltativa)")
        try s.answer("squilla a vuoto")
        screen = try await s.waitFor("R0001: non risponde — registrato")

        // 2. R0002 asks to be called tomorrow at 15:30: a past time is refused first.
        #expect(screen.contains("   R0002   Giuseppe Ferrari"), "\(screen)")
        try s.session.sendKeys("e")
        try await s.waitFor("Esito della chiamata:")
        try s.answer("5")
        try await s.waitFor("Quando?")
        try s.answer("9:00")
        screen = try await s.waitForMessage("è già passato")
        #expect(s.message(of: screen).contains("lunedì 30 novembre 2026, 9:00 è già passato"))
        try s.session.sendKeys("BSpace", "BSpace", "BSpace", "BSpace")
        try s.answer("domani 15:30")
        screen = try await s.waitFor("appuntamento: martedì 1 dicembre 2026, 15:30")
        #expect(screen.contains("Invio conferma"))
        try s.answer("")
        try await s.waitFor("Nota (facoltativa)")
        try s.answer("dopo le 15")
        screen = try await s.waitFor("R0002: appuntamento martedì 1 dicembre 2026, 15:30 — registrato")

        // 3. R0003 refuses for good.
        #expect(screen.contains("   R0003   Anna Bianchi"), "\(screen)")
        try s.session.sendKeys("e")
        try await s.waitFor("Esito della chiamata:")
        try s.answer("7")
        try await s.waitFor("Nota (facoltativa)")
        try s.answer("")
        screen = try await s.waitFor("R0003: rifiuto definitivo — registrato")
        // Nothing is due now: R0001 in two hours, R0002 tomorrow.
        screen = try await s.waitFor("nessun caso da chiamare ora; prossimo: lunedì 30 novembre 2026, 12:00")

        // 4. The clock reaches the appointment: R0002 comes back, before R0001's due retry.
        try folder.write("clock", "2026-12-01T15:31:00Z\n")
        screen = try await s.waitFor("   R0002   Giuseppe Ferrari")
        #expect(screen.contains("chiamata 2; ultima: appuntamento"), "\(screen)")
        #expect(screen.contains("dopo le 15"))

        // 5. It becomes an interview: consenso = no ends it as a hard refusal.
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("intro")
        try s.answer("")
        try await s.waitForQuestion("consenso")
        try s.answer("2")
        try await s.waitFor("La ringrazio comunque")
        try s.answer("")
        try await s.waitFor("Salvata: ")
        let records = try await s.waitForRecords(1)
        let interviewID = try #require(records.first?.string("id"))
        #expect(records.first?.string("outcome") == "refusal-hard")
        try await s.waitFor("   R0001   Maria Rossi")        // its retry is due now
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)

        // A closed case asked for by name says so, and the next case is offered instead.
        let again = try InterviewScreen(Self.file, data: data, interviewer: "luca", arguments: options + ["--respondent", "R0003"])
        screen = try await again.waitForMessage("R0003")
        #expect(again.message(of: screen).contains("il caso R0003 è chiuso (rifiuto definitivo, 2.112): non si richiama"),
                "\(screen)")
        #expect(screen.contains("   R0001   Maria Rossi"))
        try again.session.sendKeys("q")
        #expect(try await again.waitForExit() == 0)

        // calls.jsonl: four attempts, as the screen recorded them.
        let lines = try String(contentsOfFile: data + "/calls.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let login = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        #expect(lines[0].hasPrefix(#"{"case":"R0001","attempt":1,"interviewer":"maria","login":"\#(login)","at":"2026-11-30T10:00:00Z","outcome":"no-answer","aapor":"3.13","final":false,"appointment":null,"interview":null,"note":"squilla a vuoto""#), "\(lines[0])")
        #expect(lines[1].contains(#""case":"R0002","attempt":1,"#))
        #expect(lines[1].contains(#""outcome":"appointment","aapor":"2.21","final":false,"appointment":"2026-12-01T15:30:00Z","interview":null,"note":"dopo le 15""#))
        #expect(lines[2].contains(#""case":"R0003","attempt":1,"#) && lines[2].contains(#""outcome":"refusal-hard","aapor":"2.112","final":true"#))
        #expect(lines[3].contains(#""case":"R0002","attempt":2,"interviewer":"maria","login":"\#(login)","at":"2026-12-01T15:31:00Z","outcome":"refusal-hard","aapor":"2.112","final":true,"appointment":null,"interview":"\#(interviewID)""#), "\(lines[3])")

        // cati outcomes shows it all.
        let out = try await ChildProcess.run([try ChildProcess.cati(), "outcomes", Self.file, "--data", data,
                                              "--sample", folder.path("sample.csv"), "--json"], directory: folder.path)
        #expect(out.stdout.hasPrefix(#"{"cases":[{"id":"R0001","attempts":1,"aapor":"3.13","final":false,"outcome":"no-answer"},{"id":"R0002","attempts":2,"aapor":"2.112","final":true,"outcome":"refusal-hard"},{"id":"R0003","attempts":1,"aapor":"2.112","final":true,"outcome":"refusal-hard"}],"counts":{"2.112":2,"3.13":1}"#), "\(out.stdout)")
    }
}

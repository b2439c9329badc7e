import CatiTestSupport
import Foundation
import Testing

/// `cati interview --screen-reader` on questionnaires/cc_parma.cati (Italian, with an
/// English translation), key by key in tmux: the next-interview screen (language,
/// an appointment recorded), instructions said as "Istruzione:", a grid, a soft
/// warning, then `kill -9` and the interview resumed in screen-reader mode; the cursor
/// on the focus after every key (ScreenReaderRun), idling silent, no glyph written.
@Suite(.serialized)
struct ScreenReaderCcParmaTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")

    static func folder() throws -> (ScratchFolder, [String]) {
        let folder = try ScratchFolder()
        let bundled = try String(contentsOfFile: InterviewFiles.questionnaire("cc_parma-sample.csv"), encoding: .utf8)
        try folder.write("sample.csv", bundled.components(separatedBy: "\r\n").prefix(4).joined(separator: "\r\n") + "\r\n")
        try folder.write("clock", "2026-11-30T10:00:00Z\n")  // Monday 10:00
        try folder.write("fieldwork.conf", "calling-hours 09:00-21:00\ncalling-days mon-sat\nutc-offset +00:00\n")
        return (folder, ["--sample", folder.path("sample.csv"), "--clock", folder.path("clock"),
                         "--fieldwork", folder.path("fieldwork.conf")])
    }

    static func focusRow(_ shot: ScreenReaderRun.Snapshot) -> String? { shot.lines.first { $0.hasPrefix(" > ") } }

    @Test func appointmentLanguageInterviewKillAndResumeKeepTheCursorOnTheFocus() async throws {
        let (folder, options) = try Self.folder()
        let data = folder.path("data")
        let r = try ScreenReaderRun(interview: Self.file, data: data, arguments: options)
        var shot = try await r.started()
        #expect(shot.lines.contains(" cc_parma | prossima intervista | maria"))
        #expect(shot.lines.contains("   tel. 0521 234 517"))
        #expect(shot.row == "> Scelta:")
        #expect(try await r.bytesWrittenWhileIdle(seconds: 5) == 0, "the next-interview screen idles silently")

        // An appointment for R0001: outcome, time, confirmation, note.
        shot = try await r.press("e")
        #expect(shot.lines.contains { $0.contains("5  appuntamento") })
        shot = try await r.answer("5")
        #expect(shot.row == "> Quando:")
        shot = try await r.answer("domani 15:30")
        #expect(shot.row == "> Conferma:", "\(shot.lines)")
        shot = try await r.press("Enter")
        #expect(shot.row == "> Nota:")
        shot = try await r.answer("dopo le 15")
        #expect(shot.lines.contains { $0.contains("R0001: appuntamento") && $0.contains("registrato") }, "\(shot.lines)")
        #expect(shot.lines.contains("   R0002   Giuseppe Ferrari"))

        // The language: l goes to English, and the interview's texts are English.
        #expect(shot.lines.contains { $0.hasPrefix("   Lingua dell'intervista: it") })
        shot = try await r.press("l")
        #expect(shot.lines.contains { $0.hasPrefix("   Lingua dell'intervista: en") })
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" intro"))
        #expect(shot.lines[3].hasPrefix(" Good morning, I am maria"))
        #expect(shot.lines.contains(" Istruzione: READ THE WHOLE PRIVACY NOTICE"), "\(shot.lines)")
        #expect(shot.row.hasPrefix("> Invio per continuare"))
        shot = try await r.press("Enter")

        shot = try await r.press("Down")
        #expect(shot.row.hasPrefix(" > [ ] 1  Yes") && shot.x == 1)
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" eta"))
        shot = try await r.answer("2")
        #expect(shot.lines[2].hasPrefix(" canali"))
        #expect(shot.lines.contains { $0.hasPrefix(" Istruzione: ") }, "\(shot.lines)")
        shot = try await r.answer("1")
        shot = try await r.answer("5")

        // The grid, item by item, the cursor in the cell.
        #expect(shot.lines[2].hasPrefix(" aspetti"))
        for _ in 0..<7 {
            let row = try #require(Self.focusRow(shot), "\(shot.lines)")
            let item = try #require(row.dropFirst(3).split(separator: " ").first.map(String.init))
            let value = item == "attesa" ? "2" : "8"
            shot = try await r.type(value)
            #expect(shot.row.hasPrefix(" > \(item)") && shot.row.contains("= \(value)"))
            shot = try await r.press("Enter")
        }
        shot = try await r.answer("9")
        #expect(shot.row.hasPrefix(" Attenzione: Very high overall mark but waiting time") && shot.x == 1,
                "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" risolto"))
        try await r.press("Down")
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" consiglia"))

        // kill -9 in the middle; resumed in screen-reader mode.
        let pid = try await r.screen.catiPID()
        kill(pid, SIGKILL)
        #expect(try await r.screen.waitForExit() != nil)
        #expect(ScreenReaderRun.glyphs(in: r.output).isEmpty, "glyphs: \(Set(ScreenReaderRun.glyphs(in: r.output)))")

        let again = try ScreenReaderRun(interview: Self.file, data: data, arguments: options + ["--resume", "R0002"])
        shot = try await again.started()
        #expect(shot.lines[2].hasPrefix(" consiglia"), "\(shot.lines)")
        #expect(shot.lines[3].hasPrefix(" Would you recommend"), "in English still: \(shot.lines[3])")
        #expect(shot.row == "> Risposta:" && ScreenReaderRun.focusProblem(shot) == nil)
        shot = try await again.answer("1")
        shot = try await again.press("Enter")  // suggerimenti: optional
        shot = try await again.answer("2")     // sesso
        shot = try await again.answer("3")     // studio
        shot = try await again.answer("1")     // residenza
        #expect(shot.lines[2].hasPrefix(" fine"), "\(shot.lines)")
        shot = try await again.press("Enter")
        #expect(shot.row.hasPrefix("> salva: Invio"))
        shot = try await again.press("Enter")
        #expect(shot.lines.contains { $0.contains("Salvata: ") && $0.contains("(complete)") })
        try again.session.sendKeys("q")
        #expect(try await again.screen.waitForExit() == 0)
        let records = try again.screen.records()
        #expect(records.count == 1)
        let answers = records.first?["answers"] as? [String: Any]
        #expect(records.first?["status"] as? String == "complete")
        #expect("\(answers?["voto"] ?? "")" == "9" && "\(answers?["attesa"] ?? "")" == "2", "\(records)")
        #expect(ScreenReaderRun.glyphs(in: again.output).isEmpty)
        try? (r.transcript + ["-- kill -9, resumed --"] + again.transcript).joined(separator: "\n")
            .write(toFile: "/tmp/cati-sr-cc-parma.txt", atomically: true, encoding: .utf8)
    }

    /// `--bell` rings on a rejected answer; NO_COLOR leaves every colour out of screen-reader
    /// mode; Ctrl-L on the next-interview screen looks again and keeps the focus.
    @Test func theBellRingsOnARejectedAnswerAndNoColourIsHonoured() async throws {
        let (folder, options) = try Self.folder()
        let r = try ScreenReaderRun(interview: Self.file, data: folder.path("data"), arguments: options + ["--bell"],
                                    environment: ["NO_COLOR": "1"])
        var shot = try await r.started()
        shot = try await r.press("C-l")
        #expect(shot.row == "> Scelta:" && shot.lines.contains("   R0001   Maria Rossi"))
        shot = try await r.press("Enter")
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" consenso"))
        #expect(!r.output.contains(7))
        shot = try await r.answer("7")
        #expect(shot.lines[22].hasPrefix(" Errore: "), "\(shot.lines[22])")
        #expect(shot.row == "> Risposta: 7")
        _ = try await r.outputSettled()
        #expect(r.output.contains(7), "a bell (BEL) after the rejected answer")
        #expect(!ScreenReaderRun.setsColour(r.output), "NO_COLOR: no colour")
        #expect(ScreenReaderRun.glyphs(in: r.output).isEmpty)
    }
}

import CatiTestSupport
import Foundation
import Testing

/// `cati interview --screen-reader` on questionnaires/servizi_parma.cati, key by key in
/// tmux, through both loops: over a multi (a round per service chosen) and over a
/// number (a round per call). After every key the hardware cursor is on the focus
/// (ScreenReaderRun checks it); each round's question text reads its {LOOP} fill and
/// its first row says "giro k di n"; F7 says the round; F2 goes back across a round
/// boundary in both loops with the earlier round's answer in the field; a warning
/// raised inside a round takes the cursor and F2 corrects it; no glyph is ever written;
/// the record keeps every round's answers under NAME_CODE.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: InterviewFiles.questionnaire("servizi_parma.cati")),
                             "needs questionnaires/servizi_parma.cati (loops)"))
struct ScreenReaderLoopTests {
    static let file = InterviewFiles.questionnaire("servizi_parma.cati")

    /// The row of the option with the focus mark, as " > …".
    static func focusRow(_ shot: ScreenReaderRun.Snapshot) -> String? { shot.lines.first { $0.hasPrefix(" > ") } }

    @Test func bothLoopsKeyByKeyKeepTheCursorOnTheFocusAndSayTheRound() async throws {
        let folder = try ScratchFolder()
        let data = folder.path("data")
        let r = try ScreenReaderRun(interview: Self.file, data: data)
        var shot = try await r.started()
        #expect(shot.lines.contains { $0.contains("Intervista senza campione") }, "\(shot.lines)")
        #expect(shot.row.hasPrefix("> Scelta:"), "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")

        // intro, then the multi the first loop goes over: Down/Space mark codes 1 and 3.
        #expect(shot.lines[2].hasPrefix(" intro"))
        #expect(shot.row.hasPrefix("> Invio per continuare"))
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" servizi") && !shot.lines[2].contains("giro"), "\(shot.lines[2])")
        #expect(shot.row == "> Risposta:" && shot.x == 12)
        shot = try await r.press("Down")
        #expect(shot.row.hasPrefix(" > [ ] 1  Anagrafe e stato civile") && shot.x == 1, "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Space")
        #expect(shot.row.hasPrefix(" > [x] 1  Anagrafe"))
        try await r.press("Down")
        shot = try await r.press("Down")
        #expect(shot.row.hasPrefix(" > [ ] 3  Servizi scolastici") && shot.x == 1)
        shot = try await r.press("Space")
        #expect(shot.row.hasPrefix(" > [x] 3  Servizi scolastici"))
        #expect(shot.lines.contains { $0.hasPrefix("   [ ] 2  Tributi") } && shot.lines.contains { $0.hasPrefix("   [x] 1  Anagrafe") })
        shot = try await r.press("Enter")

        // Round 1 of 2 (code 1): the fill is the label of code 1.
        #expect(shot.lines[2].hasPrefix(" voto_servizio_1   giro 1 di 2"), "\(shot.lines[2])")
        #expect(shot.lines[3] == " Che voto dà al servizio Anagrafe e stato civile, da 1 a 10?", "\(shot.lines[3])")
        #expect(shot.row == "> Risposta:")
        shot = try await r.answer("8")
        #expect(shot.row == "> Risposta:", "after a digit and Enter the cursor is in the next field")
        #expect(shot.lines[2].hasPrefix(" canale_1   giro 1 di 2"), "\(shot.lines[2])")
        #expect(shot.lines[3] == " Come ha contattato il servizio Anagrafe e stato civile?")
        try await r.press("Down")
        shot = try await r.press("Down")
        #expect(shot.row.hasPrefix(" > [ ] 2  Allo sportello") && shot.x == 1, "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")

        // Round 2 of 2 is code 3's; F7 says so.
        #expect(shot.lines[2].hasPrefix(" voto_servizio_3   giro 2 di 2"), "\(shot.lines[2])")
        #expect(shot.lines[3] == " Che voto dà al servizio Servizi scolastici, da 1 a 10?", "\(shot.lines[3])")
        var captures = ["After Enter: voto_servizio_3\n" + ScreenReaderRun.marked(shot)]
        shot = try await r.press("F7")
        captures.append("After F7\n" + ScreenReaderRun.marked(shot))
        #expect(shot.y == 22 && shot.row.hasPrefix(" Nota: domanda 5 di al massimo "), "\(ScreenReaderRun.marked(shot))")
        let said = shot.lines[22] + " " + shot.lines[23]
        #expect(said.contains("giro 2 di 2 (servizio: Servizi scolastici)") && said.contains("durata "), "\(said)")
        shot = try await r.press("Escape")
        #expect(shot.row == "> Risposta:" && shot.lines[23].hasPrefix(" F2"), "the key line is back: \(shot.lines[23])")

        // F2 across the round boundary: round 1's channel, its answer in the field.
        shot = try await r.press("F2")
        #expect(shot.lines[2].hasPrefix(" canale_1   giro 1 di 2"), "\(shot.lines[2])")
        #expect(shot.lines[3] == " Come ha contattato il servizio Anagrafe e stato civile?")
        #expect(shot.row == "> Risposta: 2" && shot.x == 13, "\(ScreenReaderRun.marked(shot))")
        #expect(shot.lines.contains { $0.hasPrefix("   [x] 2  Allo sportello") })
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" voto_servizio_3   giro 2 di 2"), "Enter keeps round 1's answer and goes on")

        // A warning inside round 2: 10 and the web. The cursor is on "Attenzione:"; F2 corrects.
        shot = try await r.answer("10")
        #expect(shot.lines[2].hasPrefix(" canale_3   giro 2 di 2"))
        shot = try await r.press("Up")
        #expect(shot.row.hasPrefix(" > [ ] 3  Sul sito web") && shot.x == 1, "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")
        #expect(shot.row.hasPrefix(" Attenzione: Voto 10 al servizio Servizi scolastici usato sul web") && shot.x == 1,
                "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("F7")
        #expect((shot.lines[22] + " " + shot.lines[23]).contains("giro 2 di 2 (servizio: Servizi scolastici)"),
                "F7 on the warning: \(shot.lines[22...])")
        shot = try await r.press("Escape")
        #expect(shot.row.hasPrefix(" Attenzione: Voto 10"), "back to the warning's focus")
        shot = try await r.press("F2")
        #expect(shot.lines[2].hasPrefix(" canale_3   giro 2 di 2"), "\(shot.lines[2])")
        #expect(shot.row == "> Risposta: 3", "\(ScreenReaderRun.marked(shot))")
        try await r.press("BSpace")
        shot = try await r.answer("1")

        // The number the second loop goes over; no round said outside a loop.
        #expect(shot.lines[2].hasPrefix(" chiamate") && !shot.lines[2].contains("giro"), "\(shot.lines[2])")
        shot = try await r.answer("2")
        #expect(shot.lines[2].hasPrefix(" risolto_1   giro 1 di 2"), "\(shot.lines[2])")
        #expect(shot.lines[3] == " La chiamata numero 1 ha risolto il problema?")
        shot = try await r.answer("1")
        #expect(shot.lines[2].hasPrefix(" risolto_2   giro 2 di 2"), "\(shot.lines[2])")
        #expect(shot.lines[3] == " La chiamata numero 2 ha risolto il problema?")
        // F6 re-reads the round's text: the cursor on its first word.
        shot = try await r.press("F6", focus: false)
        #expect(shot.y == 3 && shot.x == 1 && shot.row.hasPrefix(" La chiamata numero 2"), "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Escape")
        #expect(shot.row == "> Risposta:")
        // F2 across the number loop's round boundary.
        shot = try await r.press("F2")
        #expect(shot.lines[2].hasPrefix(" risolto_1   giro 1 di 2"), "\(shot.lines[2])")
        #expect(shot.row == "> Risposta: 1" && shot.x == 13, "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" risolto_2   giro 2 di 2"))
        try await r.press("Down")
        shot = try await r.press("Down")
        #expect(shot.row.hasPrefix(" > [ ] 2  No") && shot.x == 1, "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")

        #expect(shot.lines[2].hasPrefix(" voto") && !shot.lines[2].contains("giro"), "\(shot.lines[2])")
        shot = try await r.answer("7")
        #expect(shot.lines.contains { $0.contains("Intervista completa") }, "\(shot.lines)")
        #expect(shot.row.hasPrefix("> salva: Invio"), "\(shot.row)")
        shot = try await r.press("Enter")
        #expect(shot.lines.contains { $0.contains("Salvata: ") && $0.contains("(complete)") }, "\(shot.lines)")
        #expect(shot.row.hasPrefix("> Scelta:"))
        try r.session.sendKeys("q")
        #expect(try await r.screen.waitForExit() == 0)

        let record = try #require(try r.screen.records().first)
        #expect(record["status"] as? String == "complete")
        let answers = try #require(record["answers"] as? [String: Any])
        let expected: [String: String] = [
            "servizi": "[1,3]", "voto_servizio_1": "8", "canale_1": "2", "voto_servizio_3": "10", "canale_3": "1",
            "chiamate": "2", "risolto_1": "1", "risolto_2": "2", "tutti_risolti": "true", "voto": "7",
        ]
        for (name, value) in expected { #expect(json(answers[name]) == value, "answers.\(name)") }
        #expect(answers["voto_servizio_2"] == nil && answers["canale_4"] == nil, "no round for a code not chosen")
        #expect(answers["perche_servizio_1"] == nil && answers["perche_servizio_3"] == nil, "no low mark, no why")
        #expect(answers["risolto_3"] == nil, "two calls, two rounds")

        let glyphs = ScreenReaderRun.glyphs(in: r.output)
        #expect(glyphs.isEmpty, "glyphs written: \(Set(glyphs))")
        #expect(r.output.count > 1000, "the output was captured")
        // For docs/accessibility.md: the keys with the cursor, and two screens marked.
        try? (r.transcript + captures).joined(separator: "\n").write(toFile: "/tmp/cati-sr-loops.txt", atomically: true,
                                                                     encoding: .utf8)
    }
}

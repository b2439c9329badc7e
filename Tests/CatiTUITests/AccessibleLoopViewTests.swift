import CatiCore
@testable import CatiTUI
import Testing

extension ScreenRun {
    /// The screen-reader frame as InterviewRunner draws it: with the step's loop round.
    func accessibleFrameWithRound(_ size: Size = ScreenRun.size) -> Frame {
        var synced = state
        synced.sync(with: interview.screen)
        let round = LoopRoundPosition.of(interview.screen, in: interview.questionnaire, values: interview.values)
        return AccessibleInterviewView(header: header, screen: interview.screen, state: synced, message: interview.message,
                                       labels: labels, totalQuestions: interview.questionnaire.questions.count,
                                       round: round).frame(size)
    }
}

/// Loops in screen-reader mode, pure: the round is said as "giro k di n" on the
/// question's first row and by F7, counted among the rounds this interview has (the
/// codes chosen, the number given), with the round's fill; nothing outside a loop.
struct AccessibleLoopViewTests {
    static let servizi = """
        survey sp "Servizi"
        version 1
        language it
        multi servizi "Quali servizi?"
          1 anagrafe "Anagrafe e stato civile"
          2 tributi  "Tributi"
          3 scuola   "Servizi scolastici"
          4 mobilita "Mobilità e permessi ZTL"
        loop servizio over servizi
          scale voto_servizio "Che voto dà al servizio {servizio}?" 1..10
          single canale "Come ha contattato il servizio {servizio}?"
            1 telefono "Per telefono"
            3 web "Sul sito web"
          warn voto_servizio = 10 and canale = web "Voto 10 al servizio {servizio} sul web: confermare"
        end
        number chiamate "Quante chiamate?" range 0..3
        loop chiamata over chiamate
          single risolto "La chiamata numero {chiamata} ha risolto il problema?"
            1 si "Sì"
            2 no "No"
        end
        scale voto "Voto complessivo?" 1..10
        """

    static func cursorRow(_ frame: Frame) -> String { frame.cursor.map { frame.lines[$0.row] } ?? "" }

    @Test func theRoundIsCountedAmongTheCodesChosenAndSaidOnTheFirstRow() throws {
        var run = try ScreenRun.screenReader(Self.servizi)
        var frame = run.accessibleFrameWithRound()
        #expect(frame.lines[2].hasPrefix(" servizi") && !frame.lines[2].contains("giro"), "no round outside a loop: \(frame.lines[2])")
        try run.answers("2 4")
        #expect(run.at == "voto_servizio_2")
        frame = run.accessibleFrameWithRound()
        #expect(frame.lines[2].hasPrefix(" voto_servizio_2   giro 1 di 2   (1"), "\(frame.lines[2])")
        #expect(frame.lines[3] == " Che voto dà al servizio Tributi?")
        try run.answers("7", "1")
        #expect(run.at == "voto_servizio_4")
        frame = run.accessibleFrameWithRound()
        #expect(frame.lines[2].hasPrefix(" voto_servizio_4   giro 2 di 2"), "code 4 is the second code chosen: \(frame.lines[2])")
        #expect(LoopRoundPosition.of(run.screen, in: run.interview.questionnaire, values: run.interview.values)
                == LoopRoundPosition(loop: "servizio", round: 2, rounds: 2, fill: "Mobilità e permessi ZTL"))
    }

    @Test func f7SaysTheRoundAndItsFillOnTwoRowsWithTheCursorOnTheFirst() throws {
        var run = try ScreenRun.screenReader(Self.servizi, sample: ["id": "R0001"])
        try run.answers("1 3", "8", "1")
        try run.press(.function(7))
        let frame = run.accessibleFrameWithRound()
        let cursor = try #require(frame.cursor)
        #expect(cursor.row == 22 && cursor.column == 1)
        let said = frame.lines[22] + " " + frame.lines[23].dropFirst()
        #expect(frame.lines[22].hasPrefix(" Nota: domanda 4 di al massimo "), "\(frame.lines[22])")
        #expect(said.contains("giro 2 di 2 (servizio: Servizi scolastici)"), "\(said)")
        #expect(said.contains("caso R0001") && said.contains("durata 0 minuti"), "nothing cut: \(said)")
        // The next key takes the key line back.
        try run.press(.escape)
        let after = run.accessibleFrameWithRound()
        #expect(after.lines[23].hasPrefix(" F2") && after.lines[23].contains("F7 dove"), "\(after.lines[23])")
        #expect(Self.cursorRow(after).hasPrefix("> Risposta:"))
    }

    @Test func aWarningInARoundAndALoopOverANumberSayTheirRound() throws {
        var run = try ScreenRun.screenReader(Self.servizi)
        try run.answers("1 3", "8", "1", "10")
        try run.type("3")
        #expect(run.at == "warning")
        var frame = run.accessibleFrameWithRound()
        #expect(Self.cursorRow(frame).hasPrefix(" Attenzione: Voto 10 al servizio Servizi scolastici sul web"))
        try run.press(.function(7))
        frame = run.accessibleFrameWithRound()
        #expect((frame.lines[22] + frame.lines[23]).contains("giro 2 di 2 (servizio: Servizi scolastici)"),
                "\(frame.lines[22...])")
        try run.press(.escape, .enter)
        try run.answers("2", "1")
        #expect(run.at == "risolto_2")
        frame = run.accessibleFrameWithRound()
        #expect(frame.lines[2].hasPrefix(" risolto_2   giro 2 di 2"), "\(frame.lines[2])")
        #expect(frame.lines[3] == " La chiamata numero 2 ha risolto il problema?")
        try run.answers("1")
        frame = run.accessibleFrameWithRound()
        #expect(run.at == "voto" && !frame.lines[2].contains("giro"), "after the loop no round: \(frame.lines[2])")
    }

    @Test func englishLabelsSayRound() throws {
        let english = Self.servizi.replacingOccurrences(of: "language it", with: "language en")
        var run = try ScreenRun.screenReader(english)
        try run.answers("3")
        let frame = run.accessibleFrameWithRound()
        #expect(frame.lines[2].hasPrefix(" voto_servizio_3   round 1 of 1"), "\(frame.lines[2])")
    }
}

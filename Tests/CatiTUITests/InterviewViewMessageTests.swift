import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
    // MARK: - Message line

    @Test func refusedEntryKeepsTheFieldAndTheMessageSaysWhy() throws {
        var run = try ScreenRun(Self.shop)
        try run.type("7")
        var frame = run.frame()
        #expect(frame.messageLine == " Unknown code '7': the codes are 1, 2, 3" || frame.messageLine.hasPrefix(" Unknown code '7'"),
                "\(frame.messageLine)")
        #expect(frame.rows(styled: .error).count == 1)
        #expect(frame.fieldLine == " Answer: 7")
        #expect(run.at == "colour")
        try run.press(.function(3))
        frame = run.frame()
        #expect(frame.messageLine == " Not allowed: don't know")
        try run.press(.backspace)
        try run.answers("1")
        #expect(run.frame().messageLine == "", "the message goes once an entry is accepted")
        try run.type("17")
        #expect(run.frame().messageLine == " Out of range: 18–99")
        try run.press(.backspace, .backspace)
        try run.type("abc")
        #expect(run.frame().messageLine == " Not a number")
    }

    @Test func tooLongTextIsRefused() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "30", "1")
        try run.type(String(repeating: "x", count: 41))
        #expect(run.frame().messageLine == " Too long: at most 40 characters (typed 41)")
        #expect(run.at == "why")
    }

    static let italian = """
        survey it_test "Prova"
        version 1
        language it
        single sesso "Sesso dell'intervistato: è già noto? Perché sì, però…" allow dk
          1 maschio "Maschio"
          2 femmina "Femmina"
        number eta "Quanti anni ha?" range 18..99
        multi canali "Quali canali? (POSSIBILI PIÙ RISPOSTE)" pick 1..2
          1 tel "Telefono"
          2 mail "E-mail"
          3 fax "Fax"
        """

    @Test func italianMessagesForRefusedEntries() throws {
        var run = try ScreenRun(Self.italian)
        try run.type("5")
        #expect(run.frame().messageLine.hasPrefix(" Codice '5' sconosciuto: i codici sono"), "\(run.frame().messageLine)")
        try run.press(.backspace)
        try run.answers("1")
        try run.press(.function(3))
        #expect(run.frame().messageLine == " Non ammesso: non sa")
        try run.press(.function(4))
        #expect(run.frame().messageLine == " Non ammesso: rifiuto")
        try run.type("150")
        #expect(run.frame().messageLine == " Fuori intervallo: 18–99")
        try run.press(.backspace, .backspace, .backspace)
        try run.type("")
        #expect(run.frame().messageLine == " Serve una risposta")
        try run.answers("33")
        try run.type("1 2 3")
        #expect(run.frame().messageLine == " Scegliere al massimo 2 codici")
    }

    @Test func italianLabelsWithLanguageIt() throws {
        var run = try ScreenRun(Self.italian)
        var frame = run.frame()
        #expect(frame.topLine.hasSuffix("D 1"))
        #expect(frame.fieldLine == " Risposta:")
        #expect(frame.lines[2].contains("F3 non sa"))
        #expect(frame.keyLine.contains("F2") && frame.keyLine.contains("indietro"))
        #expect(frame.keyLine.contains("F10") && frame.keyLine.contains("termina"))
        #expect(frame.keyLine.contains("sospendi"))
        try run.answers("2", "40")
        frame = run.frame()
        #expect(frame.messageLine.contains("Spazio segna la riga evidenziata"))
        try run.answers("1")
        frame = run.frame()
        #expect(frame.text.contains("Intervista completa. Premere Invio per salvare"))
        #expect(frame.fieldLine == " salva: Invio", "Invio, the Italian name of the key, as on the other screens")
    }

    @Test func accentsAreKeptInTextLabelsAndTheField() throws {
        var run = try ScreenRun(Self.italian)
        #expect(run.text.contains(" Sesso dell'intervistato: è già noto? Perché sì, però…"))
        try run.answers("1", "40")
        #expect(run.text.contains("(POSSIBILI PIÙ RISPOSTE)"))
        let source = """
            survey acc "Accenti"
            version 1
            language it
            text perche "Perché?" max 30
            single citta "Città?"
              1 a "Forlì"
              2 b "Cantù"
              3 c "Città di Castello"
            """
        var accents = try ScreenRun(source)
        try accents.type("àèìòù perché così", enter: false)
        let frame = accents.frame()
        #expect(frame.fieldLine == " Risposta: àèìòù perché così")
        #expect(frame.cursor?.column == 28, "the cursor counts characters, not bytes")
        try accents.press(.enter)
        #expect(accents.interview.values["perche"] == .text("àèìòù perché così"))
        #expect(accents.frame().lines.contains("  1  Forlì"))
        #expect(accents.frame().lines.contains("  2  Cantù"))
    }
}

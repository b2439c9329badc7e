import CatiCore
import CatiTestSupport
@testable import CatiTUI
import Testing

/// The line mode's pure parts: how a step reads as lines, and what a typed line does,
/// on a real `Interview` (no terminal, no store), as `PlainInterviewRunner` drives it.
struct PlainLineModeTests {
    static let source = """
        survey plain "Line mode"
        version 1
        language it

        info hello "Buongiorno, sono {interviewer}.\\n"
          "Seconda riga." instruction "LEGGERE"
        single consenso "Possiamo procedere?"
          1 si "Sì"
          2 no "No"
        multi canali "Quali canali?" instruction "LEGGERE" allow dk
          1 tel "Telefono"
          2 mail "E-mail" instruction "ANCHE PEC"
          9 altro "Altro" other
        grid aspetti "Un voto da 1 a 10" scale 1..10 allow dk
          attesa "Attesa"
          cortesia "Cortesia" instruction "DEGLI OPERATORI"
        scale voto "Voto finale?" 1..10 allow refused
          1 "Pessimo"
          10 "Ottimo"
        warn voto >= 9 and attesa <= 2 "Voto alto ma attesa pessima: confermare?"
        number figli "Quanti figli?" range 0..10
        number persone "Quante persone in casa?" range 1..15
        check figli < persone "Almeno una persona adulta in casa."
        """

    struct LineRun {
        var interview: Interview
        var state: PlainInterviewState
        var clock = 1_800_000_000.0
        let text: PlainScreenText
        var printed: [String] = []
        var suspended: String?

        init() throws {
            let q = try QuestionnaireText.check(PlainLineModeTests.source)
            interview = try Interview(questionnaire: q, id: "01PLAIN", sample: nil, interviewer: "maria",
                                      startedAt: clock, gate: OpenQuotaGate())
            let words = PlainWords(q.language)
            state = PlainInterviewState(words: words)
            text = PlainScreenText(words: words, total: PlainScreenText.steps(in: q))
        }

        var screen: Screen { interview.screen }

        /// Types a line as the runner hands it over.
        mutating func type(_ line: String) throws {
            clock += 1
            let (command, reply) = state.handle(line, screen: screen)
            printed += reply
            switch command {
            case .perform(let action):
                if case .rejected(let why) = try interview.perform(action, at: clock) { printed.append("Errore: \(why)") }
            case .suspend(let reason): suspended = reason
            default: break
            }
        }
    }

    @Test func aQuestionReadsAsNumberedLinesWithItsInstructionAndAPromptNamingWhatIsValid() throws {
        var run = try LineRun()
        #expect(run.text.total == 8, "the info, 5 questions and the grid counted by its 2 items")
        #expect(run.text.presentation(run.screen) == [
            "D1/8 hello: Buongiorno, sono maria.", "Seconda riga.", "Istruzione: LEGGERE",
        ])
        #expect(run.text.prompt(run.screen) == "Invio per continuare (? per l'aiuto): ")
        try run.type("")
        #expect(run.text.presentation(run.screen) == ["D2/8 consenso: Possiamo procedere?", "  1. Sì", "  2. No"])
        #expect(run.text.prompt(run.screen) == "Risposta (1–2, ? per l'aiuto): ")
        try run.type("1")
        #expect(run.text.presentation(run.screen) == [
            "D3/8 canali: Quali canali?", "Istruzione: LEGGERE", "  1. Telefono",
            "  2. E-mail - Istruzione: ANCHE PEC", "  9. Altro (specificare)",
        ])
    }

    @Test func aWrongAnswerGetsOneLineNamingWhatIsValidAndTheQuestionIsNotPrintedAgain() throws {
        var run = try LineRun()
        try run.type("")
        try run.type("7")
        #expect(run.printed == ["Errore: Codice '7' sconosciuto: i codici sono 1, 2"])
        guard case .question(let p) = run.screen else { Issue.record("not a question"); return }
        #expect(p.name == "consenso")
        try run.type("/d")
        #expect(run.printed.last == "Errore: Non ammesso: non sa")
    }

    @Test func commandsStartWithASlashAndDoubleSlashTypesOne() throws {
        var run = try LineRun()
        let words = PlainWords(.it)
        var state = PlainInterviewState(words: words)
        let screen = run.screen
        #expect(state.handle("/b", screen: screen).0 == .perform(.back))
        #expect(state.handle(" /d ", screen: screen).0 == .perform(.dontKnow))
        #expect(state.handle("/r", screen: screen).0 == .perform(.refused))
        #expect(state.handle("/n chiamata disturbata", screen: screen).0 == .perform(.note("chiamata disturbata")))
        #expect(state.handle("/s richiamare alle 18", screen: screen).0 == .suspend(reason: "richiamare alle 18"))
        #expect(state.handle("/q", screen: screen).0 == .repeatStep)
        #expect(state.handle("/w", screen: screen).0 == .whereAmI)
        #expect(state.handle("//etc", screen: screen).0 == .perform(.answer("/etc")))
        let (none, said) = state.handle("/zz", screen: screen)
        #expect(none == .none && said == ["Comando sconosciuto /zz: ? elenca i comandi"])
        let help = state.handle("?", screen: screen).1
        #expect(help.first == "Digitare la risposta e Invio. Comandi:")
        #expect(help.contains { $0.hasPrefix("  /b") } && !help.contains { $0.hasPrefix("  /d") },
                "an info step takes no dk: /d is not listed")
        try run.type("")
        try run.type("1")
        #expect(PlainInterviewState(words: words).help(run.screen).contains { $0.hasPrefix("  /d ") }, "canali allows dk")
    }

    @Test func aNoteASuspensionAndTheEndAskTheirTextOnTheNextLine() throws {
        let words = PlainWords(.it)
        let run = try LineRun()
        var state = PlainInterviewState(words: words)
        #expect(state.handle("/n", screen: run.screen).0 == .none)
        #expect(state.modePrompt == "Nota (riga vuota annulla): ")
        #expect(state.handle("il rispondente esita", screen: run.screen).0 == .perform(.note("il rispondente esita")))
        #expect(state.modePrompt == nil)
        _ = state.handle("/s", screen: run.screen)
        #expect(state.handle("", screen: run.screen).0 == .suspend(reason: ""), "an empty reason suspends")
        _ = state.handle("/s", screen: run.screen)
        #expect(state.handle("/c", screen: run.screen) == (.none, ["Annullato"]))
        _ = state.handle("/x", screen: run.screen)
        #expect(state.modePrompt == "Terminare l'intervista: 1 rifiuto, 2 interruzione (riga vuota annulla): ")
        #expect(state.handle("3", screen: run.screen).1 == [words.endChoiceInvalid])
        _ = state.handle("2", screen: run.screen)
        #expect(state.handle("richiama lui", screen: run.screen).0 == .perform(.end(.breakOff, reason: "richiama lui")))
    }

    @Test func otherGridsWarningsChecksAndAnEmptyLineKeepingTheEarlierAnswer() throws {
        var run = try LineRun()
        for line in ["", "1", "1 9"] { try run.type(line) }
        #expect(run.text.presentation(run.screen) == ["D3/8 canali: Specificare: Altro"])
        #expect(run.text.prompt(run.screen) == "Testo (? per l'aiuto): ")
        try run.type("piccione viaggiatore")
        // A grid: its text once, then each item on its own line.
        let first = run.text.presentation(run.screen)
        #expect(first.first == "D4/8 aspetti: Un voto da 1 a 10")
        #expect(first.contains("Scala: 1 = Pessimo, 10 = Ottimo") == false)
        #expect(first.last?.hasPrefix("  voce 1 di 2, ") == true)
        let before = run.screen
        try run.type("2")
        let next = run.text.presentation(run.screen, after: before)
        #expect(next.count == 1 && next[0].hasPrefix("  voce 2 di 2, "), "\(next)")
        try run.type("5")
        #expect(run.text.presentation(run.screen).contains("Scala: 1 = Pessimo, 10 = Ottimo"))
        try run.type("10")
        // A soft warning: said with the answers involved; an empty line confirms.
        let warning = run.text.presentation(run.screen)
        #expect(warning.first == "Attenzione: Voto alto ma attesa pessima: confermare?")
        #expect(warning.contains("Risposte coinvolte:"))
        #expect(run.text.prompt(run.screen) == "Invio conferma, /b torna indietro a correggere (? per l'aiuto): ")
        try run.type("")
        try run.type("3")
        try run.type("3")
        // A hard check: the number of an involved answer goes back to it.
        let check = run.text.presentation(run.screen)
        #expect(check.first == "Errore: Almeno una persona adulta in casa.")
        let index = try #require(check.firstIndex { $0.contains(". persone = 3") })
        try run.type("\(index - 1)")  // the line after "Risposte coinvolte:" is number 1
        #expect(run.text.presentation(run.screen).first?.hasSuffix(" persone: Quante persone in casa?") == true)
        #expect(run.text.presentation(run.screen).last == "Risposta data: 3 (Invio la conferma)")
        try run.type("")
        #expect(run.text.presentation(run.screen).first?.hasPrefix("Errore: ") == true, "an empty line kept 3: still failing")
        try run.type("/b")
        try run.type("5")
        #expect(run.screen.isEnding)
        #expect(run.text.presentation(run.screen) == ["Intervista completa."])
    }

    @Test func nothingControlReachesTheTerminalAndTermDumbChoosesTheLineMode() {
        #expect(PlainOutput.clean("a\u{1B}[2Jb\tc\n\u{9B}d\u{7F}") == "a[2Jb\tc\nd")
        #expect(PlainOutput.clean("Sì, àèìòù – “ok”") == "Sì, àèìòù – “ok”")
        #expect(LineMode.chosen(false, environment: ["TERM": "dumb"]))
        #expect(LineMode.chosen(true, environment: ["TERM": "xterm-256color"]))
        #expect(!LineMode.chosen(false, environment: ["TERM": "xterm-256color"]))
        #expect(PlainScreenText.codes([]) == "")
    }
}

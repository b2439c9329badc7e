import CatiCore
import CatiTUI
import Testing

/// The interviewer screen as a frame of text: what an interviewer reads at 80×24 for
/// each kind of step, with real interviews built from small questionnaires.
@Suite struct InterviewViewTests {
    static let shop = """
        survey shop "Shop survey"
        version 1

        single colour "Good morning, this is {interviewer}. Which of these colours do you like best for the new shop front of the town centre branch?"
          1 red   "Red"
          2 green "Green"
          3 blue  "Blue"
        number age "How old are you?" range 18..99 allow dk, refused
        multi fruit "You are {age}. Which fruit do you eat?" pick 1..3
          1 apple "Apple"
          2 pear  "Pear"
          3 plum  "Plum"
          9 none  "None of these" exclusive
        text why "Why?" max 40 optional
        """

    // MARK: - Top line, question, options

    @Test func topLineShowsSurveyRespondentInterviewerElapsedAndPosition() throws {
        var run = try ScreenRun(Self.shop, sample: ["id": "R0042", "name": "Anna Verdi", "phone": "0521 111 222"])
        run.clock += 125
        let top = run.frame().topLine
        #expect(top.contains("shop"))
        #expect(top.contains("R0042 Anna Verdi"))
        #expect(top.contains("0521 111 222"))
        #expect(top.contains("maria"))
        #expect(top.contains("02:05"), "elapsed mm:ss: \(top)")
        #expect(top.hasSuffix("Q 1"), "position: \(top)")
        try run.answers("2")
        #expect(run.frame().topLine.hasSuffix("Q 2"))
        try run.answers("40")
        #expect(run.frame().topLine.hasSuffix("Q 3"))
    }

    @Test func topLineWithoutSampleShowsADash() throws {
        let run = try ScreenRun(Self.shop)
        #expect(run.frame().topLine.contains("shop │ — │ maria │ 00:00 │ Q 1"), "\(run.frame().topLine)")
    }

    @Test func questionNameAndTextWrappedWithFillsApplied() throws {
        let frame = try ScreenRun(Self.shop, interviewer: "giulia").frame()
        let lines = frame.lines
        #expect(lines[1] == "")
        #expect(lines[2].hasPrefix(" colour"))
        let textLines = lines[3...4]
        #expect(textLines.allSatisfy { $0.count <= 80 && $0.hasPrefix(" ") })
        let joined = textLines.map { Frame.trimmed($0) }.joined(separator: " ")
        #expect(joined == "Good morning, this is giulia. Which of these colours do you like best for the new shop front of the town centre branch?")
        #expect(!frame.text.contains("{interviewer}"))
    }

    @Test func fillOfAnEarlierAnswer() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "37")
        #expect(run.text.contains(" You are 37. Which fruit do you eat?"))
    }

    @Test func optionsShowTheirCodesInOrder() throws {
        let frame = try ScreenRun(Self.shop).frame()
        let first = try #require(frame.row(containing: "1  Red"))
        #expect(frame.lines[first...(first + 2)] == ["  1  Red", "  2  Green", "  3  Blue"])
        #expect(frame.lines[first - 1] == "", "a blank line between the text and the options")
    }

    static let rotated = """
        survey rot "Rotation"
        version 1
        single media "Where did you hear of us?" rotate
          1 tv     "Television"
          2 radio  "Radio"
          3 paper  "Newspaper"
          4 web    "Web site"
          5 friend "A friend"
          9 other  "Somewhere else" fixed
        """

    @Test func rotatedOptionsAreListedInTheOrderShownWithTheirOwnCodes() throws {
        var orders: Set<[Int]> = []
        for n in 0..<12 {
            let run = try ScreenRun(Self.rotated, id: "01ROT\(n)")
            guard case .question(let p) = run.screen else { Issue.record("not a question"); return }
            let frame = run.frame()
            let start = try #require(frame.row(containing: "Where did you hear of us?")) + 2
            let shown = frame.lines[start..<(start + 6)].map { Frame.trimmed($0) }
            #expect(shown == p.options.map { "\($0.code)  \($0.label)" })
            #expect(shown.last == "9  Somewhere else", "the fixed option keeps its place")
            // Code and label always travel together, whatever the order.
            let labels = [1: "Television", 2: "Radio", 3: "Newspaper", 4: "Web site", 5: "A friend", 9: "Somewhere else"]
            for line in shown {
                let parts = line.split(separator: " ", maxSplits: 1)
                #expect(labels[Int(parts[0])!] == String(parts[1].drop { $0 == " " }))
            }
            orders.insert(p.options.map { $0.code })
        }
        #expect(orders.count > 1, "different interviews see different orders")
    }

    @Test func rotatedOptionTypedByCodeRecordsThatCode() throws {
        var run = try ScreenRun(Self.rotated, id: "01ROT3")
        try run.answers("4")
        #expect(run.interview.values["media"] == .number(4))
    }

    // MARK: - Highlight, multi marks

    @Test func downAndUpMoveTheHighlightAndPutItsCodeInTheField() throws {
        var run = try ScreenRun(Self.shop)
        #expect(run.frame().rows(styled: .reverse).isEmpty, "nothing highlighted at first")
        try run.press(.down)
        #expect(run.frame().rows(styled: .reverse) == ["1  Red"])
        #expect(run.frame().fieldLine == " Answer: 1")
        try run.press(.down, .down)
        #expect(run.frame().rows(styled: .reverse) == ["3  Blue"])
        #expect(run.frame().fieldLine == " Answer: 3")
        try run.press(.down)
        #expect(run.frame().rows(styled: .reverse) == ["1  Red"], "wraps around")
        try run.press(.up)
        #expect(run.frame().rows(styled: .reverse) == ["3  Blue"])
        try run.press(.up)
        #expect(run.frame().rows(styled: .reverse) == ["2  Green"])
        try run.press(.enter)
        #expect(run.interview.values["colour"] == .number(2))
        #expect(run.at == "age")
    }

    @Test func upFirstHighlightsTheLastRow() throws {
        var run = try ScreenRun(Self.shop)
        try run.press(.up)
        #expect(run.frame().rows(styled: .reverse) == ["3  Blue"])
    }

    @Test func multiShowsBoxesAndSpaceTogglesTheHighlightedRow() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "30")
        var frame = run.frame()
        #expect(frame.lines.contains("  [ ] 1  Apple"))
        #expect(frame.lines.contains("  [ ] 9  None of these"))
        #expect(frame.messageLine.contains("Space marks the highlighted row"))
        #expect(frame.topLine.contains("Q 3"))
        #expect(frame.lines[2].contains("(pick 1–3)"))
        try run.press(.down, .char(" "), .down, .down, .char(" "))
        frame = run.frame()
        #expect(frame.lines.contains("  [x] 1  Apple"))
        #expect(frame.lines.contains("  [ ] 2  Pear"))
        #expect(frame.rows(styled: .reverse) == ["[x] 3  Plum"])
        #expect(frame.fieldLine == " Answer: 1 3")
        try run.press(.up, .up, .char(" "))
        frame = run.frame()
        #expect(frame.lines.contains("  [ ] 1  Apple"), "Space again unmarks")
        #expect(frame.fieldLine == " Answer: 3")
        try run.press(.up, .char(" "), .enter)
        #expect(run.interview.values["fruit"] == .codes([3, 9]) || run.at == "fruit")
    }

    @Test func multiMarksFollowTypedCodes() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "30")
        try run.type("2,3", enter: false)
        let frame = run.frame()
        #expect(frame.lines.contains("  [x] 2  Pear"))
        #expect(frame.lines.contains("  [x] 3  Plum"))
        #expect(frame.lines.contains("  [ ] 1  Apple"))
        try run.press(.enter)
        #expect(run.interview.values["fruit"] == .codes([2, 3]))
    }

    @Test func spaceWithoutHighlightIsTyped() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1", "30")
        try run.type("1 2", enter: false)
        #expect(run.frame().fieldLine == " Answer: 1 2")
        #expect(run.frame().lines.contains("  [x] 1  Apple"))
    }

    // MARK: - Grid

    static let grid = """
        survey g "Grid"
        version 1
        grid marks "Give each a mark from 1 to 10." scale 1..10 allow dk
          speed    "Speed of the answer"
          courtesy "Courtesy of the staff"
          clarity  "Clarity of the information"
        """

    @Test func gridShowsItemsTheCurrentOneMarkedAndValuesSoFar() throws {
        var run = try ScreenRun(Self.grid)
        var frame = run.frame()
        #expect(frame.lines[2].contains("marks"))
        #expect(frame.lines[2].contains("(1–10)"))
        #expect(frame.rows(styled: .reverse).count == 1)
        #expect(frame.rows(styled: .reverse).first?.hasPrefix("▸ speed") == true)
        #expect(frame.lines.contains { $0.hasPrefix("   courtesy") && $0.hasSuffix("·") })
        try run.answers("7")
        frame = run.frame()
        #expect(frame.lines.contains { $0.hasPrefix("   speed") && $0.contains("Speed of the answer") && $0.hasSuffix(" 7") })
        #expect(frame.rows(styled: .reverse).first?.hasPrefix("▸ courtesy") == true)
        #expect(frame.topLine.hasSuffix("Q 2"), "each item is a step")
        try run.press(.function(3))
        frame = run.frame()
        #expect(frame.lines.contains { $0.hasPrefix("   courtesy") && $0.hasSuffix("dk") })
        #expect(frame.rows(styled: .reverse).first?.hasPrefix("▸ clarity") == true)
        try run.answers("10")
        #expect(run.at == "end:complete")
        let record = run.recordLine
        #expect(record.contains(#""answers":{"speed":7,"courtesy":{"missing":"dk"},"clarity":10}"#))
    }

    @Test func gridOutOfRangeIsRefusedAndTheItemStays() throws {
        var run = try ScreenRun(Self.grid)
        try run.type("11")
        let frame = run.frame()
        #expect(frame.messageLine.contains("Out of range: 1–10"), "\(frame.messageLine)")
        #expect(frame.fieldLine == " Answer: 11", "the field keeps what was typed")
        #expect(run.at == "speed")
    }

    // MARK: - Other specification

    static let other = """
        survey o "Other"
        version 1
        single media "Where did you hear of us?"
          1 tv    "Television"
          8 other "Somewhere else" other
        multi shops "Which shops?" pick 1..2
          1 a "Shop A"
          8 x "Another shop" other
        """

    @Test func otherSpecificationIsAskedRightAfterAndRecorded() throws {
        var run = try ScreenRun(Self.other)
        #expect(run.text.contains("  8  Somewhere else …"), "an other option is marked")
        try run.answers("8")
        var frame = run.frame()
        #expect(run.at == "other:media")
        #expect(frame.lines[2] == " media")
        #expect(frame.lines[3] == " Specify: Somewhere else")
        #expect(frame.topLine.hasSuffix("Q 1"))
        try run.type("")
        frame = run.frame()
        #expect(frame.messageLine.contains("Please specify (other)"))
        try run.answers("a poster at the bus stop")
        try run.answers("1 8", "Bottega Rossi")
        try run.type("")
        #expect(run.at == "end:complete")
        let record = run.recordLine
        #expect(record.contains(#""media":8,"media_other":"a poster at the bus stop","shops":[1,8],"shops_other":"Bottega Rossi""#),
                "\(record)")
    }

    // MARK: - Back, prefill

    @Test func backShowsTheEarlierAnswerInTheFieldAndEnterKeepsIt() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("2", "45")
        #expect(run.at == "fruit")
        try run.press(.function(2))
        #expect(run.at == "age")
        var frame = run.frame()
        #expect(frame.fieldLine == " Answer: 45")
        #expect(frame.cursor == Position(row: 21, column: 11), "cursor after the earlier answer")
        try run.press(.ctrl("b"))
        frame = run.frame()
        #expect(run.at == "colour")
        #expect(frame.fieldLine == " Answer: 2")
        #expect(frame.rows(styled: .reverse) == ["2  Green"], "the earlier answer is highlighted")
        try run.press(.enter)
        #expect(run.at == "age")
        try run.press(.enter)
        #expect(run.at == "fruit")
        #expect(run.interview.values["colour"] == .number(2))
        #expect(run.interview.values["age"] == .number(45))
    }

    @Test func backOnTheFirstQuestionSaysSo() throws {
        var run = try ScreenRun(Self.shop)
        try run.press(.function(2))
        #expect(run.frame().messageLine == " This is the first question")
    }

    @Test func backThenCorrectingReplacesTheAnswer() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("2", "45")
        try run.press(.function(2))
        try run.press(.backspace, .backspace)
        try run.type("52")
        #expect(run.interview.values["age"] == .number(52))
        #expect(run.text.contains("You are 52."))
    }

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

    // MARK: - Checks and warnings

    static let rules = """
        survey r "Rules"
        version 1
        number household "How many people live in your household?" range 1..15
        number under14 "How many are under 14?" range 0..14
        check under14 < household "At least one person (the respondent) is 14 or over."
        scale overall "Overall mark?" 1..10
          1 "Poor"
          10 "Excellent"
        warn overall >= 9 and under14 > 3 "A high mark with many children: confirm?"
        """

    @Test func checkFailedPanelListsTheAnswersInvolved() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        #expect(run.at == "check")
        let frame = run.frame()
        #expect(frame.lines[2] == " CHECK FAILED")
        #expect(frame.rows(styled: .error).contains("CHECK FAILED"))
        #expect(frame.text.contains(" At least one person (the respondent) is 14 or over."))
        #expect(frame.text.contains("Answers involved"))
        #expect(frame.lines.contains(" 1  household  = 2   How many people live in your household?"), "\(frame.text)")
        #expect(frame.lines.contains(" 2  under14  = 2   How many are under 14?"))
        #expect(frame.topLine.hasSuffix("Q 2"))
    }

    @Test func enterOnACheckStaysAndNumberEnterGoesToThatAnswer() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        try run.press(.enter)
        #expect(run.at == "check")
        #expect(run.frame().messageLine == " Correct one of the answers listed (F2 goes back)")
        try run.type("1")
        #expect(run.at == "household")
        #expect(run.frame().fieldLine == " Answer: 2")
        try run.press(.backspace)
        try run.answers("4")
        #expect(run.at == "under14")
        #expect(run.frame().fieldLine == " Answer: 2", "the later answer comes back too")
        try run.press(.enter)
        #expect(run.at == "overall")
    }

    @Test func downAndEnterOnACheckGoesToTheHighlightedAnswer() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        try run.press(.down, .down)
        #expect(run.frame().rows(styled: .reverse).first?.hasPrefix("2  under14") == true)
        try run.press(.enter)
        #expect(run.at == "under14")
    }

    @Test func f2OnACheckGoesBackToTheLatestAnswerInvolved() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("2", "2")
        try run.press(.function(2))
        #expect(run.at == "under14")
    }

    @Test func warningPanelAndEnterConfirms() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("9", "4", "10")
        #expect(run.at == "warning")
        var frame = run.frame()
        #expect(frame.lines[2] == " WARNING")
        #expect(frame.rows(styled: .warning).contains("WARNING"))
        #expect(frame.text.contains(" A high mark with many children: confirm?"))
        #expect(frame.text.contains("Enter: confirm and go on · F2: go back and correct"))
        #expect(frame.lines.contains(" 1  under14  = 4   How many are under 14?"), "\(frame.text)")
        #expect(frame.lines.contains(" 2  overall  = 10   Overall mark?"), "\(frame.text)")
        #expect(frame.fieldLine == " confirm: Enter")
        try run.press(.enter)
        #expect(run.at == "end:complete")
        frame = run.frame()
        try run.press(.enter)
        #expect(run.lastOutcome == .finished(.complete))
        #expect(run.recordLine.contains(#""warnings_confirmed":["A high mark with many children: confirm?"]"#), "\(run.recordLine)")
    }

    @Test func f2OnAWarningGoesBackToCorrect() throws {
        var run = try ScreenRun(Self.rules)
        try run.answers("9", "4", "10")
        try run.press(.function(2))
        #expect(run.at == "overall")
        #expect(run.frame().fieldLine == " Answer: 10")
    }

    // MARK: - Endings

    static let endings = """
        survey e "Endings"
        version 1
        single consent "May I go on?"
          1 yes "Yes"
          2 no "No"
        terminate "Thank you anyway. Goodbye." if consent = no
        single kind "Private or business?"
          1 private "Private"
          2 business "Business"
        quota per_kind by kind full "We have enough people like you. Goodbye."
          private: 5
          business: 5
        end
        """

    @Test func completeEnding() throws {
        var run = try ScreenRun(Self.endings)
        try run.answers("1", "1")
        let frame = run.frame()
        #expect(frame.text.contains(" Interview complete. Press Enter to save (F2 goes back)."))
        #expect(frame.rows(styled: .ok).contains { $0.hasPrefix("Interview complete") })
        #expect(frame.topLine.hasSuffix("—"))
        #expect(frame.fieldLine == " save: Enter")
        try run.press(.enter)
        #expect(run.lastOutcome == .finished(.complete))
    }

    @Test func screenedOutEndingShowsTheClosingText() throws {
        var run = try ScreenRun(Self.endings)
        try run.answers("2")
        let frame = run.frame()
        #expect(run.at == "end:screened-out")
        #expect(frame.text.contains(" Thank you anyway. Goodbye."))
        #expect(frame.text.contains("The interview ends here (screened out). Enter saves, F2 goes back."))
        try run.press(.function(2))
        #expect(run.at == "consent")
        #expect(run.frame().fieldLine == " Answer: 2")
    }

    @Test func overQuotaEndingShowsTheQuotaText() throws {
        var run = try ScreenRun(Self.endings, gate: FullQuotaGate())
        try run.answers("1", "2")
        let frame = run.frame()
        #expect(run.at == "end:over-quota")
        #expect(frame.text.contains(" We have enough people like you. Goodbye."))
        #expect(frame.text.contains("The quota for this respondent is full (over quota). Enter saves, F2 goes back."))
        try run.press(.enter)
        #expect(run.lastOutcome == .finished(.overQuota))
        #expect(run.recordLine.contains(#""status":"over-quota""#))
    }

    // MARK: - Note and end dialogs

    @Test func noteDialogSavesANoteOnThisQuestion() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1")
        try run.press(.function(5))
        var frame = run.frame()
        #expect(frame.fieldLine == " Note on this question (Enter saves, Esc cancels):")
        try run.type("speaks slowly, très poli", enter: false)
        frame = run.frame()
        #expect(frame.fieldLine == " Note on this question (Enter saves, Esc cancels): speaks slowly, très poli")
        try run.press(.enter)
        frame = run.frame()
        #expect(run.at == "age", "a note does not move the interview")
        #expect(frame.messageLine == " Note saved")
        #expect(frame.fieldLine == " Answer:")
        try run.press(.ctrl("n"))
        try run.type("dropped", enter: false)
        try run.press(.escape)
        #expect(run.frame().fieldLine == " Answer:", "Esc cancels")
        try run.answers("33")
        #expect(run.frame().messageLine.contains("Space marks"), "the notice goes with the next key")
        #expect(run.recordLine.contains(#""notes":[{"at":"age","text":"speaks slowly, très poli"}]"#), "\(run.recordLine)")
    }

    @Test func endDialogAsksRefusedOrBreakOffThenAReason() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1")
        try run.press(.function(10))
        var frame = run.frame()
        #expect(frame.fieldLine == " End the interview: 1 refused · 2 break-off · Esc cancel")
        try run.press(.escape)
        #expect(run.frame().fieldLine == " Answer:")
        try run.press(.ctrl("x"))
        try run.press(.char("2"))
        frame = run.frame()
        #expect(frame.fieldLine == " Reason (Enter saves, Esc cancels):")
        try run.type("line dropped")
        #expect(run.lastOutcome == .finished(.breakOff))
        #expect(run.interview.endReason == "line dropped")
        #expect(run.recordLine.contains(#""status":"break-off""#))
    }

    @Test func endAsRefused() throws {
        var run = try ScreenRun(Self.shop)
        try run.press(.ctrl("x"), .char("1"))
        try run.type("")
        #expect(run.lastOutcome == .finished(.refused))
        #expect(run.recordLine.contains(#""status":"refused""#))
    }

    @Test func suspendKeysAskTheRunnerToSuspend() throws {
        var run = try ScreenRun(Self.shop)
        try run.press(.function(9))
        #expect(run.suspended)
        var other = try ScreenRun(Self.shop)
        try other.press(.ctrl("p"))
        #expect(other.suspended)
    }

    @Test func dkAndRefusedAreRecordedAtOnce() throws {
        var run = try ScreenRun(Self.shop)
        try run.answers("1")
        try run.press(.ctrl("d"))
        #expect(run.at == "fruit")
        #expect(run.text.contains("You are dk.") || run.interview.values["age"] == .dk)
        try run.press(.function(2))
        #expect(run.at == "age")
        try run.press(.ctrl("r"))
        #expect(run.at == "fruit")
        #expect(run.interview.values["age"] == .refused)
        try run.answers("1", "")
        try run.press(.enter)
        #expect(run.recordLine.contains(#""age":{"missing":"refused"}"#), "\(run.recordLine)")
    }

    // MARK: - Key line, sizes, long lists

    @Test func keyLineShowsTheFunctionKeysAndTheirControlAlternatives() throws {
        let frame = try ScreenRun(Self.shop).frame()
        #expect(frame.keyLine == " F2/^B back  F3/^D dk  F4/^R refused  F5/^N note  F9/^P suspend  F10/^X end")
        #expect(frame.lines.count == 24)
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func dkAndRefusedAllowedAreShownNextToTheQuestionName() throws {
        var run = try ScreenRun(Self.shop)
        #expect(!run.frame().lines[2].contains("F3"))
        try run.answers("1")
        #expect(run.frame().lines[2].contains("F3 dk · F4 refused"))
        #expect(run.frame().lines[2].contains("(18–99)"))
    }

    @Test(arguments: [Size(width: 79, height: 24), Size(width: 80, height: 23), Size(width: 40, height: 10)])
    func belowEightyByTwentyFourAsksToEnlarge(size: Size) throws {
        let frame = try ScreenRun(Self.shop).frame(size)
        let words = frame.lines.map { Frame.trimmed($0) }.filter { !$0.isEmpty }.joined(separator: " ")
        #expect(words == "Enlarge the window to at least 80×24 (\(size.width)×\(size.height))", "\(frame.text)")
        #expect(frame.lines.allSatisfy { DisplayWidth.of($0) <= size.width })
        #expect(!frame.text.contains("colour"))
        #expect(frame.cursor == nil)
    }

    @Test func tooSmallInItalian() throws {
        let frame = try ScreenRun(Self.italian).frame(Size(width: 70, height: 20))
        #expect(frame.text.contains("Allargare la finestra ad almeno 80×24 (70×20)"))
    }

    @Test func largerWindowUsesTheWholeSize() throws {
        let frame = try ScreenRun(Self.shop).frame(Size(width: 120, height: 40))
        #expect(frame.lines.count == 40)
        #expect(frame.keyLine.contains("F10/^X end"))
        #expect(frame.fieldLine == " Answer:")
        #expect(DisplayWidth.of(frame.rows[0].text) == 120, "the title bar spans the width")
    }

    static var longList: String {
        var s = """
            survey l "Long"
            version 1
            single town "Which town do you live in?"

            """
        for n in 1...30 { s += "  \(n) \"Town number \(n)\"\n" }
        return s
    }

    @Test func longOptionListIsWindowedWithAMoreMarker() throws {
        var run = try ScreenRun(Self.longList)
        var frame = run.frame()
        #expect(frame.lines.count == 24)
        #expect(frame.lines.contains("   1  Town number 1"))
        #expect(!frame.lines.contains("  30  Town number 30"))
        let marker = try #require(frame.lines.first { $0.contains("more") })
        #expect(marker.contains("↑ 0 ·"), "\(marker)")
        let shown = frame.lines.filter { $0.contains("Town number") }.count
        #expect(marker.contains("↓ \(30 - shown) more"), "\(marker)")
        #expect(frame.fieldLine == " Answer:", "the field is not pushed off the screen")
        // Down 20 times: the highlighted row stays on screen.
        for _ in 0..<20 { try run.press(.down) }
        frame = run.frame()
        #expect(frame.rows(styled: .reverse) == ["20  Town number 20"])
        #expect(!frame.lines.contains("   1  Town number 1"))
        let moved = try #require(frame.lines.first { $0.contains("more") })
        #expect(!moved.contains("↑ 0 ·"))
        try run.press(.enter)
        #expect(run.interview.values["town"] == .number(20))
    }

    @Test func codeOfARowOffScreenCanBeTyped() throws {
        var run = try ScreenRun(Self.longList)
        try run.answers("30")
        #expect(run.interview.values["town"] == .number(30))
    }

    @Test func longTextScrollsInTheFieldWithTheCursorInView() throws {
        var run = try ScreenRun("""
            survey t "T"
            version 1
            text story "Tell me everything." max 300
            """)
        let typed = (0..<12).map { "parola\($0) " }.joined() + "fine"
        try run.type(typed, enter: false)
        var frame = run.frame()
        #expect(frame.fieldLine.hasSuffix("fine"), "the end of the text, where the cursor is, is shown")
        #expect(!frame.fieldLine.contains("parola0 "), "the start scrolled out")
        #expect(DisplayWidth.of(frame.fieldLine) <= 80)
        let cursor = try #require(frame.cursor)
        #expect(cursor.row == 21 && cursor.column < 80)
        #expect(cursor.column == DisplayWidth.of(frame.fieldLine), "the cursor stands right after the last character")
        try run.press(.home)
        frame = run.frame()
        #expect(frame.fieldLine.hasPrefix(" Answer: parola0 parola1"))
        #expect(frame.cursor?.column == 9)
        try run.press(.enter)
        #expect(run.interview.values["story"] == .text(typed), "the whole text is kept, not what was visible")
    }

    @Test func longGridKeepsTheCurrentItemInView() throws {
        var source = """
            survey g "G"
            version 1
            grid marks "Marks from 1 to 5." scale 1..5

            """
        for n in 1...25 { source += "  item\(n) \"Aspect number \(n)\"\n" }
        var run = try ScreenRun(source)
        for _ in 0..<19 { try run.answers("3") }
        let frame = run.frame()
        let current = try #require(frame.rows(styled: .reverse).first)
        #expect(current.hasPrefix("▸ item20"))
        #expect(frame.lines.contains { $0.contains("more") }, "a marker says rows are hidden")
        #expect(frame.lines.contains { $0.hasPrefix("   item19") && $0.hasSuffix(" 3") })
        #expect(frame.fieldLine == " Answer:")
        #expect(frame.topLine.hasSuffix("Q 20"))
    }
}

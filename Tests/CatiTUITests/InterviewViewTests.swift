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
}

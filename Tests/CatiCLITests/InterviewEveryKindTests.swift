import CatiTestSupport
import Foundation
import Testing

/// End to end: `cati interview` on questionnaires/every_kind.cati (English): every
/// question kind, and every key of cli.md's table, F-keys and Ctrl alternatives.
@Suite(.serialized)
struct InterviewEveryKindTests {
    static let file = InterviewFiles.questionnaire("every_kind.cati")

    /// A sample whose `segment` column is empty, so that `segment` (preload) is asked.
    static func start(_ folder: ScratchFolder) throws -> InterviewScreen {
        try folder.write("sample.csv", """
            id,name,phone,region,segment
            E001,Test One,555 0101,north,
            E002,Test Two,555 0102,south,
            E003,Test Three,555 0103,north,

            """)
        return try InterviewScreen(file, data: folder.path("data"), arguments: ["--sample", folder.path("sample.csv")])
    }

    static func top(_ screen: String) -> String { String(screen.split(separator: "\n").first ?? "") }

    @Test func fullInterviewWithEveryKindAndEveryKey() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder)
        var screen = try await s.waitFor("Call:")
        #expect(screen.contains("   E001   Test One"))
        #expect(screen.contains("   region: north"))
        try s.session.sendKeys("Enter")

        // info with fills
        screen = try await s.waitForQuestion("hello")
        // The call clock's form (mm:ss) only: a loaded machine draws slowly.
        #expect(Self.top(screen).wholeMatch(of: /\ every_kind │ E001 Test One ☎ 555 0101 │ maria │ [0-9][0-9]:[0-5][0-9] │ Q 1/) != nil,
                "\(Self.top(screen))")
        #expect(Self.top(screen).hasSuffix("│ Q 1"))
        #expect(screen.contains(" Good morning, this is maria calling for the Every Kind study."))
        #expect(screen.contains(" Our list puts you in the North region (sample cell: north). A literal brace"))
        // An info screen takes no dk or refused: F3 and F4 are not offered.
        #expect(s.message(of: screen) == "" && InterviewScreen.lines(screen, height: 24).keys
                    == " F2/^B back  F5/^N note  F9/^P suspend  F10/^X end")
        try s.answer("")

        // single by Up/Down + Enter
        try await s.waitForQuestion("consent")
        try s.session.sendKeys("Down")
        screen = try await s.session.waitUntil("the field shows 1") { $0.contains(" Answer: 1\n") }
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("segment")  // preload with an empty cell: asked
        try s.session.sendKeys("Up", "Up")  // Up first goes to the last row: 3, then 2
        try await s.session.waitUntil("the field shows 2") { $0.contains(" Answer: 2\n") }
        try s.session.sendKeys("Enter")

        // number: out of range refused, then F4 refused
        screen = try await s.waitForQuestion("age")
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false)[2].contains("F4 refused"))
        try s.answer("150")
        screen = try await s.waitForMessage("Out of range: 0–120")
        #expect(s.field(of: screen) == " Answer: 150")
        try s.session.sendKeys("F4")
        screen = try await s.waitForQuestion("age_note")
        #expect(screen.contains("(Interviewer: age refused. Go on.)"))
        try s.answer("")

        // text; then Ctrl-B back shows it, Enter keeps it; F3 dk
        try await s.waitForQuestion("company")
        try s.answer("Acme Srl")
        screen = try await s.waitForQuestion("staff")
        #expect(screen.contains(" About how many people work at Acme Srl?"))
        try s.session.sendKeys("C-b")
        screen = try await s.waitForQuestion("company")
        #expect(s.field(of: screen) == " Answer: Acme Srl")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("staff")
        try s.session.sendKeys("F3")

        // multi, rotated: Space toggles the highlighted rows; then the other specification
        screen = try await s.waitForQuestion("channels")
        let rows = InterviewScreen.optionRows(screen)
        #expect(rows.count == 5, "\(screen)")
        #expect(rows.allSatisfy { $0.hasPrefix("  [ ] ") })
        let phone = try #require(rows.firstIndex { $0.hasSuffix("Telephone") })
        let other = try #require(rows.firstIndex { $0.hasSuffix("Something else …") })
        #expect(other == 3 && rows[4].hasSuffix("None of these"), "fixed options keep their places")
        let shownCodes = rows.compactMap { Int($0.dropFirst(6).prefix { $0 != " " }) }
        let downs = Array(repeating: "Down", count: phone + 1)
        try s.session.sendKeys(names: downs + ["Space"] + Array(repeating: "Down", count: other - phone) + ["Space"])
        screen = try await s.session.waitUntil("two rows are marked") { InterviewScreen.optionRows($0).filter { $0.contains("[x]") }.count == 2 }
        #expect(s.field(of: screen) == " Answer: 1 8")
        #expect(InterviewScreen.optionRows(screen)[phone].hasPrefix("  [x] 1  Telephone"))
        try s.session.sendKeys("Enter")
        screen = try await s.waitFor("Specify: Something else")
        try s.answer("carrier pigeon")

        // number with the fill of a multi; Ctrl-D dk
        screen = try await s.waitForQuestion("calls")
        #expect(screen.contains("You used: Telephone, Something else."))
        try s.session.sendKeys("C-d")

        // number with decimals; a warning confirmed with Enter
        try await s.waitForQuestion("spend")
        try s.answer("450.5")
        screen = try await s.waitFor(" WARNING")
        #expect(screen.contains(" An organisation spending over 400 euro a month on calls: confirm?"))
        #expect(screen.contains("segment  = 2 Business"))
        #expect(screen.contains("spend  = 450.50"))
        try s.session.sendKeys("Enter")

        // text with a pattern: refused entry, then Ctrl-R refused
        try await s.waitForQuestion("postcode")
        try s.answer("12ab")
        screen = try await s.waitForMessage("Not in the required format")
        #expect(s.field(of: screen) == " Answer: 12ab")
        try s.session.sendKeys("C-r")

        // optional text; two notes (F5 and Ctrl-N), one cancelled with Esc
        try await s.waitForQuestion("nickname")
        try s.session.sendKeys("F5")
        try await s.waitFor("Note on this question (Enter saves, Esc cancels):")
        try s.session.type("sounds busy")
        try s.session.sendKeys("Enter")
        try await s.waitForMessage("Note saved")
        try s.session.sendKeys("C-n")
        try await s.waitFor("Note on this question")
        try s.session.type("never mind")
        try s.session.sendKeys("Escape")
        try await s.session.waitUntil("the note is cancelled") { s.field(of: $0) == " Answer:" }
        try s.session.sendKeys("C-n")
        try await s.waitFor("Note on this question")
        try s.session.type("called from work")
        try s.session.sendKeys("Enter")
        try await s.waitForMessage("Note saved")
        try s.answer("Bob")

        // F9 suspends; the next-interview screen lists it; number + Enter resumes it
        screen = try await s.waitForQuestion("nice")
        #expect(screen.contains(" Nice to meet you, Bob."))
        try s.session.sendKeys("F9")
        try await s.waitFor("Suspend, reason (Enter suspends, Esc cancels):")
        try s.session.type("call back after 6")
        try s.session.sendKeys("Enter")
        screen = try await s.waitFor("Suspended: ")
        let id = try #require(s.journals.first.map { String($0.dropLast(".jsonl".count)) })
        #expect(screen.contains(" Suspended: \(id)"))
        #expect(screen.contains("Interviews that can be resumed (number + Enter):"))
        #expect(screen.contains("  1  E001 Test One  suspended 20"), "\(screen)")
        #expect(screen.contains("   E002   Test Two"), "the suspended case is not offered again")
        try s.session.sendKeys("1", "Enter")
        screen = try await s.waitForQuestion("nice")
        #expect(Self.top(screen).contains("E001 Test One"))
        try s.session.sendKeys("F2")
        screen = try await s.waitForQuestion("nickname")
        #expect(s.field(of: screen) == " Answer: Bob")
        try s.session.sendKeys("Enter", "Enter")

        // scale, then the grid item by item
        screen = try await s.waitForQuestion("overall")
        #expect(screen.contains(" 0 = Not at all satisfied   10 = Completely satisfied"))
        try s.answer("10")
        try await s.waitForQuestion("aspects")
        let asked = try await s.answerGrid("aspects", ["speed": "1", "courtesy": "4", "clarity": "5"])

        // the warning: F2 goes back to correct (speed), Enter keeps each answer, then confirm
        screen = try await s.waitFor(" WARNING")
        #expect(screen.contains("Very high overall mark but very low mark for speed: confirm?"))
        try s.session.sendKeys("F2")
        screen = try await s.session.waitUntil("speed is asked again") { InterviewScreen.currentItem($0) == "speed" }
        #expect(s.field(of: screen) == " Answer: 1")
        let after = asked.count - 1 - (asked.firstIndex(of: "speed") ?? 0)
        try s.session.sendKeys(names: Array(repeating: "Enter", count: after + 1))
        try await s.waitFor("Very high overall mark but very low mark for speed: confirm?")
        try s.session.sendKeys("Enter")

        // numbers and the hard check: number + Enter goes to the answer, corrected
        try await s.waitForQuestion("household")
        try s.answer("3")
        screen = try await s.waitForQuestion("under14")
        #expect(screen.contains(" Of those 3 people, how many are under 14?"))
        try s.answer("3")
        screen = try await s.waitFor(" CHECK FAILED")
        #expect(screen.contains(" At least one person in the household (the respondent) is 14 or over."))
        #expect(screen.contains(" 1  household  = 3   How many people live in your household, you included?"))
        #expect(screen.contains(" 2  under14  = 3   Of those 3 people, how many are under 14?"))
        try s.session.sendKeys("Enter")
        try await s.waitForMessage("Correct one of the answers listed (F2 goes back)")
        try s.answer("2")
        screen = try await s.waitForQuestion("under14")
        #expect(s.field(of: screen) == " Answer: 3")
        try s.session.sendKeys("BSpace")
        try s.answer("1")

        screen = try await s.waitForQuestion("bye")
        #expect(screen.contains("(Interviewer: the data go to C:\\cati if"))
        try s.answer("")
        try await s.waitFor("Interview complete. Press Enter to save (F2 goes back).")
        try s.session.sendKeys("Enter")
        screen = try await s.waitFor("Saved: ")
        #expect(screen.contains(" Saved: \(id) (complete)"))

        let record = try #require(try await s.waitForRecords(1).first)
        #expect(record.string("id") == id)
        #expect(record.string("status") == "complete")
        #expect(record.string("respondent") == "E001")
        #expect(record.string("interviewer") == "maria")
        let answers = try #require(record["answers"] as? [String: Any])
        let expected: [String: String] = [
            "region": "1", "consent": "1", "segment": "2", "age": #"{"missing":"refused"}"#, "company": #""Acme Srl""#,
            "staff": #"{"missing":"dk"}"#, "channels": "[1,8]", "channels_other": #""carrier pigeon""#,
            "calls": #"{"missing":"dk"}"#, "n_channels": "2", "spend": "450.5", "postcode": #"{"missing":"refused"}"#,
            "nickname": #""Bob""#, "is_test": "false", "overall": "10", "speed": "1", "courtesy": "4", "clarity": "5",
            "unhappy": "false", "household": "3", "under14": "1",
        ]
        for (name, value) in expected {
            #expect(json(answers[name]) == value, "answers.\(name)")
        }
        #expect(Set(answers.keys) == Set(expected.keys).union(["mean_aspects", "gap"]), "\(answers.keys.sorted())")
        #expect(json(record["quota_cells"]) == #"{"per_segment":"business","seg_region":"business,*"}"#)
        #expect(json(record["paradata", "warnings_confirmed"]) == json([
            "An organisation spending over 400 euro a month on calls: confirm?",
            "Very high overall mark but very low mark for speed: confirm?",
        ]))
        #expect(json(record["paradata", "notes"]) == json([
            ["at": "nickname", "text": "sounds busy"], ["at": "nickname", "text": "called from work"],
        ]))
        #expect(json(record["paradata", "order", "channels"]) == json(shownCodes))
        #expect(json(record["paradata", "order", "aspects"]) == json(asked))
        #expect(record.int("paradata", "visits", "nickname") == 2)
        #expect(record["paradata", "end_reason"] == nil)
        let suspension = (record["paradata", "suspensions"] as? [[String: Any]])?.first
        #expect(suspension?["reason"] as? String == "call back after 6", "\(json(record["paradata"]))")
        #expect(suspension?["question"] as? String == "nice")

        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
        #expect(s.stderrLog.isEmpty, "\(s.stderrLog)")
    }

    @Test func ctrlPSuspendsAndF10CtrlXEndAsBreakOffOrRefused() async throws {
        let folder = try ScratchFolder()
        let s = try Self.start(folder)
        try await s.waitFor("Call:")
        try s.session.sendKeys("Enter", "Enter")
        try await s.waitForQuestion("consent")
        try s.answer("1")
        try await s.waitForQuestion("segment")
        try s.session.sendKeys("C-p")
        try await s.waitFor("Suspend, reason (Enter suspends, Esc cancels):")
        try s.session.sendKeys("Enter")  // no reason: that is allowed
        var screen = try await s.waitFor("Suspended: ")
        #expect(screen.contains("  1  E001 Test One  suspended 20"), "\(screen)")
        try s.session.sendKeys("1", "Enter")
        screen = try await s.waitForQuestion("segment")
        try s.session.sendKeys("F2")
        screen = try await s.waitForQuestion("consent")
        #expect(s.field(of: screen) == " Answer: 1", "the answer given before suspending is there")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("segment")

        // Ctrl-X opens the end dialog, Esc cancels it, F10 again, 2 = break-off, a reason.
        try s.session.sendKeys("C-x")
        try await s.waitFor("End the interview: 1 refused · 2 break-off · Esc cancel")
        try s.session.sendKeys("Escape")
        screen = try await s.session.waitUntil("the dialog is closed") { s.field(of: $0) == " Answer:" }
        #expect(screen.contains("segment"))
        try s.session.sendKeys("F10")
        try await s.waitFor("End the interview:")
        try s.session.sendKeys("2")
        try await s.waitFor("Reason (Enter saves, Esc cancels):")
        try s.answer("line dropped, not to call again")
        screen = try await s.waitFor("Saved: ")
        #expect(screen.contains("(break-off)"))

        // The next case (E002): F10, 1 = refused, no reason.
        #expect(screen.contains("   E002   Test Two"))
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("hello")
        try s.session.sendKeys("F10", "1", "Enter")
        screen = try await s.session.waitUntil("the second save") { $0.contains("Saved: ") && $0.contains("(refused)") }
        #expect(screen.contains("   E003   Test Three"))

        let records = try await s.waitForRecords(2)
        #expect(records.count == 2)
        let breakOff = try #require(records.first)
        #expect(breakOff.string("status") == "break-off")
        #expect(breakOff.string("respondent") == "E001")
        #expect(breakOff.string("paradata", "end_reason") == "line dropped, not to call again")
        #expect(json(breakOff["answers"]) == #"{"consent":1,"region":1}"#)
        let refused = try #require(records.last)
        #expect(refused.string("status") == "refused")
        #expect(refused.string("respondent") == "E002")
        #expect(refused["paradata", "end_reason"] == nil, "an empty reason is not recorded")
        #expect(json(refused["answers"]) == #"{"region":2}"#)
        #expect(s.journals.isEmpty)

        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
    }
}

extension TmuxSession {
    /// Key names from an array, in order (one send-keys call each: `sendKeys(_:)` is
    /// variadic and cannot take an array).
    func sendKeys(names: [String]) throws {
        for name in names { try sendKeys(name) }
    }
}

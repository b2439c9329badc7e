import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
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

    @Test func suspendKeysAskForAReasonThenTheRunnerSuspends() throws {
        var run = try ScreenRun(Self.shop)
        try run.press(.function(9))
        #expect(!run.suspended, "the reason is asked first")
        #expect(run.lines[21].hasPrefix(" Suspend, reason (Enter suspends, Esc cancels):"), "\(run.text)")
        try run.type("call back at 6 pm")
        #expect(run.suspended)
        #expect(run.suspendReason == "call back at 6 pm")
        var other = try ScreenRun(Self.shop)
        try other.press(.ctrl("p"))
        try other.type("")
        #expect(other.suspended)
        #expect(other.suspendReason == "")
        var cancelled = try ScreenRun(Self.shop)
        try cancelled.press(.function(9), .escape)
        #expect(!cancelled.suspended)
        #expect(cancelled.lines[21].hasPrefix(" Answer:"), "Esc goes back to the answer")
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
}

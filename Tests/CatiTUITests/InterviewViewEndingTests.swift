import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
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
}

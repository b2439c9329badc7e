import CatiTestSupport
import Foundation
import Testing

/// Issue 11, item 8, on the interviewer screen in tmux: the key line offered F3/F4
/// where they do nothing; a suspension's reason could not be typed and was in no
/// record; the resume list counted actions as answers and showed the time in UTC.
@Suite(.serialized)
struct NewUserSuspensionTests {
    static let questionnaire = """
        survey s "S"
        version 1
        number a "A?" range 1..9
        number b "B?" range 1..9 allow dk
        number c "C?" range 1..9

        """

    @Test func theKeyLineOffersF3AndF4OnlyOnQuestionsThatAllowThem() async throws {
        let scratch = try ScratchFolder("keyline")
        try scratch.write("s.cati", Self.questionnaire)
        let run = try InterviewScreen(scratch.path("s.cati"), data: scratch.path("data"))
        try await run.waitFor("Blank interview")
        try run.session.sendKeys("Enter")
        var screen = try await run.waitForQuestion("a")
        var keys = InterviewScreen.lines(screen, height: 24).keys
        #expect(keys.contains("F2/^B back") && keys.contains("F9/^P suspend"), "\(keys)")
        #expect(!keys.contains("F3") && !keys.contains("F4"), "a allows neither dk nor refused: \(keys)")
        try run.answer("1")
        screen = try await run.waitForQuestion("b")
        keys = InterviewScreen.lines(screen, height: 24).keys
        #expect(keys.contains("F3/^D dk") && !keys.contains("F4"), "b allows dk only: \(keys)")
        try run.session.sendKeys("C-x", "1", "Enter")
        try await run.waitFor("Saved: ")
        try run.session.sendKeys("q")
        #expect(try await run.waitForExit() == 0)
    }

    @Test func aSuspensionTakesATypedReasonListsAnswersInLocalTimeAndIsInTheRecord() async throws {
        let scratch = try ScratchFolder("suspension")
        try scratch.write("s.cati", Self.questionnaire)
        let data = scratch.path("data")
        // Five hours east of UTC (POSIX TZ: the sign is west of Greenwich).
        let run = try InterviewScreen(scratch.path("s.cati"), data: data, environment: ["TZ": "XYZ-5"])
        try await run.waitFor("Blank interview")
        try run.session.sendKeys("Enter")
        try await run.waitForQuestion("a")
        try run.answer("1")
        try await run.waitForQuestion("b")
        try run.answer("2")
        try await run.waitForQuestion("c")
        try run.session.sendKeys("F2")                          // back to b …
        try await run.waitForQuestion("b")
        try run.session.sendKeys("Enter")                       // … keeping 2
        try await run.waitForQuestion("c")
        try run.session.sendKeys("F5")
        try run.session.type("voce stanca")
        try run.session.sendKeys("Enter")                       // a note: an action, not an answer
        try await run.waitForMessage("Note saved")
        try run.session.sendKeys("F9")
        try await run.waitFor("Suspend, reason (Enter suspends, Esc cancels):")
        try run.session.type("richiamare dopo le 18")
        try run.session.sendKeys("Enter")
        var screen = try await run.waitFor("Interviews that can be resumed")

        // The row: 2 answers (5 actions were taken), at the local time of the suspension.
        let journal = try #require(run.journals.first)
        let lines = try String(contentsOfFile: data + "/journal/" + journal, encoding: .utf8).split(separator: "\n")
        let suspendedLine = try #require(lines.last { $0.contains(#""suspended":true"#) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(suspendedLine.utf8)) as? [String: Any])
        let t = try #require(object["t"] as? Double)
        #expect(object["reason"] as? String == "richiamare dopo le 18")
        let local = DateFormatter()
        local.dateFormat = "yyyy-MM-dd HH:mm"
        local.timeZone = TimeZone(secondsFromGMT: 5 * 3600)
        let row = try #require(screen.split(separator: "\n").first { $0.hasPrefix("  1  ") }.map(String.init), "\(screen)")
        #expect(row.hasPrefix("  1  —   suspended \(local.string(from: Date(timeIntervalSince1970: t)))  2 answers  01"),
                "\(row)")
        #expect(!row.contains("UTC"))

        // Resumed and finished: the suspension is in the record's paradata.
        try run.answer("1")
        try await run.waitForQuestion("c")
        try run.answer("3")
        try await run.waitFor("Interview complete")
        try run.session.sendKeys("Enter")
        screen = try await run.waitFor("Saved: ")
        let record = try #require(try await run.waitForRecords(1).first)
        let paradata = try #require(record["paradata"] as? [String: Any])
        let suspensions = try #require(paradata["suspensions"] as? [[String: Any]], "\(json(paradata))")
        #expect(suspensions.count == 1)
        let iso = ISO8601DateFormatter()
        #expect(suspensions.first?["at"] as? String == iso.string(from: Date(timeIntervalSince1970: t.rounded(.down))),
                "\(json(suspensions))")
        #expect(suspensions.first?["question"] as? String == "c")
        #expect(suspensions.first?["reason"] as? String == "richiamare dopo le 18")
        #expect((suspensions.first?["resumed"] as? String).map { $0 >= (suspensions.first?["at"] as? String ?? "") } == true)
        #expect(record["status"] as? String == "complete")
        try run.session.sendKeys("q")
        #expect(try await run.waitForExit() == 0)
    }
}

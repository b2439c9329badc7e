import CatiTestSupport
import Foundation
import Testing

/// End to end: an option longer than the terminal's row (tmux, 80×24, the smallest
/// interviewer screen) is shown whole, wrapped under its label, never cut with "…":
/// the interviewer can read every word of it to the respondent, choose it with the
/// keyboard, and the record has the answer.
@Suite(.serialized)
struct InterviewLongOptionScreenTests {
    static let label = "Through the online form on the municipality's website, after looking for the page of the office that deals with requests like yours"
    static let note = "ALSO CERTIFIED E-MAIL (PEC) SENT BY A LAWYER OR ANOTHER INTERMEDIARY ON THE RESPONDENT'S BEHALF"

    static let questionnaire = """
        survey wrap "Long options"
        version 1
        single canale "How did you contact us the last time?"
          1 tel  "Phone"
          2 web  "\(label)"
          3 mail "E-mail" instruction "\(note)"
          4 desk "In person"
        """

    static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    static func isReverse(_ line: String) -> Bool { line.contains("\u{1B}[7m") || line.contains(";7m") || line.contains("[7;") }

    @Test func aLongOptionIsShownWholeAndCanBeChosen() async throws {
        #expect(("  2  " + Self.label).count > 80, "the option is longer than the row")
        let folder = try ScratchFolder()
        try folder.write("wrap.cati", Self.questionnaire)
        let s = try InterviewScreen(folder.path("wrap.cati"), data: folder.path("data"))
        try await s.waitFor("Blank interview")
        try s.session.sendKeys("Enter")
        var screen = try await s.waitForQuestion("canale")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(!screen.contains("…"), "nothing cut:\n\(screen)")
        let first = try #require(lines.firstIndex { $0.hasPrefix("  2  Through") }, "\(screen)")
        #expect(lines[first + 1].hasPrefix("     ") && lines[first + 1].dropFirst(5).first != " ", "under the label")
        #expect(Self.words(lines[first] + " " + lines[first + 1]) == ["2"] + Self.words(Self.label), "every word, in order")
        let mail = try #require(lines.firstIndex { $0 == "  3  E-mail" }, "\(screen)")
        let notes = lines[(mail + 1)...].prefix { $0.hasPrefix("     » ") }
        #expect(Self.words(notes.joined(separator: " ")).filter { $0 != "»" } == Self.words(Self.note), "\(screen)")
        #expect(lines.contains("  4  In person"))

        // Down twice: option 2 is highlighted on both its rows.
        try s.session.sendKeys("Down")
        try s.session.sendKeys("Down")
        screen = try await s.session.waitUntil("option 2 highlighted") { s.field(of: $0) == " Answer: 2" }
        let escaped = try s.session.screen(escapes: true).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        let rows = escaped.filter { $0.contains("Through") || $0.contains("requests like yours") }
        #expect(rows.count == 2 && rows.allSatisfy(Self.isReverse), "\(rows.map(\.debugDescription))")
        #expect(!Self.isReverse(try #require(escaped.first { $0.contains("Phone") })))
        try s.session.sendKeys("Enter")
        try await s.waitFor("Interview complete")
        try s.session.sendKeys("Enter")
        let records = try await s.waitForRecords(1)
        let answers = try #require(records.first?["answers"] as? [String: Any])
        #expect(answers["canale"] as? Int == 2, "\(records)")
        #expect(records.first?["status"] as? String == "complete")
        _ = try await s.waitFor("Blank interview")
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
    }
}

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

    /// The captured screen (with escapes) as rows of characters, each with whether it is
    /// drawn in reverse: tmux writes an SGR only where attributes change, so the state
    /// runs on from row to row.
    static func reverseCells(_ escaped: String) -> [[(Character, Bool)]] {
        var rows: [[(Character, Bool)]] = [[]]
        var reverse = false
        var chars = Substring(escaped)
        while let c = chars.first {
            chars.removeFirst()
            if c == "\n" { rows.append([]); continue }
            guard c == "\u{1B}", chars.first == "[" else { rows[rows.count - 1].append((c, reverse)); continue }
            chars.removeFirst()
            let body = chars.prefix { !$0.isLetter }
            chars.removeFirst(body.count)
            guard chars.first == "m" else { if !chars.isEmpty { chars.removeFirst() }; continue }
            chars.removeFirst()
            for parameter in body.split(separator: ";", omittingEmptySubsequences: false) {
                switch parameter {
                case "", "0", "27": reverse = false
                case "7": reverse = true
                default: break
                }
            }
        }
        return rows
    }

    /// Whether the row holding `text` draws every character of its text (not its
    /// leading spaces) in reverse.
    static func isReverse(_ rows: [[(Character, Bool)]], _ text: String) -> Bool? {
        guard let row = rows.first(where: { String($0.map(\.0)).contains(text) }) else { return nil }
        let drawn = row.drop { $0.0 == " " }
        var trimmed = Array(drawn)
        while trimmed.last?.0 == " " { trimmed.removeLast() }
        return !trimmed.isEmpty && trimmed.allSatisfy(\.1)
    }

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
        let cells = Self.reverseCells(try s.session.screen(escapes: true))
        #expect(Self.isReverse(cells, "2  Through") == true, "the option's first row highlighted:\n\(screen)")
        #expect(Self.isReverse(cells, "requests like yours") == true, "its continuation row too")
        #expect(Self.isReverse(cells, "1  Phone") == false, "the other options are not")
        #expect(Self.isReverse(cells, "3  E-mail") == false)
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

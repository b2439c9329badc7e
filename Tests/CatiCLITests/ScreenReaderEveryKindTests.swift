import CatiTestSupport
import Foundation
import Testing

/// `cati interview --screen-reader` on questionnaires/every_kind.cati (English), key by
/// key in tmux: after every key the hardware cursor is on the focus (ScreenReaderRun
/// checks it), through a call outcome, every question kind, a rejected answer, a soft
/// warning, a hard check, a note, the re-read and where-are-we keys and a resize; the
/// moves between options change two rows and clear nothing; idling writes nothing; no
/// glyph is ever written.
@Suite(.serialized)
struct ScreenReaderEveryKindTests {
    static let file = InterviewFiles.questionnaire("every_kind.cati")

    static func sample(_ folder: ScratchFolder) throws -> String {
        try folder.write("sample.csv", """
            id,name,phone,region,segment
            E001,Test One,555 0101,north,
            E002,Test Two,555 0102,south,

            """)
        return folder.path("sample.csv")
    }

    /// The row of the option or item with the focus mark, as " > …".
    static func focusRow(_ shot: ScreenReaderRun.Snapshot) -> String? {
        shot.lines.first { $0.hasPrefix(" > ") }
    }

    @Test func everyKeyOfAWholeInterviewLeavesTheCursorOnTheFocus() async throws {
        let folder = try ScratchFolder()
        let r = try ScreenReaderRun(interview: Self.file, data: folder.path("data"),
                                    arguments: ["--sample", try Self.sample(folder)])
        var shot = try await r.started()
        #expect(shot.lines.contains(" every_kind | next interview | maria"), "\(shot.lines)")
        #expect(shot.lines.contains("   tel. 555 0101"))
        #expect(shot.row == "> Choice:" && shot.x == 10)

        // A call outcome on E001: no answer, with a note; E002 is offered next.
        shot = try await r.press("e")
        #expect(shot.row.hasPrefix("> Outcome:"))
        shot = try await r.answer("1")
        #expect(shot.lines.contains { $0.contains("Note (optional)") })
        shot = try await r.answer("rings out")
        #expect(shot.lines.contains { $0.contains("E001: no answer") }, "\(shot.lines)")
        #expect(shot.lines.contains("   E002   Test Two"))
        shot = try await r.press("Enter")

        // info: the field "> Enter to continue" is the focus
        #expect(shot.lines[0] == " every_kind | E002 Test Two tel. 555 0102 | maria | Q 1", "no clock on the top line")
        #expect(shot.row.hasPrefix("> Enter to continue"))
        shot = try await r.press("Enter")

        // single: idle writes nothing; Down/Up change two rows, clear nothing; Enter answers the focus
        #expect(shot.lines[2].hasPrefix(" consent"))
        #expect(shot.row == "> Answer:" && shot.x == 10)
        #expect(try await r.bytesWrittenWhileIdle(seconds: 5) == 0, "5 s of idle wrote to the terminal")
        var move = try await r.pressMeasured("Down")
        #expect(move.shot.row.hasPrefix(" > [ ] 1  Yes") && move.shot.x == 1, "\(ScreenReaderRun.marked(move.shot))")
        #expect(move.changedRows.count <= 2, "rows changed: \(move.changedRows)")
        #expect(!ScreenReaderRun.clearsScreen(move.bytes))
        move = try await r.pressMeasured("Down")
        #expect(move.shot.row.hasPrefix(" > [ ] 2  No") && move.shot.x == 1)
        #expect(move.changedRows.count == 2, "rows changed: \(move.changedRows)")
        #expect(!ScreenReaderRun.clearsScreen(move.bytes))
        move = try await r.pressMeasured("Up")
        #expect(move.shot.row.hasPrefix(" > [ ] 1  Yes") && move.changedRows.count == 2 && !ScreenReaderRun.clearsScreen(move.bytes))
        shot = try await r.press("Enter")

        // preload asked: Up twice from nothing = the last row, then the one above
        #expect(shot.lines[2].hasPrefix(" segment"))
        try await r.press("Up")
        shot = try await r.press("Up")
        #expect(shot.row.contains("2  Business"))
        shot = try await r.press("Enter")

        // number: a rejected answer says "Error:" and leaves the cursor in the field
        #expect(shot.lines[2].hasPrefix(" age"))
        shot = try await r.answer("150")
        #expect(shot.lines[22].hasPrefix(" Error: Out of range: 0"), "\(shot.lines[22])")
        #expect(shot.row == "> Answer: 150" && shot.x == 13)
        shot = try await r.press("F4")
        #expect(shot.lines[2].hasPrefix(" age_note"))
        shot = try await r.press("Enter")

        // text; then F6 puts the cursor on the question's first word, F7 says where we are
        shot = try await r.answer("Acme")
        #expect(shot.lines[2].hasPrefix(" staff"))
        shot = try await r.press("F6", focus: false)
        #expect(shot.y == 3 && shot.x == 1 && shot.row.hasPrefix(" About how many people work at Acme?"),
                "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("F7")
        #expect(shot.y == 22 && shot.row.hasPrefix(" Note: question 7 of at most 21"), "\(ScreenReaderRun.marked(shot))")
        #expect(shot.row.contains("case E002") && shot.row.contains("elapsed ") && shot.row.contains(" second"), "\(shot.row)")
        shot = try await r.press("Escape")  // any key: back to the field
        #expect(shot.row.hasPrefix("> Answer:"))
        shot = try await r.press("F3")

        // multi: Space marks the row under the focus, [x]; typed codes too
        #expect(shot.lines[2].hasPrefix(" channels"))
        try await r.press("Down")
        move = try await r.pressMeasured("Down")
        #expect(move.changedRows.count == 2 && !ScreenReaderRun.clearsScreen(move.bytes), "multi: rows \(move.changedRows)")
        try await r.press("Up")
        shot = try await r.press("Space")
        #expect(shot.row.hasPrefix(" > [x] "), "\(shot.row)")
        shot = try await r.press("Space")
        #expect(shot.row.hasPrefix(" > [ ] "))
        shot = try await r.type("1 8")
        #expect(shot.lines.contains { $0.hasPrefix("   [x] 1  Telephone") })
        #expect(shot.lines.contains { $0.hasPrefix("   [x] 8  Something else …") })
        shot = try await r.press("Enter")
        // other: the specification
        #expect(shot.lines.contains { $0.contains("Specify: Something else") })
        shot = try await r.answer("pigeon")

        // number with a fill; Ctrl-D dk
        #expect(shot.lines.contains { $0.contains("You used: Telephone, Something else.") })
        shot = try await r.press("C-d")

        // a soft warning: the cursor on "Warning:"; Enter confirms
        shot = try await r.answer("450.5")
        #expect(shot.row.hasPrefix(" Warning: An organisation spending over 400 euro") && shot.x == 1, "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")

        // a pattern refused, then Ctrl-R
        shot = try await r.answer("12ab")
        #expect(shot.lines[22].hasPrefix(" Error: Not in the required format"))
        shot = try await r.press("C-r")

        // a note: the prompt is the focus, then "Note: Note saved"; a resize keeps the focus
        #expect(shot.lines[2].hasPrefix(" nickname"))
        shot = try await r.press("F5")
        #expect(shot.row == "> Note:" && shot.x == 8, "\(shot.row)")
        #expect(shot.lines[22] == " Note on this question (Enter saves, Esc cancels):")
        shot = try await r.type("busy")
        #expect(shot.row.hasSuffix("busy") && shot.x == shot.row.count)
        shot = try await r.press("Enter")
        #expect(shot.lines[22] == " Note: Note saved")
        shot = try await r.resize(width: 100, height: 30)
        #expect(shot.row == "> Answer:" && shot.y == 27)
        shot = try await r.resize(width: 60, height: 20)
        #expect(shot.row.contains("Warning: Enlarge the window to at least 80"), "\(ScreenReaderRun.marked(shot))")
        shot = try await r.resize(width: 80, height: 24)
        #expect(shot.row == "> Answer:" && shot.y == 21)
        // the end and suspend dialogs: their prompt is the focus; Esc goes back to the field
        shot = try await r.press("F10")
        #expect(shot.row == "> End: 1 refused, 2 break-off" && shot.x == 29, "\(shot.row)")
        shot = try await r.press("Escape")
        #expect(shot.row == "> Answer:")
        shot = try await r.press("F9")
        #expect(shot.row == "> Suspend, reason:" && shot.x == 19, "\(shot.row)")
        shot = try await r.press("Escape")
        #expect(shot.row == "> Answer:")
        shot = try await r.answer("Bob")
        #expect(shot.lines[2].hasPrefix(" nice"))
        shot = try await r.press("Enter")

        // scale, then the grid: the cursor in the current item's cell
        shot = try await r.answer("10")
        let values = ["speed": "1", "courtesy": "4", "clarity": "5"]
        for _ in 0..<3 {
            let row = try #require(Self.focusRow(shot), "\(shot.lines)")
            let item = try #require(row.dropFirst(3).split(separator: " ").first.map(String.init))
            let value = try #require(values[item])
            shot = try await r.type(value)
            #expect(shot.row.hasPrefix(" > \(item)") && shot.row.contains("= \(value)"), "\(shot.row)")
            shot = try await r.press("Enter")
        }
        #expect(shot.row.hasPrefix(" Warning: Very high overall mark but very low mark for speed"), "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Enter")

        // the hard check: the cursor on "Error:", Down moves over the answers involved
        shot = try await r.answer("3")
        shot = try await r.answer("3")
        #expect(shot.row.hasPrefix(" Error: check failed: At least one person"), "\(ScreenReaderRun.marked(shot))")
        try await r.press("Down")
        move = try await r.pressMeasured("Down")
        #expect(move.shot.row.hasPrefix(" > 2  under14 = 3") && move.shot.x == 1, "\(move.shot.row)")
        #expect(move.changedRows.count == 2 && !ScreenReaderRun.clearsScreen(move.bytes))
        shot = try await r.press("Enter")
        #expect(shot.lines[2].hasPrefix(" under14") && shot.row == "> Answer: 3")
        try await r.press("BSpace")
        shot = try await r.answer("1")

        #expect(shot.lines[2].hasPrefix(" bye"))
        shot = try await r.press("Enter")
        #expect(shot.lines.contains { $0.contains("Interview complete. Press Enter to save") })
        #expect(shot.row.hasPrefix("> save: Enter"), "\(shot.row)")
        shot = try await r.press("Enter")
        #expect(shot.lines.contains { $0.contains("Saved: ") && $0.contains("(complete)") })
        #expect(shot.row.hasPrefix("> Choice:"))
        try r.session.sendKeys("q")
        #expect(try await r.screen.waitForExit() == 0)

        let records = try r.screen.records()
        #expect(records.count == 1)
        #expect(records.first?["status"] as? String == "complete")
        let glyphs = ScreenReaderRun.glyphs(in: r.output)
        #expect(glyphs.isEmpty, "glyphs written: \(Set(glyphs))")
        #expect(r.output.count > 1000, "the output was captured")
        #expect(!r.output.contains(7), "no bell unless asked")
        #expect(ScreenReaderRun.setsColour(r.output), "colours stay for partial sight when NO_COLOR is unset")
        try? r.transcript.joined(separator: "\n").write(toFile: "/tmp/cati-sr-every-kind.txt", atomically: true, encoding: .utf8)
    }

    /// The idle check can fail: the normal screen's clock writes every second.
    @Test func theNormalScreenWritesWhileIdleSoTheIdleCheckCanFail() async throws {
        let folder = try ScratchFolder()
        let cati = try CatiExecutable.path()
        let r = try ScreenReaderRun(command: [cati, "interview", Self.file, "--data", folder.path("data"), "--interviewer",
                                              "maria", "--sample", try Self.sample(folder)], data: folder.path("data"))
        try await r.started()
        try r.session.sendKeys("Enter")
        _ = try await r.settled(afterKey: 1)
        #expect(try await r.bytesWrittenWhileIdle(seconds: 5) > 0)
        #expect(!ScreenReaderRun.glyphs(in: r.output).isEmpty, "the normal screen draws its │ lines")
    }
}

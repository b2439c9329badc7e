import CatiCore
import CatiTUI
import Testing

extension InterviewViewTests {
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
}

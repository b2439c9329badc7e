import CatiTestSupport
import Foundation
import Testing

/// `cati monitor --screen-reader` in tmux: the cursor at the start of the panel's first
/// row after every key, the panel shown marked `>` on the tab line; nothing written while
/// the data stay the same, a repaint when they change; no glyph (bars in ASCII).
@Suite(.serialized)
struct ScreenReaderMonitorTests {
    @Test func theMonitorRepaintsOnAKeyOrNewDataOnlyWithTheCursorOnThePanel() async throws {
        let folder = try ScratchFolder("monitor-sr")
        try folder.write("mon.cati", MonitorScreenTests.questionnaire)
        let file = folder.path("mon.cati"), data = folder.path("data")
        let cati = try CatiExecutable.path()
        let made = try await ChildProcess.run([cati, "simulate", file, "--data", data, "-n", "0"], directory: folder.path)
        #expect(made.status == 0, "\(made.stderr)")
        let r = try ScreenReaderRun(command: [cati, "monitor", file, "--data", data, "--screen-reader"], data: data,
                                    width: 100, height: 30)
        var shot = try await r.started()
        #expect(shot.lines[0].contains("0 finished"))
        #expect(shot.lines[1].hasPrefix(" >1 Quotas"), "\(shot.lines[1])")
        #expect(shot.y == 3 && shot.x == 0 && !shot.row.isEmpty, "\(ScreenReaderRun.marked(shot))")
        #expect(try await r.bytesWrittenWhileIdle(seconds: 5) == 0, "no clock, no self-repaint")

        shot = try await r.press("2", focus: false)
        #expect(shot.lines[1].contains(">2 "), "\(shot.lines[1])")
        #expect(shot.y == 3 && shot.x == 0, "\(ScreenReaderRun.marked(shot))")
        shot = try await r.press("Tab", focus: false)
        #expect(shot.lines[1].contains(">3 ") && shot.y == 3 && shot.x == 0)
        shot = try await r.press("1", focus: false)
        #expect(shot.y == 3 && shot.x == 0)

        // New data: the screen repaints by itself, once, and the cursor stays on the panel.
        let more = try await ChildProcess.run([cati, "simulate", file, "--data", data, "-n", "3", "--seed", "1"],
                                              directory: folder.path)
        #expect(more.status == 0, "\(more.stderr)")
        try await r.session.waitUntil("3 finished shown") { $0.split(separator: "\n").first?.contains("3 finished") == true }
        shot = try r.snapshot()
        #expect(shot.x == 0 && shot.y == 3, "\(ScreenReaderRun.marked(shot))")
        #expect(try await r.bytesWrittenWhileIdle(seconds: 3) == 0, "quiet again once the change is shown")

        try r.session.sendKeys("q")
        #expect(try await r.screen.waitForExit() == 0)
        let glyphs = ScreenReaderRun.glyphs(in: r.output)
        #expect(glyphs.isEmpty, "glyphs: \(Set(glyphs))")
        #expect(String(decoding: r.output, as: UTF8.self).contains("#"), "the quota bars are drawn in ASCII")
    }
}

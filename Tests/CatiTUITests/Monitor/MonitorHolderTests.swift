import CatiCore
@testable import CatiTUI
import Testing

/// The Now panel names who holds each interview in progress and marks a holder that
/// has pressed no key for long as stale (issue 22).
@Suite struct MonitorHolderTests {
    typealias F = MonitorFixtures

    static func held(_ interviewer: String, lastKeySecondsAgo: Double) -> LiveInterview {
        LiveInterview(id: "01\(interviewer.uppercased())", interviewer: interviewer, respondent: "R-\(interviewer)",
                      question: "aspetti", started: F.now - 20 * 60, lastActivity: F.now - 30 * 60 + 1,
                      state: .active, holder: "\(interviewer)@cc-host pid 4242", lastKey: F.now - lastKeySecondsAgo)
    }

    @Test func aHolderIsNamedAndOneWithoutKeysForLongIsStale() throws {
        let live = [Self.held("maria", lastKeySecondsAgo: 20), Self.held("luca", lastKeySecondsAgo: 600)]
        let (frame, _) = MonitorScreenTests.frame(try F.figures([], live: live), keys: [.char("2")])
        let maria = try #require(frame.lines.first { $0.hasPrefix("maria") })
        #expect(maria.hasSuffix(" 0  maria@cc-host pid 4242    in progress"), "idle counts from the last key: \(maria)")
        let luca = try #require(frame.lines.first { $0.hasPrefix("luca") })
        #expect(luca.hasSuffix(" 10  luca@cc-host pid 4242     stale"), "\(luca)")
        #expect(frame.lines.contains { $0.contains("idle  held by") && $0.hasSuffix("state") })
        let row = frame[try #require(MonitorScreenTests.line(frame, containing: "stale"))]
        #expect(row.spans.contains { $0.text == "stale" && $0.style == .warning })
    }
}

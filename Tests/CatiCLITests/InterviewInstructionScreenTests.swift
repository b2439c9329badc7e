import CatiTestSupport
import Foundation
import Testing

/// End to end: interviewer instructions of cc_parma.cati in a real terminal (tmux,
/// 80×24): shown on their own line, marked "»", in a colour of their own (black on
/// cyan), apart from the text the interviewer reads aloud.
@Suite(.serialized)
struct InterviewInstructionScreenTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")

    /// The pane's line holding `text`, with its SGR escapes.
    static func escapedLine(_ s: InterviewScreen, containing text: String) throws -> String? {
        try s.session.screen(escapes: true).split(separator: "\n").map(String.init).first { $0.contains(text) }
    }

    /// Whether an SGR sequence in `line` sets background cyan (46), alone or among others.
    static func hasCyanBackground(_ line: String) -> Bool {
        line.contains("\u{1B}[46m") || line.contains(";46m") || line.contains(";46;") || line.contains("[46;")
    }

    @Test func instructionsAreDrawnApartFromTheTextToRead() async throws {
        let folder = try ScratchFolder()
        let s = try InterviewScreen(Self.file, data: folder.path("data"), arguments: ["--sample", Self.sample])
        _ = try await s.waitFor("Chiamare:")
        try s.session.sendKeys("Enter")
        var screen = try await s.waitForQuestion("intro")
        let lines = screen.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0.contains("LEGGERE L'INFORMATIVA SULLA PRIVACY PER INTERO") })
        #expect(lines[at].hasPrefix("   » LEGGERE"), "own line, indented and marked: \(lines[at])")
        #expect(lines[at - 1].contains("in qualsiasi momento."), "below the text it is about")
        #expect(!screen.contains("(LEGGERE)"), "the text to read holds no instruction")
        let instruction = try #require(try Self.escapedLine(s, containing: "LEGGERE L'INFORMATIVA"))
        #expect(Self.hasCyanBackground(instruction), "instruction in its colour: \(instruction.debugDescription)")
        let spoken = try #require(try Self.escapedLine(s, containing: "Buongiorno, sono maria"))
        #expect(!Self.hasCyanBackground(spoken), "text to read in the plain style: \(spoken.debugDescription)")
        try s.answer("")
        _ = try await s.waitForQuestion("consenso")
        try s.answer("1")
        screen = try await s.waitForQuestion("eta")
        #expect(screen.contains(" Posso chiederle in quale fascia d'età si trova?\n   » LEGGERE LE FASCE"), "\(screen)")
        let eta = try #require(try Self.escapedLine(s, containing: "LEGGERE LE FASCE"))
        #expect(Self.hasCyanBackground(eta), "\(eta.debugDescription)")
    }
}

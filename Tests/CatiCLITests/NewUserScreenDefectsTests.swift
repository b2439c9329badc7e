import CatiTestSupport
import Foundation
import Testing

/// Issue 11: what a new user met on the interviewer screen, driven in tmux with the
/// real binary. Each test is named after what the user saw.
@Suite(.serialized)
struct NewUserScreenDefectsTests {
    static let ccParma = InterviewFiles.questionnaire("cc_parma.cati")

    /// The first `rows` cases of the bundled sample.
    static func sample(_ scratch: ScratchFolder, rows: Int, extra: [String] = []) throws -> String {
        let text = try String(contentsOfFile: InterviewFiles.questionnaire("cc_parma-sample.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        try scratch.write("sample.csv", (lines.prefix(rows + 1) + extra).joined(separator: "\n") + "\n")
        return scratch.path("sample.csv")
    }

    static func simulate(_ n: Int, sample: String, data: String, in scratch: ScratchFolder) async throws {
        let result = try await ChildProcess.run([try ChildProcess.cati(), "simulate", ccParma, "--data", data,
                                                 "-n", "\(n)", "--sample", sample, "-q"], directory: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// The case offered on the next-interview screen ("   R0003   Anna Bianchi").
    static func offered(_ screen: String) -> String? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let call = lines.firstIndex(of: " Chiamare:"), call + 1 < lines.count else { return nil }
        return lines[call + 1].split(separator: " ").first.map(String.init)
    }

    // MARK: - 3. `n` got stuck after one pass through the sample

    @Test func nOnTheNextInterviewScreenGoesRoundEveryFreeCaseAndSaysWhenNoneIsLeft() async throws {
        let scratch = try ScratchFolder("n-cycle")
        let data = scratch.path("data")
        let sample = try Self.sample(scratch, rows: 4)
        try await Self.simulate(1, sample: sample, data: data, in: scratch)  // R0001 is done
        let maria = try InterviewScreen(Self.ccParma, data: data, arguments: ["--sample", sample])
        var seen: [String] = []
        var screen = try await maria.waitFor("   R0002   ")
        seen.append(Self.offered(screen) ?? "?")
        for _ in 0..<6 {
            let before = Self.offered(screen)
            try maria.session.sendKeys("n")
            screen = try await maria.session.waitUntil("another case is offered") { Self.offered($0) != before }
            seen.append(Self.offered(screen) ?? "?")
            if seen.last == "R0002" {
                #expect(maria.message(of: screen).contains("Fine del campione: si riparte dal primo caso ancora da chiamare"),
                        "\(screen)")
            }
        }
        #expect(seen == ["R0002", "R0003", "R0004", "R0002", "R0003", "R0004", "R0002"])

        // Another process takes R0002 and R0003: n offers R0004, then says it is the last.
        try await Self.simulate(2, sample: sample, data: data, in: scratch)
        try maria.session.sendKeys("n")
        screen = try await maria.session.waitUntil("R0004 is offered") { Self.offered($0) == "R0004" }
        try maria.session.sendKeys("n")
        screen = try await maria.waitForMessage("Nessun altro caso da chiamare: questo è l'ultimo")
        #expect(Self.offered(screen) == "R0004")
        // And when R0004 goes too: none is left, and the screen says so.
        try await Self.simulate(1, sample: sample, data: data, in: scratch)
        try maria.session.sendKeys("n")
        screen = try await maria.waitForMessage("Nessun caso da chiamare nel campione")
        #expect(screen.contains(" Nessun caso da chiamare nel campione."), "\(screen)")
        #expect(Self.offered(screen) == nil)
        try maria.session.sendKeys("q")
        #expect(try await maria.waitForExit() == 0)
    }

    // MARK: - 8. A stale "Nessuna intervista 'x' da riprendere" stayed after n

    @Test func theNoInterviewToResumeMessageGoesAwayAfterN() async throws {
        let scratch = try ScratchFolder("stale-message")
        let sample = try Self.sample(scratch, rows: 3)
        let maria = try InterviewScreen(Self.ccParma, data: scratch.path("data"), arguments: ["--sample", sample])
        try await maria.waitFor("   R0001   ")
        try maria.session.type("x")
        try maria.session.sendKeys("Enter")
        try await maria.waitForMessage("Nessuna intervista 'x' da riprendere")
        try maria.session.sendKeys("n")
        let screen = try await maria.session.waitUntil("R0002 is offered") { Self.offered($0) == "R0002" }
        #expect(maria.message(of: screen).trimmingCharacters(in: .whitespaces).isEmpty, "\(screen)")
        try maria.session.sendKeys("q")
        #expect(try await maria.waitForExit() == 0)
    }

    // MARK: - 7. Sample warnings never reached the interviewer

    @Test func sampleWarningsAreShownAndCountedOnTheNextInterviewScreenAndStillOnStderr() async throws {
        let scratch = try ScratchFolder("sample-warnings")
        let sample = try Self.sample(scratch, rows: 3, extra: [
            "R0002,Giuseppe Doppio,339 000 0000,privato,tributi",
            "R0099,Senza Motivo,339 000 0001,privato",
        ])
        let maria = try InterviewScreen(Self.ccParma, data: scratch.path("data"), arguments: ["--sample", sample])
        let screen = try await maria.waitFor("Campione: 2 righe escluse:")
        // Each warning whole, wrapped under the count.
        let shown = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(shown.contains("\(sample):5: duplicate id 'R0002' (first at line 3); row left out"), "\(screen)")
        #expect(shown.contains("\(sample):6: 4 fields, the header has 5; row left out"), "\(screen)")
        #expect(screen.contains("   R0001   Maria Rossi"), "the usable rows are offered:\n\(screen)")
        try maria.session.sendKeys("q")
        #expect(try await maria.waitForExit() == 0)
        #expect(maria.stderrLog.contains("warning: \(sample):5: duplicate id 'R0002' (first at line 3); row left out"),
                "\(maria.stderrLog)")
        #expect(maria.stderrLog.contains("warning: \(sample):6: 4 fields, the header has 5; row left out"))
    }
}

import CatiCore
import CatiTUI
import Foundation
import Testing

/// Whole 80×24 screens of the repository's questionnaires, compared with the text
/// files in Tests/Fixtures/screen/ (one per screen, as an interviewer sees it). A
/// layout change shows up as a diff a reviewer can read. To write the files again after
/// an intended change: `CATI_UPDATE_SCREENS=1 swift test --filter InterviewGoldenScreenTests`.
@Suite struct InterviewGoldenScreenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func source(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("questionnaires/\(name)"), encoding: .utf8)
    }

    static let r0001 = ["id": "R0001", "name": "Maria Rossi", "phone": "0521 234 517", "tipo": "privato",
                        "motivo": "anagrafe"]

    static func ccParma() throws -> ScreenRun {
        try ScreenRun(source("cc_parma.cati"), id: "01JDX4GOLDENSCREEN0000001", sample: r0001)
    }

    /// Compares `frame` with the fixture (trailing spaces trimmed, 24 lines).
    func check(_ frame: Frame, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = Self.root.appendingPathComponent("Tests/Fixtures/screen/\(name).txt")
        let actual = frame.lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["CATI_UPDATE_SCREENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let diff = (0..<max(a.count, e.count)).compactMap { k -> String? in
                let x = k < a.count ? String(a[k]) : "∅", y = k < e.count ? String(e[k]) : "∅"
                return x == y ? nil : "line \(k + 1):\n  want: \(y)\n  got:  \(x)"
            }
            Issue.record("screen \(name) differs from Tests/Fixtures/screen/\(name).txt:\n\(diff.joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
        }
    }

    @Test func ccParmaIntro() throws {
        var run = try Self.ccParma()
        run.clock += 4
        try check(run.frame(), "cc_parma-intro")
    }

    @Test func ccParmaRefusedCode() throws {
        var run = try Self.ccParma()
        try run.answers("")
        try run.type("7")
        try check(run.frame(), "cc_parma-consenso-refused")
    }

    @Test func ccParmaMultiMarked() throws {
        var run = try Self.ccParma()
        try run.answers("", "1", "2")
        try run.press(.down, .char(" "), .down, .down, .char(" "))
        try check(run.frame(), "cc_parma-canali")
    }

    @Test func ccParmaGridHalfway() throws {
        var run = try Self.ccParma()
        try run.answers("", "1", "2", "1 2", "5", "7", "8", "6")
        try check(run.frame(), "cc_parma-aspetti")
    }

    @Test func ccParmaWarning() throws {
        var run = try Self.ccParma()
        try run.answers("", "1", "2", "1 2", "5", "2", "2", "2", "2", "2", "2", "2", "10")
        #expect(run.at == "warning")
        try check(run.frame(), "cc_parma-warning")
    }

    @Test func ccParmaEnding() throws {
        var run = try Self.ccParma()
        try run.answers("", "1", "2", "1 2", "5", "7", "8", "6", "9", "4", "3", "10", "8", "3", "2", "", "1", "3", "1", "")
        #expect(run.at == "end:complete")
        try check(run.frame(), "cc_parma-ending")
    }

    @Test func ccParmaTooSmall() throws {
        try check(Self.ccParma().frame(Size(width: 60, height: 24)), "cc_parma-too-small")
    }

    @Test func everyKindCheckFailed() throws {
        var run = try ScreenRun(Self.source("every_kind.cati"), id: "01JDX4GOLDENSCREEN0000002",
                                sample: ["id": "E001", "name": "Test One", "phone": "555 0101", "region": "north"])
        try run.answers("", "1", "2", "45", "Acme Srl")
        try run.press(.function(3))
        try run.answers("1", "4")
        try run.press(.function(3))
        try run.answers("43121", "", "7", "3", "3", "3", "2", "2")
        #expect(run.at == "check")
        try check(run.frame(), "every_kind-check")
    }

    @Test func nextInterviewWithSample() throws {
        let model = NextInterviewModel(
            survey: "cc_parma", interviewer: "maria", language: .it,
            nextCase: SampleRecord(id: "R0002", fields: ["id": "R0002", "name": "Giuseppe Ferrari",
                                                         "phone": "339 482 1175"]),
            hasSample: true, caseValues: ["tipo: privato", "motivo: tributi"], casesLeft: 39, resumable: [],
            lastSaved: "Salvata: 01JDX4GOLDENSCREEN0000001 (complete)", message: nil)
        try check(model.frame(Size(width: 80, height: 24)), "cc_parma-next-interview")
    }
}

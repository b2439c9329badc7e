import CatiTestSupport
import Foundation
import Testing

/// `cati audit verify` on a trail written by the real commands (init, settings, report),
/// then on copies with one line edited, one removed and two swapped: exit 1, and the
/// message names the line.
struct AuditVerifyTests {
    func run(_ arguments: [String]) throws -> QuotaCLI.Output { try QuotaCLI.run(arguments) }

    @Test func verifyPassesOnAnIntactTrailAndNamesAnEditedARemovedAndASwappedLine() throws {
        let scratch = try ScratchFolder("audit")
        let file = QuotaCLI.fixture("race")
        let data = scratch.path("data")
        #expect(try run(["init", file, "--data", data]).status == 0)
        #expect(try run(["simulate", file, "--data", data, "-n", "3", "-q"]).status == 0)
        #expect(try run(["settings", file, "--data", data, "--set", "shared_account=true"]).status == 0)
        for format in ["json", "csv", "markdown"] {
            let report = try run(["report", file, "--data", data, "--format", format])
            #expect(report.status == 0, "\(report.stderr)")
        }
        let intact = try run(["audit", "verify", file, "--data", data])
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(intact.stdout.hasPrefix("audit trail intact: 5 entries"), "\(intact.stdout)")
        let show = try run(["audit", "show", file, "--data", data, "-n", "2"])
        #expect(show.stdout.split(separator: "\n").count == 2 && show.stdout.contains("  report  "), "\(show.stdout)")

        let audit = data + "/audit.jsonl"
        let original = try String(contentsOfFile: audit, encoding: .utf8)
        let lines = original.split(separator: "\n").map(String.init)
        func verify(_ changed: [String]) throws -> QuotaCLI.Output {
            try (changed.joined(separator: "\n") + "\n").write(toFile: audit, atomically: false, encoding: .utf8)
            return try run(["audit", "verify", file, "--data", data])
        }
        var edited = lines
        edited[1] = edited[1].replacingOccurrences(of: "\"action\":\"settings\"", with: "\"action\":\"shift-start\"")
        #expect(edited != lines)
        let e = try verify(edited)
        #expect(e.status == 1)
        #expect(e.stderr.contains("audit.jsonl:2: edited"), "\(e.stderr)")

        var removed = lines
        removed.remove(at: 2)
        let r = try verify(removed)
        #expect(r.status == 1)
        #expect(r.stderr.contains("audit.jsonl:3: line removed before this one: no entry has seq 3"), "\(r.stderr)")

        var swapped = lines
        swapped.swapAt(2, 3)
        let s = try verify(swapped)
        #expect(s.status == 1)
        #expect(s.stderr.contains("audit.jsonl:4: out of order: seq 3 comes after seq 4 on line 3"), "\(s.stderr)")

        let back = try verify(lines)
        #expect(back.status == 0, "the original again: \(back.stderr)")
    }

    @Test func aFolderWithoutSettingsHasNoTrailAndSaysSo() throws {
        let scratch = try ScratchFolder("audit-none")
        let file = QuotaCLI.fixture("race")
        let data = scratch.path("data")
        #expect(try run(["simulate", file, "--data", data, "-n", "1", "-q"]).status == 0)
        let out = try run(["audit", "verify", file, "--data", data])
        #expect(out.status == 1)
        #expect(out.stderr.contains("keeps no audit trail"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/audit.jsonl"))
    }
}

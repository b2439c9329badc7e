import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// A file large enough to be read in parts on several cores: the figures are those of
/// one copy of the data, with every count multiplied, and a damaged line in a later
/// part is reported with its line number in the whole file.
@Suite struct ReportLargeFileTests {
    @Test func aFileReadInPartsGivesTheSameFiguresAndLineNumbers() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-large", under: "/dev/shm")
        let one = try String(contentsOfFile: run.folder + "/interviews.jsonl", encoding: .utf8)
        let oneLines = one.split(separator: "\n").count
        let copies = max(2, (80 << 20) / one.utf8.count + 1)   // over 64 MB: at least two parts of 32 MB
        let data = scratch.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let handle = try #require(FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: data + "/interviews.jsonl", contents: nil); return data + "/interviews.jsonl" }()))
        let badAt = (copies - 1) * oneLines + 1   // the first line of the last copy
        for k in 0..<copies {
            if k == copies - 1 { handle.write(Data("not json at all\n".utf8)) }
            handle.write(Data(one.utf8))
        }
        try handle.close()

        let single = try await ReportCLI.json(run.folder, in: scratch.path)
        let result = try await ReportCLI.run(data, ["--format", "json"], in: scratch.path)
        #expect(result.stderr.contains("interviews.jsonl:\(badAt): warning: not a JSON record; line skipped"), "\(result.stderr)")
        let many = try #require(JSONParser.parse(result.stdout))
        #expect(many["completes"]?.intValue == copies * (single["completes"]?.intValue ?? -1))
        let a = single["questions"]?.arrayValue ?? [], b = many["questions"]?.arrayValue ?? []
        #expect(a.count == b.count && !a.isEmpty)
        for (x, y) in zip(a, b) {
            #expect(y["n"]?.intValue == copies * (x["n"]?.intValue ?? -1))
            #expect(y["mean"] == x["mean"] && y["dissatisfied_pct"] == x["dissatisfied_pct"] && y["dk_pct"] == x["dk_pct"])
            #expect(y["distribution"]?["10"]?.intValue == copies * (x["distribution"]?["10"]?.intValue ?? -1))
        }
        #expect(many["numbers"]?.arrayValue?.first?["median"] == single["numbers"]?.arrayValue?.first?["median"])
    }
}

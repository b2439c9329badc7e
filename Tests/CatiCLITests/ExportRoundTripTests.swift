import CatiCore
import CatiTestSupport
import Foundation
import Testing

/// `cati export` read back by the programs researchers open it in: Python's csv module,
/// PSPP (the .sps run to a .sav, read with pyreadstat) and triple_s; every answer of
/// interviews.jsonl and every label of the codebook must come back.
@Suite(.serialized) struct ExportRoundTripTests {
    @Test func csvReadWithPythonsCSVModuleGivesEveryAnswer() async throws {
        let fixture = try await ExportFixture("export-csv")
        let out = fixture.scratch.path("cc.csv")
        let run = try await fixture.export(["--status", "all", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("exported"))
        let check = try await fixture.check(["csv", fixture.jsonl, "all", out, fixture.scratch.path("cc-codebook.csv")])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("records checked"))

        // The neutralised cells as a spreadsheet user sees them in the file.
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains(#","'=HYPERLINK(""http://x"",""clic"")","#))
        #expect(text.contains(",'+39 0521 40521,"))
        #expect(text.contains(",'@SUM(1+1),"))
        #expect(text.contains(",-5,"), "a number stays a number")
        #expect(text.contains(",''apostrofo iniziale,"))
        #expect(text.contains("\"prima riga\nseconda riga, con virgola\r\nterza\""))
        #expect(FileManager.default.fileExists(atPath: fixture.scratch.path("cc-codebook.md")))
    }

    @Test func spssSyntaxRunsInPSPPWithoutWarningToALabelledSav() async throws {
        try #require(ChildProcess.available("pspp"), "pspp is installed by .ci/setup")
        let fixture = try await ExportFixture("export-spss")
        let folder = fixture.scratch.path("spss")
        let run = try await fixture.export(["--format", "spss", "--status", "all", "--out", folder])
        #expect(run.status == 0, "\(run.stderr)")
        let check = try await fixture.check(["spss", fixture.jsonl, "all", folder + "/cc_parma.sps",
                                             folder + "/cc_parma-codebook.csv"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("records checked"))
        #expect(FileManager.default.fileExists(atPath: folder + "/cc_parma.sav"))
    }

    @Test func tripleSReadWithTripleSGivesEveryLabelAndValue() async throws {
        let fixture = try await ExportFixture("export-sss")
        let folder = fixture.scratch.path("sss")
        let run = try await fixture.export(["--format", "sss", "--out", folder])
        #expect(run.status == 0, "\(run.stderr)")
        let check = try await fixture.check(["sss", fixture.jsonl, "complete", folder + "/cc_parma.sss",
                                             folder + "/cc_parma.csv", folder + "/cc_parma-codebook.csv"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("records checked"))
    }

    @Test func everyKindQuestionnaireRoundTripsInAllThreeFormats() async throws {
        let scratch = try ScratchFolder("export-every", under: "/dev/shm")
        let data = scratch.path("data")
        let sim = try await SimFiles.simulate(SimFiles.everyKind, data: data, n: 120, seed: 5, sample: false, in: scratch.path)
        try #require(sim.status == 0, "\(sim.stderr)")
        let cati = try ChildProcess.cati()
        let jsonl = data + "/interviews.jsonl"
        let checker = ExportFixture.checker
        for format in ["csv", "spss", "sss"] {
            let out = scratch.path(format)
            let run = try await ChildProcess.run([cati, "export", SimFiles.everyKind, "--data", data, "--format", format,
                                                  "--status", "all", "--out", format == "csv" ? out + ".csv" : out],
                                                 directory: scratch.path)
            #expect(run.status == 0, "\(format): \(run.stderr)")
            let args: [String]
            switch format {
            case "csv": args = ["csv", jsonl, "all", out + ".csv", out + "-codebook.csv"]
            case "spss": args = ["spss", jsonl, "all", out + "/every_kind.sps", out + "/every_kind-codebook.csv"]
            default: args = ["sss", jsonl, "all", out + "/every_kind.sss", out + "/every_kind.csv", out + "/every_kind-codebook.csv"]
            }
            let check = try await ChildProcess.run(["python3", checker] + args, directory: scratch.path, timeout: .seconds(300))
            #expect(check.status == 0, "\(format): \(check.stdout)\(check.stderr)")
        }
    }
}

import CatiCore
import CatiTestSupport
import Foundation
import Testing

/// A questionnaire with loops (servizi_parma.cati) exported: each round's variables are
/// columns named by code (`voto_servizio_3`), labelled with the round's text; CSV, the
/// SPSS syntax run by PSPP, Triple-S read by triple_s and JSONL give every answer back.
@Suite(.serialized) struct ExportLoopTests {
    static let file = RepositoryFiles.file("questionnaires/servizi_parma.cati")

    @Test func loopedQuestionnaireRoundTripsInEveryFormat() async throws {
        let scratch = try ScratchFolder("export-loops", under: "/dev/shm")
        let data = scratch.path("data")
        let sim = try await SimFiles.simulate(Self.file, data: data, n: 150, seed: 7, sample: false, in: scratch.path)
        try #require(sim.status == 0, "\(sim.stderr)")
        let cati = try ChildProcess.cati()
        let jsonl = data + "/interviews.jsonl"
        for format in ["csv", "spss", "sss"] {
            if format == "spss" { try #require(ChildProcess.available("pspp"), "pspp is installed by .ci/setup") }
            let out = scratch.path(format)
            let run = try await ChildProcess.run([cati, "export", Self.file, "--data", data, "--format", format,
                                                  "--status", "all", "--out", format == "csv" ? out + ".csv" : out],
                                                 directory: scratch.path)
            #expect(run.status == 0, "\(format): \(run.stderr)")
            let args: [String]
            switch format {
            case "csv": args = ["csv", jsonl, "all", out + ".csv", out + "-codebook.csv"]
            case "spss": args = ["spss", jsonl, "all", out + "/servizi_parma.sps", out + "/servizi_parma-codebook.csv"]
            default: args = ["sss", jsonl, "all", out + "/servizi_parma.sss", out + "/servizi_parma.csv",
                             out + "/servizi_parma-codebook.csv"]
            }
            let check = try await ChildProcess.run(["python3", ExportFixture.checker] + args, directory: scratch.path,
                                                   timeout: .seconds(300))
            #expect(check.status == 0, "\(format): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("records checked"), "\(format): \(check.stdout)")
        }

        // The columns a researcher looks for, and the round's label in the codebook.
        let csv = try String(contentsOfFile: scratch.path("csv.csv"), encoding: .utf8)
        let header = csv.split(separator: "\n").first.map(String.init) ?? ""
        for column in ["voto_servizio_1", "canale_1", "perche_servizio_1", "voto_servizio_4", "risolto_3", "tutti_risolti"] {
            #expect(header.split(separator: ",").contains(Substring(column)), "column \(column) in \(header)")
        }
        let codebook = try String(contentsOfFile: scratch.path("csv-codebook.csv"), encoding: .utf8)
        #expect(codebook.contains("voto_servizio_3,voto_servizio_3,scale,,\"Che voto dà al servizio Servizi scolastici, da 1 a 10?\""),
                "\(codebook.prefix(2000))")
        let sps = try String(contentsOfFile: scratch.path("spss") + "/servizi_parma.sps", encoding: .utf8)
        #expect(sps.contains("voto_servizio_3"))

        // JSONL: the records as they are, one per line, rounds keyed by code.
        let out = scratch.path("loops.jsonl")
        let run = try await ChildProcess.run([cati, "export", Self.file, "--data", data, "--format", "jsonl", "--out", out],
                                             directory: scratch.path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 150)
        var roundsSeen = 0
        for line in lines {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let answers = try #require(record["answers"] as? [String: Any])
            let chosen = (answers["servizi"] as? [Int]) ?? []
            for code in 1...4 {
                #expect((answers["voto_servizio_\(code)"] != nil) == chosen.contains(code),
                        "a round exactly for each chosen code: \(answers)")
            }
            roundsSeen += chosen.count
        }
        #expect(roundsSeen > 150)
    }
}

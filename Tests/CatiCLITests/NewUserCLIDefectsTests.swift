import Foundation
import Testing

/// Issue 11: what a new user met running the release binary from the README, as the
/// real binary shows it. Each test is named after what the user saw.
struct NewUserCLIDefectsTests {
    static let ccParma = RepositoryFiles.file("questionnaires/cc_parma.cati")

    static func run(_ arguments: [String], in scratch: ScratchFolder) async throws -> ChildProcess.Result {
        try await ChildProcess.run([try ChildProcess.cati()] + arguments, directory: scratch.path)
    }

    // MARK: - 1. `cati quotas` on a wrong folder showed an empty survey

    @Test(arguments: [
        ("missing", "Error: no data folder '%@': nothing was interviewed there (a wrong --data? 'cati interview' and 'cati simulate' create it)"),
        ("plain-file", "Error: '%@' is a file, not a data folder (--data names the folder that holds interviews.jsonl)"),
        ("empty-folder", "Error: '%@' is not a data folder: it has no interviews.jsonl, journal/ or places/"),
        ("other-survey", "Error: '%@' is the data folder of survey 'altra', not of 'cc_parma'"),
    ])
    func quotasOnAWrongDataFolderNoLongerShowsAnEmptySurvey(kind: String, message: String) async throws {
        let scratch = try ScratchFolder("quotas-wrong")
        let data = scratch.path("data")
        switch kind {
        case "plain-file": try scratch.write("data", "not a folder\n")
        case "empty-folder": try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        case "other-survey":
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try scratch.write("data/interviews.jsonl", #"{"survey":"altra","version":1,"id":"X","status":"complete"}"# + "\n")
        default: break
        }
        for json in [false, true] {
            let result = try await Self.run(["quotas", Self.ccParma, "--data", data] + (json ? ["--json"] : []), in: scratch)
            #expect(result.status == 1, "\(kind): \(result.stdout)")
            #expect(result.stdout.isEmpty, "\(kind): no table: \(result.stdout)")
            #expect(result.stderr == message.replacingOccurrences(of: "%@", with: data) + "\n")
        }
        if kind == "missing" { #expect(!FileManager.default.fileExists(atPath: data), "a reading command created it") }
        // The default folder (data/cc_parma under the current folder) is held to the same rule.
        if kind == "missing" {
            let result = try await Self.run(["quotas", Self.ccParma], in: scratch)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("Error: no data folder 'data/cc_parma'"), "\(result.stderr)")
        }
    }

    @Test func quotasOnAFolderAWritingCommandMadeShowsTheTable() async throws {
        let scratch = try ScratchFolder("quotas-made")
        let data = scratch.path("data")
        let made = try await Self.run(["simulate", Self.ccParma, "--data", data, "-n", "0"], in: scratch)
        #expect(made.status == 0, "\(made.stderr)")
        let result = try await Self.run(["quotas", Self.ccParma, "--data", data], in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("privato,anagrafe"), "\(result.stdout)")
        let three = try await Self.run(["simulate", Self.ccParma, "--data", data, "-n", "3"], in: scratch)
        #expect(three.status == 0, "\(three.stderr)")
        let after = try await Self.run(["quotas", Self.ccParma, "--data", data, "--json"], in: scratch)
        #expect(after.status == 0, "\(after.stderr)")
    }

    // MARK: - 5. A directory given as the questionnaire

    @Test(arguments: ["check", "quotas", "simulate", "interview"])
    func aDirectoryGivenAsTheQuestionnaireIsSaidToBeADirectory(command: String) async throws {
        let scratch = try ScratchFolder("questionnaire-dir")
        let folder = scratch.path("questionnaires")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try await Self.run([command, folder], in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: cannot read questionnaire '\(folder)': it is a directory, not a .cati file\n")
    }
}

import CatiTestSupport
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

    // MARK: - 6. A sample file with a non-UTF-8 byte was rejected whole, with no position

    @Test func aSampleWithANonUTF8ByteNamesTheLineAndTheByteAndKeepsTheOtherRows() async throws {
        let scratch = try ScratchFolder("sample-latin1")
        let bundled = try Data(contentsOf: URL(fileURLWithPath: SimFiles.fortyCaseSample))
        var bytes = [UInt8](bundled)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        // Line 42: "Nicolò Cantù" saved as Latin-1 (ò = 0xF2, ù = 0xF9); line 43 is fine.
        bytes += Array("R0100,Nicol".utf8) + [0xF2] + Array(" Cant".utf8) + [0xF9] + Array(",0521 000 000,privato,anagrafe\n".utf8)
        bytes += Array("R0101,Ok Row,0521 000 001,privato,anagrafe\n".utf8)
        let sample = scratch.path("sample.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: sample))
        let data = scratch.path("data")
        let result = try await Self.run(["simulate", Self.ccParma, "--data", data, "-n", "100", "--sample", sample], in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "warning: \(sample):42: byte 0xF2 (byte 12 of the line) is not UTF-8 text "
                + "(save the file as UTF-8); row left out", "\(result.stderr)")
        let respondents = try QuotaJSONL(path: data + "/interviews.jsonl").records.compactMap { $0["respondent"] as? String }
        #expect(respondents.count == 41, "the 40 bundled rows and R0101 are usable")
        #expect(respondents.contains("R0101") && !respondents.contains("R0100"))

        // A header that is not UTF-8 leaves nothing to read: exit 1, with where.
        try Data(Array("id,n".utf8) + [0xE9] + Array("me,phone\nR1,x,1\n".utf8)).write(to: URL(fileURLWithPath: sample))
        let header = try await Self.run(["simulate", Self.ccParma, "--data", data, "-n", "1", "--sample", sample], in: scratch)
        #expect(header.status == 1)
        #expect(header.stderr == "Error: \(sample): line 1 (the header row): byte 0xE9 (byte 5 of the line) is not UTF-8 text; "
                + "save the file as UTF-8\n", "\(header.stderr)")
    }
}

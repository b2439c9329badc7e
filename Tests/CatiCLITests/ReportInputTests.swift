import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// `cati report` on data that is not a clean finished survey: no interviews, another
/// questionnaire version, a scale answered only "don't know", damaged lines. Each gives
/// a clear line and figures without NaN or a division by zero.
@Suite struct ReportInputTests {
    /// Writes `records` (one JSON object per line) as a data folder's interviews.jsonl.
    static func folder(_ scratch: ScratchFolder, _ lines: [String], trailing: String = "") throws -> String {
        let data = scratch.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try (lines.map { $0 + "\n" }.joined() + trailing).write(toFile: data + "/interviews.jsonl", atomically: true, encoding: .utf8)
        return data
    }

    static func noBadNumbers(_ text: String) -> Bool {
        // Swift prints NaN and infinities as "nan", "inf", "-inf"; JavaScript as "NaN", "Infinity".
        let tokens = Set(text.split { !$0.isLetter }.map(String.init))
        return tokens.isDisjoint(with: ["nan", "NaN", "inf", "Infinity"])
    }

    @Test func noInterviewsAtAllIsOneLineAndAValidReport() async throws {
        let scratch = try ScratchFolder("report-empty")
        let data = scratch.path("nothing-yet")
        // A data folder made by a writing command, before its first record.
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: data + "/interviews.jsonl", contents: Data())
        for format in ["terminal", "markdown", "csv", "json", "html"] {
            let result = try await ReportCLI.run(data, ["--format", format], in: scratch.path)
            #expect(result.stderr == "note: No interviews yet: the data holds no record, so there is nothing to report.\n", "\(format)")
            #expect(Self.noBadNumbers(result.stdout), "\(format)")
        }
        let json = try await ReportCLI.json(data, in: scratch.path)
        #expect(json["completes"]?.intValue == 0)
        let voto = json["questions"]?.arrayValue?.last
        #expect(voto?["n"]?.intValue == 0)
        #expect(voto?["mean"] == .null && voto?["ci95"] == .null && voto?["dissatisfied_pct"] == .null && voto?["dk_pct"] == .null)

        // A folder that does not exist is a mistyped --data, not an empty survey.
        let missing = scratch.path("nothing-here")
        let wrong = try await ReportCLI.run(missing, ["--format", "json"], in: scratch.path, expectStatus: 1)
        #expect(wrong.stderr.contains("no data folder"), "\(wrong.stderr)")
        #expect(wrong.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: missing), "reading creates no data folder")
    }

    @Test func recordsButNoCompleteSaySo() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-no-complete")
        let others = run.records.filter { $0["status"]?.stringValue != "complete" }.prefix(30).map(\.serialized)
        let data = try Self.folder(scratch, Array(others))
        let result = try await ReportCLI.run(data, [], in: scratch.path)
        #expect(result.stderr.contains("note: No complete interviews among the 30 records: there is nothing to report yet."), "\(result.stderr)")
        #expect(result.stdout.contains("0 complete interviews"))
    }

    @Test func anotherQuestionnaireVersionIsCountedApartOrChosenWithVersion() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-versions")
        let completes = run.completes
        // The first 40 completes as if from version 2 of the questionnaire.
        let lines = completes.enumerated().map { k, r in
            k < 40 ? r.serialized.replacingOccurrences(of: #""version":1,"#, with: #""version":2,"#) : r.serialized
        }
        let data = try Self.folder(scratch, lines)
        let mine = try await ReportCLI.run(data, ["--format", "json"], in: scratch.path)
        #expect(mine.stderr.contains("note: 40 complete interviews are of another questionnaire version (version 2: 40) and not in these figures"),
                "\(mine.stderr)")
        let json = try #require(JSONParser.parse(mine.stdout))
        #expect(json["completes"]?.intValue == completes.count - 40)
        #expect(json["other_versions_excluded"]?.intValue == 40)
        #expect(json["completes_by_version"]?["2"]?.intValue == 40)
        let votoMine = completes.dropFirst(40).compactMap { $0["answers"]?["voto"]?.intValue }
        #expect(json["questions"]?.arrayValue?.last?["n"]?.intValue == votoMine.count)

        let all = try await ReportCLI.json(data, ["--version", "all"], in: scratch.path)
        #expect(all["completes"]?.intValue == completes.count)
        let two = try await ReportCLI.json(data, ["--version", "2"], in: scratch.path)
        #expect(two["completes"]?.intValue == 40)
        let bad = try await ReportCLI.run(data, ["--version", "due"], in: scratch.path, expectStatus: 1)
        #expect(bad.stderr == "Error: --version due: give a version number or 'all'\n")
    }

    @Test func recordsOfAnotherFileOfTheSameVersionAreCountedAndNamed() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-other-file")
        let sha = try #require(run.completes.first?["questionnaire_sha256"]?.stringValue)
        let lines = run.completes.enumerated().map { k, r in
            k < 7 ? r.serialized.replacingOccurrences(of: sha, with: String(repeating: "0", count: 64)) : r.serialized
        }
        let data = try Self.folder(scratch, lines)
        let result = try await ReportCLI.run(data, ["--format", "json"], in: scratch.path)
        #expect(result.stderr.contains("note: 7 of these complete interviews were recorded with another file of the questionnaire"),
                "\(result.stderr)")
        let json = try #require(JSONParser.parse(result.stdout))
        #expect(json["other_file_completes"]?.intValue == 7)
        #expect(json["completes"]?.intValue == run.completes.count, "still reported: same version")
        let clean = try await ReportCLI.run(run.folder, ["--format", "json"], in: scratch.path)
        #expect(!clean.stderr.contains("another file"), "records of the file itself: no note")
    }

    @Test func aScaleAnsweredOnlyDontKnowHasNoMeanAndSaysWhy() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-all-dk")
        let lines = run.completes.prefix(50).map { r -> String in
            guard case .object(var members) = r, let a = members.firstIndex(where: { $0.0 == "answers" }),
                  case .object(var answers) = members[a].1 else { return r.serialized }
            if let v = answers.firstIndex(where: { $0.0 == "voto" }) { answers[v].1 = .object([("missing", .string("dk"))]) }
            members[a].1 = .object(answers)
            return JSON.object(members).serialized
        }
        let data = try Self.folder(scratch, lines)
        for format in ["terminal", "markdown", "csv", "html"] {
            let result = try await ReportCLI.run(data, ["--format", format], in: scratch.path)
            #expect(result.stderr.contains("note: voto: every answer is don't know or refused (50 asked): no mean."), "\(result.stderr)")
            #expect(Self.noBadNumbers(result.stdout), "\(format)")
        }
        let json = try await ReportCLI.json(data, in: scratch.path)
        let voto = json["questions"]?.arrayValue?.last
        #expect(voto?["n"]?.intValue == 0 && voto?["mean"] == .null && voto?["ci95"] == .null && voto?["dissatisfied_pct"] == .null)
        #expect(voto?["dk_pct"]?.number == 100)
        #expect(json["aspects"]?.arrayValue?.contains { $0["name"]?.stringValue == "voto" } == false, "no share, no rank")
    }

    @Test func damagedLinesAreNamedAndTheRestCounted() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-damaged")
        var lines = run.completes.prefix(20).map(\.serialized)
        lines.insert("{\"survey\":\"cc_parma\",\"status\":\"compl", at: 5)
        let data = try Self.folder(scratch, lines, trailing: String(lines[0].prefix(80)))
        let json = try await ReportCLI.run(data, ["--format", "json"], in: scratch.path)
        #expect(json.stderr.contains("interviews.jsonl:6: warning: not a JSON record; line skipped"), "\(json.stderr)")
        #expect(json.stderr.contains("interviews.jsonl:22: warning: torn last line (no newline at the end); line skipped"), "\(json.stderr)")
        #expect(JSONParser.parse(json.stdout)?["completes"]?.intValue == 20)
    }
}

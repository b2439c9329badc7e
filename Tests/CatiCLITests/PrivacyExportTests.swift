import CatiTestSupport
import CatiCore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 20, item 2: an export has no personal column unless a supervisor asks
/// (audited); `--pseudonymise` gives the same pseudonym to the same case every time.
struct PrivacyExportTests {
    /// cc_parma with a personal sample column (`email`) and an ordinary one.
    static func setUp() async throws -> (ScratchFolder, String) {
        let scratch = try ScratchFolder("privacy-export", under: "/dev/shm")
        let text = try String(contentsOfFile: SimFiles.ccParma, encoding: .utf8)
        let marked = text.replacingOccurrences(of: "\nsingle consenso",
                                               with: "\nsample email text \"E-mail\" personal\nsingle consenso")
        #expect(marked != text)
        try scratch.write("q.cati", marked)
        let rows = try String(contentsOfFile: SimFiles.ccParmaSample, encoding: .utf8).components(separatedBy: "\r\n")
            .prefix(31).filter { !$0.isEmpty }.enumerated()
            .map { $0.offset == 0 ? $0.element + ",email" : $0.element + ",case\($0.offset)@example.org" }
        try scratch.write("sample.csv", rows.joined(separator: "\n") + "\n")
        let cati = try ChildProcess.cati()
        let sim = try await ChildProcess.run([cati, "simulate", scratch.path("q.cati"), "--data", scratch.path("data"),
                                              "--sample", scratch.path("sample.csv"), "-n", "20", "-q"], directory: scratch.path)
        #expect(sim.status == 0, "\(sim.stderr)")
        return (scratch, cati)
    }

    static func export(_ scratch: ScratchFolder, _ cati: String, _ flags: [String], out: String) async throws -> ChildProcess.Result {
        try await ChildProcess.run([cati, "export", scratch.path("q.cati"), "--data", scratch.path("data"),
                                    "--status", "all", "--out", scratch.path(out), "--force"] + flags, directory: scratch.path)
    }

    static func header(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return String(text.prefix { $0 != "\r" && $0 != "\n" }).split(separator: ",").map(String.init)
    }

    @Test func withoutFlagsNoPersonalColumnWithIncludePersonalTheyAreThereAndAudited() async throws {
        let (scratch, cati) = try await Self.setUp()
        let records = try String(contentsOfFile: scratch.path("data/interviews.jsonl"), encoding: .utf8)
        #expect(!records.contains("example.org") && !records.contains("\"email\""), "a personal sample variable is not recorded")
        let plain = try await Self.export(scratch, cati, [], out: "plain.csv")
        #expect(plain.status == 0, "\(plain.stderr)")
        let columns = try Self.header(scratch.path("plain.csv"))
        #expect(columns.prefix(2) == ["id", "respondent"] && columns.contains("consenso"))
        for personal in ["name", "phone", "email"] { #expect(!columns.contains(personal), "\(personal) in \(columns)") }
        let book = try String(contentsOfFile: scratch.path("plain-codebook.md"), encoding: .utf8)
        #expect(book.contains("Left out (personal: docs/privacy.md): `name`, `phone`, `email`"), "\(book.suffix(400))")

        let refused = try await Self.export(scratch, cati, ["--include-personal"], out: "x.csv")
        #expect(refused.status == 1 && refused.stderr.contains("--include-personal needs --sample"), "\(refused.stderr)")

        let full = try await Self.export(scratch, cati, ["--include-personal", "--sample", scratch.path("sample.csv")], out: "full.csv")
        #expect(full.status == 0, "\(full.stderr)")
        let fullColumns = try Self.header(scratch.path("full.csv"))
        for personal in ["name", "phone", "email"] { #expect(fullColumns.contains(personal), "\(personal) not in \(fullColumns)") }
        let data = try String(contentsOfFile: scratch.path("full.csv"), encoding: .utf8)
        #expect(data.contains("Maria Rossi,0521 234 517") && data.contains("case1@example.org"), "\(data.prefix(600))")
        let fullBook = try String(contentsOfFile: scratch.path("full-codebook.md"), encoding: .utf8)
        #expect(fullBook.contains("Included at a supervisor's request"))
    }

    @Test func pseudonymsAreTheSameInTwoExportsAndHideTheIds() async throws {
        let (scratch, cati) = try await Self.setUp()
        for (k, format) in [(1, "csv"), (2, "csv"), (3, "jsonl")] {
            let run = try await Self.export(scratch, cati, ["--pseudonymise", "--format", format], out: "p\(k).\(format)")
            #expect(run.status == 0, "\(run.stderr)")
        }
        let first = try String(contentsOfFile: scratch.path("p1.csv"), encoding: .utf8)
        let second = try String(contentsOfFile: scratch.path("p2.csv"), encoding: .utf8)
        #expect(first == second, "the same pseudonyms in two exports")
        let rows = first.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 20)
        for row in rows {
            for cell in row.prefix(3) { #expect(cell.count == 16 && cell.allSatisfy(\.isHexDigit), "\(row.prefix(3))") }
        }
        #expect(Set(rows.map { $0[1] }).count == 20, "one pseudonym per case")
        #expect(!first.contains("R00") && !first.contains("simulator"))
        let jsonl = try String(contentsOfFile: scratch.path("p3.jsonl"), encoding: .utf8)
        #expect(!jsonl.contains("\"R00") && !jsonl.contains("simulator"))
        // The pseudonym of a case is its keyed hash with the survey's key, kept in the folder.
        let keyText = try String(contentsOfFile: scratch.path("data/pseudonym.key"), encoding: .utf8)
        let key = try #require(Hex.decode(keyText.trimmingCharacters(in: .whitespacesAndNewlines)))
        let record = try #require(JSONParser.parseObject(Array(try String(contentsOfFile: scratch.path("data/interviews.jsonl"),
                                                                          encoding: .utf8).split(separator: "\n")[0].utf8)))
        let respondent = try #require(record["respondent"]?.stringValue)
        #expect(first.contains("," + RecordPrivacy.pseudonym(respondent, field: "respondent", key: key) + ","))
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.path("data/pseudonym.key"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// With real logins (issue 19): interviewers may neither erase nor export personal
/// data; the supervisor's erase and personal export are audited without a name or phone.
@Suite(.serialized, .enabled(if: SharedHost.possible, "needs root, runuser, useradd and groupadd"))
struct PrivacyLoginsTests {
    @Test func onlyTheSupervisorErasesOrExportsPersonalDataAndTheAuditTrailSaysWho() async throws {
        let host = try SharedHost(questionnaire: SimFiles.ccParma)
        let made = try await host.run("root", ["init", host.questionnaire, "--data", host.data, "--group", host.group,
                                               "--supervisor", host.supervisor])
        #expect(made.status == 0, "\(made.stderr)")
        let sampleText = try String(contentsOfFile: SimFiles.ccParmaSample, encoding: .utf8).components(separatedBy: "\r\n")
            .prefix(21).joined(separator: "\r\n") + "\r\n"
        let sample = try host.write("sample.csv", sampleText)
        let sim = try await host.run(host.interviewer1, ["simulate", host.questionnaire, "--data", host.data,
                                                         "--sample", sample, "-n", "10", "-q"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let out = host.root + "/out/personal.csv"
        let before = host.snapshot()
        for arguments in [["erase", host.questionnaire, "R0001", "--answers", "--data", host.data],
                          ["purge", host.questionnaire, "--personal", "--finished-before", "2100-01-01", "--data", host.data],
                          ["export", host.questionnaire, "--data", host.data, "--include-personal", "--sample", sample, "--out", out]] {
            let refused = try await host.run(host.interviewer2, arguments)
            #expect(refused.status == 1, "\(arguments[0])")
            #expect(refused.stderr.contains("needs the supervisor role"), "\(arguments[0]): \(refused.stderr)")
        }
        #expect(host.snapshot() == before, "a refused command writes nothing")
        let export = try await host.run(host.supervisor, ["export", host.questionnaire, "--data", host.data, "--status", "all",
                                                          "--include-personal", "--sample", sample, "--out", out])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Maria Rossi"))
        let erase = try await host.run(host.supervisor, ["erase", host.questionnaire, "R0001", "--answers", "--data", host.data])
        #expect(erase.status == 0, "\(erase.stderr)")
        let audit = try String(contentsOfFile: host.data + "/audit.jsonl", encoding: .utf8).split(separator: "\n").suffix(2)
        #expect(audit.first?.contains("\"action\":\"export\"") == true && audit.first?.contains("\"include_personal\":true") == true
                    && audit.first?.contains("\"login\":\"\(host.supervisor)\"") == true, "\(audit)")
        #expect(audit.last?.contains("\"action\":\"erase\"") == true && audit.last?.contains("\"cases\":[\"R0001\"]") == true, "\(audit)")
        for line in audit { #expect(!line.contains("Maria") && !line.contains("0521"), "\(line)") }
        let verify = try await host.run(host.supervisor, ["audit", "verify", host.questionnaire, "--data", host.data])
        #expect(verify.status == 0, "\(verify.stderr)")
        // The rewritten files keep the folder's group and modes.
        for name in ["interviews.jsonl", "erasures.jsonl"] {
            let mode = host.mode(host.data + "/" + name)
            #expect(mode?.mode == 0o660, "\(name): \(String(mode?.mode ?? 0, radix: 8))")
        }
    }
}

import CatiTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 19 with real logins: two interviewers and a supervisor in a Unix group, one
/// login outside it, every command run as one of them under `umask 077` on a folder
/// made by `cati init --group`. Needs root (CI runs as root): skipped otherwise.
@Suite(.serialized, .enabled(if: SharedHost.possible, "needs root, runuser, useradd and groupadd"))
struct SharedHostLoginsTests {
    static let race = QuotaCLI.fixture("race")
    static let targets: [String: [String: Int]] = [
        "tipo_motivo": ["privato,anagrafe": 3, "privato,tributi": 2, "privato,scuola": 1, "azienda,*": 4, "ente,altro": 5],
        "per_tipo": ["privato": 6, "azienda": 4, "ente": 5],
    ]

    /// The host with the survey set up by root for the group, the supervisor named.
    func host() async throws -> SharedHost {
        let host = try SharedHost(questionnaire: Self.race)
        let made = try await host.run("root", ["init", host.questionnaire, "--data", host.data, "--group", host.group,
                                               "--supervisor", host.supervisor])
        #expect(made.status == 0, "\(made.stderr)")
        return host
    }

    @Test func twoInterviewersRaceForTheLastPlacesUnderUmask077AndNeverOvershoot() async throws {
        let host = try await host()
        let children = try [host.interviewer1, host.interviewer2].enumerated().map { k, login in
            try host.start(login, ["simulate", host.questionnaire, "--data", host.data, "-n", "300", "--seed", "\(k + 7)", "-q"])
        }
        for child in children {
            let status = try await child.wait(timeout: .seconds(300))
            #expect(status == 0, "\(child.stderr)")
        }
        let records = try host.records()
        #expect(records.count == 600, "one record per interview of both logins")
        var completes: [String: [String: Int]] = [:]
        for record in records where record["status"] as? String == "complete" {
            for (quota, cell) in record["quota_cells"] as? [String: String] ?? [:] { completes[quota, default: [:]][cell, default: 0] += 1 }
        }
        for (quota, cells) in Self.targets {
            for (cell, target) in cells {
                let got = completes[quota]?[cell] ?? 0
                #expect(got <= target, "\(quota) \(cell): \(got) completes, target \(target)")
                #expect(got == target, "\(quota) \(cell): demand (600 interviews) exceeds the target: filled")
            }
        }
        // Each record carries the login that made it, from the kernel.
        let logins = records.compactMap { $0["login"] as? String }
        #expect(logins.filter { $0 == host.interviewer1 }.count == 300)
        #expect(logins.filter { $0 == host.interviewer2 }.count == 300)
        let switches = zip(logins, logins.dropFirst()).filter { $0 != $1 }.count
        #expect(switches >= 2, "the two logins' records interleave: they ran at once (\(switches) switches)")
        // Both logins' files are the group's, 0660, under umask 077; the folders 2770.
        for path in FileManager.default.subpaths(atPath: host.data) ?? [] {
            guard let m = host.mode(host.data + "/" + path) else { continue }
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: host.data + "/" + path, isDirectory: &isFolder)
            #expect(m.mode == (isFolder.boolValue ? 0o2770 : 0o660), "\(path): mode \(String(m.mode, radix: 8))")
            #expect(m.gid == host.groupID, "\(path): group")
        }
        let doctor = try await host.run(host.supervisor, ["doctor", host.questionnaire, "--data", host.data])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(doctor.stdout.contains("as they should be"))
        // The interviewers read the quota table: the file read by hand says the same.
        let quotas = try await host.run(host.interviewer2, ["quotas", host.questionnaire, "--data", host.data, "--json"])
        #expect(quotas.status == 0, "\(quotas.stderr)")
        #expect(quotas.stdout.contains("\"cell\":\"ente,altro\",\"target\":5,\"complete\":5"), "\(quotas.stdout)")
    }

    @Test func aCaseClaimedByOneInterviewerIsNeverInterviewedByTheOther() async throws {
        let host = try await host()
        let ids = (1...40).map { String(format: "R%03d", $0) }
        let sample = try host.write("sample.csv", "id\n" + ids.joined(separator: "\n") + "\n")
        let children = try [host.interviewer1, host.interviewer2].enumerated().map { k, login in
            try host.start(login, ["simulate", host.questionnaire, "--data", host.data, "--sample", sample, "-n", "40",
                                   "--seed", "\(k + 1)", "-q"])
        }
        for child in children {
            let status = try await child.wait(timeout: .seconds(300))
            #expect(status == 0, "\(child.stderr)")
        }
        let records = try host.records()
        let respondents = records.compactMap { $0["respondent"] as? String }
        #expect(respondents.count == 40, "every case once")
        #expect(Set(respondents) == Set(ids), "each case interviewed by one of the two, never both")
        let byLogin = Dictionary(grouping: records) { $0["login"] as? String ?? "?" }
        #expect(Set(byLogin.keys) == [host.interviewer1, host.interviewer2], "both worked: \(byLogin.keys)")
    }

    @Test func theOutsiderIsRefusedEverywhereAndQuotasNeverShowsZeros() async throws {
        let host = try await host()
        let sim = try await host.run(host.interviewer1, ["simulate", host.questionnaire, "--data", host.data, "-n", "5", "-q"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let before = host.snapshot()
        let quotas = try await host.run(host.outsider, ["quotas", host.questionnaire, "--data", host.data])
        #expect(quotas.status == 1)
        #expect(quotas.stdout.isEmpty, "no table of zeros: \(quotas.stdout)")
        #expect(quotas.stderr.contains("permission denied"), "\(quotas.stderr)")
        let commands: [[String]] = [
            ["simulate", host.questionnaire, "--data", host.data, "-n", "1"],
            ["report", host.questionnaire, "--data", host.data, "--out", host.root + "/out/outsider.md", "--format", "markdown"],
            ["monitor", host.questionnaire, "--data", host.data, "--json"],
            ["doctor", host.questionnaire, "--data", host.data],
            ["settings", host.questionnaire, "--data", host.data, "--set", "shared_account=true"],
            ["audit", "verify", host.questionnaire, "--data", host.data],
            ["interview", host.questionnaire, "--data", host.data],
        ]
        for arguments in commands {
            let out = try await host.run(host.outsider, arguments)
            #expect(out.status == 1, "\(arguments[0]) as the outsider: \(out.stdout)\(out.stderr)")
            #expect(out.stderr.hasPrefix("Error: ") && out.stderr.contains("ermission denied"),
                    "\(arguments[0]): \(out.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: host.root + "/out/outsider.md"))
        #expect(host.snapshot() == before, "the outsider changed nothing in the folder")
    }

    @Test func theUserVariableChangesNothingRecordedAndADeclaredNameNeedsASharedAccount() async throws {
        let host = try await host()
        let other = ["USER": "somebodyelse", "LOGNAME": "somebodyelse"]
        let sim = try await host.run(host.interviewer1, ["simulate", host.questionnaire, "--data", host.data, "-n", "3", "-q"],
                                     environment: other)
        #expect(sim.status == 0, "\(sim.stderr)")
        let records = try host.records()
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0["login"] as? String == host.interviewer1 }, "\(records.map { $0["login"] ?? "-" })")
        #expect(!(try String(contentsOfFile: host.data + "/interviews.jsonl", encoding: .utf8)).contains("somebodyelse"))

        // A call attempt recorded by `cati call` carries the login beside the interviewer.
        let sample = try host.write("calls.csv", "id\nR001\nR002\n")
        let call = try await host.run(host.interviewer1, ["call", host.questionnaire, "--data", host.data, "--sample", sample,
                                                          "--case", "R001", "--outcome", "no-answer"], environment: other)
        #expect(call.status == 0, "\(call.stderr)")
        let calls = try String(contentsOfFile: host.data + "/calls.jsonl", encoding: .utf8)
        #expect(calls.contains("\"interviewer\":\"\(host.interviewer1)\",\"login\":\"\(host.interviewer1)\""), "\(calls)")
        #expect(!calls.contains("somebodyelse"))
        let declaredCall = try await host.run(host.interviewer1, ["call", host.questionnaire, "--data", host.data, "--sample",
                                                                  sample, "--case", "R002", "--outcome", "busy",
                                                                  "--interviewer", "somebodyelse"])
        #expect(declaredCall.status == 1)
        #expect(declaredCall.stderr.contains("shared_account"), "\(declaredCall.stderr)")

        // `cati interview --interviewer NAME` on a survey without a shared account:
        // refused before any screen, and nothing written.
        let before = host.snapshot()
        let declared = try await host.run(host.interviewer1, ["interview", host.questionnaire, "--data", host.data,
                                                              "--interviewer", "somebodyelse"], environment: other)
        #expect(declared.status == 1)
        #expect(declared.stderr.contains("shared_account"), "\(declared.stderr)")
        #expect(host.snapshot() == before)
        // The supervisor allows a shared account (recorded in the audit trail).
        let set = try await host.run(host.supervisor, ["settings", host.questionnaire, "--data", host.data,
                                                       "--set", "shared_account=true"], environment: other)
        #expect(set.status == 0, "\(set.stderr)")
        let audit = try String(contentsOfFile: host.data + "/audit.jsonl", encoding: .utf8)
        #expect(audit.contains("\"action\":\"settings\"") && audit.contains("\"login\":\"\(host.supervisor)\""), "\(audit)")
        #expect(!audit.contains("somebodyelse"))
    }

    @Test func anInterviewOnTheScreenRecordsTheKernelsLoginWhateverUserSaysAndItsShift() async throws {
        let host = try await host()
        let command = ["runuser", "-u", host.interviewer1, "--", "env", "USER=somebodyelse", "LOGNAME=somebodyelse",
                       "/bin/sh", "-c", "umask 077; exec \"$0\" \"$@\"", host.cati, "interview", host.questionnaire,
                       "--data", host.data]
        let session = try TmuxSession(width: 80, height: 24, script: "\(TmuxSession.quote(command)); exit $?")
        // The pane (and the interviewer's process) goes before the logins are removed.
        defer { session.kill(); withExtendedLifetime(host) {} }
        let screen = try await session.waitFor("Enter")
        #expect(screen.contains(host.interviewer1), "the top line names the login: \(screen)")
        #expect(!screen.contains("somebodyelse"))
        try session.sendKeys("Enter")
        for answer in ["1", "1", "7", "1", "3"] {
            let before = try session.screen()
            try session.type(answer)
            try session.sendKeys("Enter")
            _ = try await session.waitUntil("the answer \(answer) is taken", timeout: .seconds(30)) { $0 != before }
        }
        _ = try await session.waitFor("Press Enter to save")
        try session.sendKeys("Enter")
        let deadline = ContinuousClock.now + .seconds(30)
        var records: [[String: Any]] = []
        while records.isEmpty, ContinuousClock.now < deadline {
            records = (try? host.records()) ?? []
            if records.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        }
        let shown = (try? session.screen()) ?? ""
        let record = try #require(records.first, "a record saved; screen:\n\(shown)")
        #expect(record["interviewer"] as? String == host.interviewer1)
        #expect(record["login"] as? String == host.interviewer1)
        #expect(record["identity"] as? String == "login")
        _ = try await session.waitFor("Enter")
        try session.type("q")
        #expect(try await session.waitForExit() == 0, "\(session.stderrLog)")
        let trail = try String(contentsOfFile: host.data + "/audit.jsonl", encoding: .utf8).split(separator: "\n")
        let actions = trail.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(actions.map { $0["action"] as? String ?? "?" } == ["init", "shift-start", "shift-end"], "\(trail)")
        #expect(actions.dropFirst().allSatisfy { $0["login"] as? String == host.interviewer1 && $0["interviewer"] as? String == host.interviewer1 })
        #expect(!trail.joined().contains("somebodyelse"))
    }

    @Test func anInterviewersReportIsRefusedAndWritesNothingASupervisorsIsAudited() async throws {
        let host = try await host()
        let sim = try await host.run(host.interviewer1, ["simulate", host.questionnaire, "--data", host.data, "-n", "10", "-q"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let before = host.snapshot()
        let out = host.root + "/out/report.md"
        for login in [host.interviewer1, host.interviewer2] {
            for arguments in [["report", host.questionnaire, "--data", host.data, "--format", "markdown", "--out", out],
                              ["monitor", host.questionnaire, "--data", host.data, "--json"],
                              ["settings", host.questionnaire, "--data", host.data, "--set", "supervisors=\(login)"],
                              ["audit", "verify", host.questionnaire, "--data", host.data]] {
                let refused = try await host.run(login, arguments)
                #expect(refused.status == 1, "\(arguments[0]) as \(login)")
                #expect(refused.stdout.isEmpty, "\(arguments[0]): \(refused.stdout)")
                #expect(refused.stderr.contains("needs the supervisor role") && refused.stderr.contains("'\(login)'"),
                        "\(arguments[0]): \(refused.stderr)")
            }
        }
        let exported = host.root + "/out/export.csv"
        for login in [host.interviewer1, host.interviewer2] {
            let refused = try await host.run(login, ["export", host.questionnaire, "--data", host.data, "--format", "csv",
                                                     "--out", exported])
            #expect(refused.status == 1, "export as \(login)")
            #expect(refused.stderr.contains("cati export needs the supervisor role"), "\(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: exported), "a refused export writes no file")
        #expect(!FileManager.default.fileExists(atPath: out), "a refused report writes no file")
        #expect(host.snapshot() == before, "a refused command writes nothing in the folder")

        let report = try await host.run(host.supervisor, ["report", host.questionnaire, "--data", host.data,
                                                          "--format", "markdown", "--out", out])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
        let lines = try String(contentsOfFile: host.data + "/audit.jsonl", encoding: .utf8).split(separator: "\n")
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
        #expect(last["action"] as? String == "report")
        #expect(last["login"] as? String == host.supervisor)
        #expect(last["out"] as? String == out)
        // The supervisor's monitor shows the latest entries of the trail.
        let monitor = try await host.run(host.supervisor, ["monitor", host.questionnaire, "--data", host.data, "--json"])
        #expect(monitor.status == 0, "\(monitor.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(monitor.stdout.utf8)) as? [String: Any])
        let entries = try #require(figures["audit"] as? [[String: Any]], "\(monitor.stdout.prefix(300))")
        #expect(entries.map { $0["action"] as? String ?? "?" } == ["init", "report"])
        let export = try await host.run(host.supervisor, ["export", host.questionnaire, "--data", host.data, "--format", "csv",
                                                          "--out", exported])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: exported))
        let exportEntry = try String(contentsOfFile: host.data + "/audit.jsonl", encoding: .utf8).split(separator: "\n").last ?? ""
        #expect(exportEntry.contains("\"action\":\"export\"") && exportEntry.contains("\"login\":\"\(host.supervisor)\""),
                "\(exportEntry)")
        let plain = try await host.run(host.supervisor, ["monitor", host.questionnaire, "--data", host.data, "--plain", "--once"])
        #expect(plain.stdout.contains("Audit trail (latest 3):") && plain.stdout.contains("report  \(host.supervisor)@")
                    && plain.stdout.contains("export  \(host.supervisor)@"),
                "\(plain.stdout)")
        let verify = try await host.run(host.supervisor, ["audit", "verify", host.questionnaire, "--data", host.data])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("audit trail intact: \(lines.count + 1) entries"), "\(verify.stdout)")
    }

    @Test func doctorNamesAFileLeft0644AndItsFix() async throws {
        let host = try await host()
        let sim = try await host.run(host.interviewer1, ["simulate", host.questionnaire, "--data", host.data, "-n", "2", "-q"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let records = host.data + "/interviews.jsonl"
        chmod(records, 0o644)
        let doctor = try await host.run(host.interviewer2, ["doctor", host.questionnaire, "--data", host.data])
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("\(records): mode 0644, not 0660"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("chmod 0660 \(records)"), "\(doctor.stdout)")
        #expect(!doctor.stdout.contains("audit.jsonl:"), "only the wrong file is named: \(doctor.stdout)")
        // A file given to another group, and a folder that lost its setgid bit.
        chown(host.data + "/settings.json", uid_t.max, 0)
        chmod(host.data + "/journal", 0o770)
        let again = try await host.run(host.supervisor, ["doctor", host.questionnaire, "--data", host.data])
        #expect(again.stdout.contains("chgrp \(host.group) \(host.data)/settings.json"), "\(again.stdout)")
        #expect(again.stdout.contains("chmod 2770 \(host.data)/journal"), "\(again.stdout)")
        // Its lines, run by the owner (root here), fix it.
        let fixes = again.stdout.split(separator: "\n").drop { !$0.hasPrefix("To fix") }.dropFirst()
        for fix in fixes { try SharedHost.shell(["sh", "-c", String(fix)]) }
        let fixed = try await host.run(host.supervisor, ["doctor", host.questionnaire, "--data", host.data])
        #expect(fixed.status == 0, "\(fixed.stdout)")
    }
}

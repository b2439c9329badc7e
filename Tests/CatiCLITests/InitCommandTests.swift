import CatiTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cati init` without real logins: the private folder it makes, what it refuses, and a
/// folder made earlier by `simulate` converted.
struct InitCommandTests {
    func mode(_ path: String) -> Int {
        var st = stat()
        return lstat(path, &st) == 0 ? Int(st.st_mode & 0o7777) : -1
    }

    @Test func initMakesAPrivateFolderWithSettingsAndATrailAndRefusesASecondTime() throws {
        let scratch = try ScratchFolder("init")
        let file = QuotaCLI.fixture("race")
        let data = scratch.path("data")
        let made = try QuotaCLI.run(["init", file, "--data", data])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("private to"), "\(made.stdout)")
        #expect(mode(data) == 0o700)
        for name in ["journal", "places", "claims"] { #expect(mode(data + "/" + name) == 0o700, "\(name)") }
        for name in ["interviews.jsonl", "quota.lock", "settings.json", "audit.jsonl"] {
            #expect(mode(data + "/" + name) == 0o600, "\(name)")
        }
        let settings = try String(contentsOfFile: data + "/settings.json", encoding: .utf8)
        #expect(settings.contains("\"group\":null") && settings.contains("\"shared_account\":false"), "\(settings)")
        let again = try QuotaCLI.run(["init", file, "--data", data])
        #expect(again.status == 1)
        #expect(again.stderr.contains("set up already"), "\(again.stderr)")
        let doctor = try QuotaCLI.run(["doctor", file, "--data", data])
        #expect(doctor.status == 0, "\(doctor.stdout)")
    }

    @Test func anUnknownGroupOrABadSettingIsRefusedAndMakesNothing() throws {
        let scratch = try ScratchFolder("init-bad")
        let file = QuotaCLI.fixture("race")
        let data = scratch.path("data")
        let noGroup = try QuotaCLI.run(["init", file, "--data", data, "--group", "no_such_group_cati_\(getpid())"])
        #expect(noGroup.status == 1)
        #expect(noGroup.stderr.contains("no Unix group"), "\(noGroup.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data))
        #expect(try QuotaCLI.run(["init", file, "--data", data]).status == 0)
        let bad = try QuotaCLI.run(["settings", file, "--data", data, "--set", "shared_account=maybe"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("shared_account is true or false"), "\(bad.stderr)")
        let trail = try String(contentsOfFile: data + "/audit.jsonl", encoding: .utf8)
        #expect(trail.split(separator: "\n").count == 1, "only init's entry: \(trail)")
    }

    @Test func aFolderMadeBySimulateIsConvertedAndItsRecordsKeepTheLogin() throws {
        let scratch = try ScratchFolder("init-convert")
        let file = QuotaCLI.fixture("race")
        let data = scratch.path("data")
        #expect(try QuotaCLI.run(["simulate", file, "--data", data, "-n", "2", "-q"]).status == 0)
        chmod(data + "/interviews.jsonl", 0o644)
        let made = try QuotaCLI.run(["init", file, "--data", data])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(mode(data + "/interviews.jsonl") == 0o600, "converted to the private mode")
        let records = try String(contentsOfFile: data + "/interviews.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(records.count == 2)
        let login = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        #expect(records.allSatisfy { $0.contains("\"interviewer\":\"simulator\",\"login\":\"\(login)\",\"identity\":\"declared\"") },
                "\(records)")
    }
}

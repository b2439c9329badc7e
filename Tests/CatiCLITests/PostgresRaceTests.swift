import CatiTestSupport
import Foundation
import Testing

/// The quota race of QuotaRaceTests on PostgreSQL: six `cati simulate --store
/// postgres://…` processes at once, each with its own connection (as interviewers on
/// several hosts would be), 240 interviews for 15 places. Every cell ends exactly at
/// its target, one record per interview, and `cati quotas --store` says the same as
/// the table read with psql.
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
struct PostgresRaceTests {
    static let processes = 6
    static let interviewsEach = 40

    /// A new database of the test cluster, for one round.
    static func database(_ label: String) throws -> String {
        let cluster = try PostgresTestServer.cluster()
        let name = "cati_\(label)_\(UInt32.random(in: 0...UInt32.max))"
        try PostgresTestServer.run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", cluster.url,
                                                     "-c", "CREATE DATABASE \(name)"])
        return cluster.url(database: name)
    }

    /// The records of the database's survey, one JSON line each, written to a file.
    static func dumpRecords(_ url: String, to path: String) throws {
        let lines = try PostgresTestServer.run("/usr/bin/psql", ["-X", "-At", url, "-c",
                                                                 "SELECT line FROM cati_interviews ORDER BY seq"])
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func concurrentSimulatorsOnPostgresFillEveryCellExactlyToItsTarget() throws {
        let file = QuotaCLI.fixture("race")
        for round in 1...2 {
            let url = try Self.database("race")
            let children = try (1...Self.processes).map { p in
                try QuotaCLI.Child(["simulate", file, "--store", url, "-n", "\(Self.interviewsEach)",
                                    "--seed", "\(round * 1000 + p)", "--interviewer", "sim\(p)", "-q"])
            }
            for (k, child) in children.enumerated() {
                #expect(child.wait() == 0, "round \(round), simulate \(k + 1): \(child.stderr)")
            }
            let scratch = try ScratchFolder("pgrace")
            let dump = scratch.path("records.jsonl")
            try Self.dumpRecords(url, to: dump)
            let jsonl = try QuotaJSONL(path: dump)
            #expect(jsonl.unreadable == 0)
            #expect(jsonl.records.count == Self.processes * Self.interviewsEach, "round \(round): one record per interview")
            let completes = jsonl.completes
            for (quota, cells) in QuotaRaceTests.targets {
                for (cell, target) in cells.sorted(by: { $0.key < $1.key }) {
                    #expect(completes[quota]?[cell] ?? 0 == target, "round \(round): \(quota) \(cell), target \(target)")
                }
            }
            let writers = jsonl.records.compactMap { $0["interviewer"] as? String }
            let switches = zip(writers, writers.dropFirst()).filter { $0 != $1 }.count
            #expect(switches >= Self.processes, "round \(round): the processes ran at once (\(switches) switches)")

            let out = try QuotaCLI.run(["quotas", file, "--store", url, "--json"])
            #expect(out.status == 0, "\(out.stderr)")
            let table = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
            for quota in try #require(table["quotas"] as? [[String: Any]]) {
                let name = try #require(quota["name"] as? String)
                for cell in try #require(quota["cells"] as? [[String: Any]]) {
                    let label = try #require(cell["cell"] as? String)
                    #expect(cell["complete"] as? Int == completes[name]?[label] ?? 0, "round \(round): \(name) \(label)")
                    #expect(cell["in_progress"] as? Int == 0)
                }
            }
        }
    }

    @Test func withoutStoreTheFolderIsUsedAndABadURLIsOneLine() throws {
        let file = QuotaCLI.fixture("race")
        let scratch = try ScratchFolder("pgurl")
        let folder = try QuotaCLI.run(["simulate", file, "--data", scratch.path("data"), "-n", "3", "-q"])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("data/interviews.jsonl")))

        let bad = try QuotaCLI.run(["quotas", file, "--store", "postgres://cati@127.0.0.1:1/nothing"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("Error: cannot use database postgres://cati@127.0.0.1:1/nothing"), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")

        let unknown = try QuotaCLI.run(["quotas", file, "--store", "mysql://x@y/z"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no store for 'mysql://'"), "\(unknown.stderr)")
    }

    @Test func aPasswordInTheURLWorksButWarnsThatPsShowsIt() throws {
        let url = try Self.database("pw").replacingOccurrences(of: "cati@", with: "cati:secret@")
        let file = QuotaCLI.fixture("race")
        let out = try QuotaCLI.run(["simulate", file, "--store", url, "-n", "2", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("'ps' shows it"), "\(out.stderr)")
        #expect(!out.stderr.contains("secret"))
    }

    @Test func catiStoreInTheEnvironmentSelectsTheDatabase() throws {
        let url = try Self.database("env")
        let file = QuotaCLI.fixture("race")
        let child = try QuotaCLI.Child(["CATI_STORE=" + url, try QuotaCLI.executable(), "simulate", file, "-n", "5", "-q"],
                                       executable: "/usr/bin/env")
        #expect(child.wait() == 0, "\(child.stderr)")
        let scratch = try ScratchFolder("pgenv")
        try Self.dumpRecords(url, to: scratch.path("r.jsonl"))
        #expect(try QuotaJSONL(path: scratch.path("r.jsonl")).records.count == 5)
    }
}

/// `cati store copy`: a survey from a data folder to PostgreSQL and back, nothing lost
/// or doubled, and a second run (as after an interruption) copies only what is missing.
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
struct PostgresCopyTests {
    func ids(_ path: String) throws -> [String] {
        try QuotaJSONL(path: path).records.compactMap { $0["id"] as? String }
    }

    @Test func aFolderSurveyCopiedToPostgresAndBackLosesAndDoublesNothing() throws {
        let file = QuotaCLI.fixture("race")
        let scratch = try ScratchFolder("pgcopy")
        let folder = scratch.path("data")
        #expect(try QuotaCLI.run(["simulate", file, "--data", folder, "-n", "30", "-q"]).status == 0)
        let url = try PostgresRaceTests.database("copy")

        // An interrupted copy: the database already has some of the records.
        let first = try QuotaCLI.run(["simulate", file, "--store", url, "-n", "0", "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = try String(contentsOfFile: folder + "/interviews.jsonl", encoding: .utf8).split(separator: "\n")
        let partial = scratch.path("partial")
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        try (lines.prefix(12).joined(separator: "\n") + "\n").write(toFile: partial + "/interviews.jsonl", atomically: true,
                                                                    encoding: .utf8)
        let some = try QuotaCLI.run(["store", "copy", file, "--from", partial, "--to", url])
        #expect(some.status == 0 && some.stdout.hasPrefix("12 records copied, 0 already there"), "\(some.stdout)\(some.stderr)")

        let rest = try QuotaCLI.run(["store", "copy", file, "--from", folder, "--to", url])
        #expect(rest.status == 0 && rest.stdout.hasPrefix("18 records copied, 12 already there"), "\(rest.stdout)\(rest.stderr)")
        let again = try QuotaCLI.run(["store", "copy", file, "--from", folder, "--to", url])
        #expect(again.stdout.hasPrefix("0 records copied, 30 already there"), "\(again.stdout)")

        let back = scratch.path("back")
        let home = try QuotaCLI.run(["store", "copy", file, "--from", url, "--to", back])
        #expect(home.status == 0 && home.stdout.hasPrefix("30 records copied"), "\(home.stdout)\(home.stderr)")
        #expect(Set(try ids(back + "/interviews.jsonl")) == Set(try ids(folder + "/interviews.jsonl")))
        #expect(try ids(back + "/interviews.jsonl").count == 30)

        let quotasFolder = try QuotaCLI.run(["quotas", file, "--data", folder, "--json"])
        let quotasDB = try QuotaCLI.run(["quotas", file, "--store", url, "--json"])
        #expect(quotasFolder.stdout == quotasDB.stdout, "the same counts in both stores")
    }
}

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

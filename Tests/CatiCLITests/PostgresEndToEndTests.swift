import CatiTestSupport
import Foundation
import Testing

/// One survey in PostgreSQL from end to end, as two sites would run it: two `cati
/// simulate --store postgres://…` processes at once, then `cati quotas`, `cati report`
/// and `cati export --format jsonl` against the same database. What they say is
/// checked against the table itself (read with psql) and against the same commands on a
/// data folder holding the same records (`cati store copy`).
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
struct PostgresEndToEndTests {
    static let each = 150

    @Test func twoSimulatorsThenQuotasReportAndExportReadTheDatabase() throws {
        let file = SimFiles.ccParma
        let url = try PostgresRaceTests.database("e2e")
        let children = try [1, 2].map { p in
            try QuotaCLI.Child(["simulate", file, "--store", url, "-n", "\(Self.each)", "--seed", "\(4_242 + p)",
                                "--interviewer", "site\(p)", "-q"])
        }
        for (k, child) in children.enumerated() { #expect(child.wait() == 0, "simulate \(k + 1): \(child.stderr)") }

        let scratch = try ScratchFolder("pge2e")
        try PostgresRaceTests.dumpRecords(url, to: scratch.path("table.jsonl"))
        let table = try QuotaJSONL(path: scratch.path("table.jsonl"))
        #expect(table.records.count == 2 * Self.each, "one record per interview")
        let ids = table.records.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "no record twice")
        #expect(Set(table.records.compactMap { $0["interviewer"] as? String }) == ["site1", "site2"])

        // cati quotas: the completes per cell of the table, nothing in progress.
        let quotas = try QuotaCLI.run(["quotas", file, "--store", url, "--json"])
        #expect(quotas.status == 0, "\(quotas.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(quotas.stdout.utf8)) as? [String: Any])
        let completes = table.completes
        var cells = 0
        for quota in try #require(object["quotas"] as? [[String: Any]]) {
            let name = try #require(quota["name"] as? String)
            for cell in try #require(quota["cells"] as? [[String: Any]]) {
                let label = try #require(cell["cell"] as? String)
                #expect(cell["complete"] as? Int == completes[name]?[label] ?? 0, "\(name) \(label)")
                #expect(cell["in_progress"] as? Int == 0)
                #expect((cell["complete"] as? Int ?? 0) <= (cell["target"] as? Int ?? 0), "\(name) \(label) not overshot")
                cells += 1
            }
        }
        #expect(cells > 0)

        // cati export --format jsonl: every record of the table, byte for byte.
        let out = scratch.path("export.jsonl")
        let export = try QuotaCLI.run(["export", file, "--store", url, "--format", "jsonl", "--status", "all", "--out", out])
        #expect(export.status == 0, "\(export.stderr)")
        let exported = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let dumped = try String(contentsOfFile: scratch.path("table.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(exported.sorted() == dumped.sorted(), "the export is the table's records")

        // cati report: the same report as on a data folder with the same records.
        let folder = scratch.path("data")
        let copy = try QuotaCLI.run(["store", "copy", file, "--from", url, "--to", folder])
        #expect(copy.status == 0, "\(copy.stderr)")
        let fromDB = try QuotaCLI.run(["report", file, "--store", url, "--format", "json"])
        let fromFolder = try QuotaCLI.run(["report", file, "--data", folder, "--format", "json"])
        #expect(fromDB.status == 0, "\(fromDB.stderr)")
        #expect(fromFolder.status == 0, "\(fromFolder.stderr)")
        #expect(!fromDB.stdout.isEmpty && fromDB.stdout == fromFolder.stdout, "the same figures from both stores")
        let quotasFolder = try QuotaCLI.run(["quotas", file, "--data", folder, "--json"])
        #expect(quotasFolder.stdout == quotas.stdout, "the same quota table from both stores")
    }

    @Test func initSettingsAndTheAuditTrailLiveInTheDatabaseAndAnEditedRowIsNamed() throws {
        let file = SimFiles.ccParma
        let url = try PostgresRaceTests.database("init")
        let first = try QuotaCLI.run(["init", file, "--store", url])
        #expect(first.status == 0 && first.stdout.contains("settings saved"), "\(first.stdout)\(first.stderr)")
        let again = try QuotaCLI.run(["init", file, "--store", url])
        #expect(again.status == 1 && again.stderr.contains("set up already"), "\(again.stderr)")
        let group = try QuotaCLI.run(["init", file, "--store", url, "--group", "cati"])
        #expect(group.status == 1 && group.stderr.contains("--group shares a data folder"), "\(group.stderr)")
        let set = try QuotaCLI.run(["settings", file, "--store", url, "--set", "shared_account=true"])
        #expect(set.status == 0, "\(set.stderr)")
        let shown = try QuotaCLI.run(["settings", file, "--store", url])
        #expect(shown.stdout.contains("\"shared_account\":true"), "\(shown.stdout)")
        let intact = try QuotaCLI.run(["audit", "verify", file, "--store", url])
        #expect(intact.status == 0 && intact.stdout.contains("intact: 2 entries"), "\(intact.stdout)\(intact.stderr)")

        // An owner who edits a row behind cati's back is found out, as on the file (the next row chains to it).
        try PostgresTestServer.run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c",
            "UPDATE cati_audit SET line = replace(line, '\"init\"', '\"ini7\"') "
            + "WHERE seq = (SELECT min(seq) FROM cati_audit)"])
        let broken = try QuotaCLI.run(["audit", "verify", file, "--store", url])
        #expect(broken.status == 1 && broken.stderr.contains("edited"), "\(broken.stdout)\(broken.stderr)")
    }
}

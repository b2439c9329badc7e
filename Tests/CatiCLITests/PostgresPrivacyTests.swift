import CatiCore
import CatiTestSupport
import Foundation
import Testing

/// Issue 20 on the database, checked as an auditor would: a `pg_dump` of the whole
/// database after a fieldwork of calls holds no name or phone of the sample; after
/// `cati erase --answers` it holds nothing of the erased cases but their line in
/// `cati_erasures` (which must name them, so that they are never called again), and
/// every other record is the same.
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
struct PostgresPrivacyTests {
    /// The data rows of a plain-text `pg_dump`, by table (`COPY public.T … FROM stdin;`
    /// up to `\.`).
    static func dump(_ url: String) throws -> [String: [String]] {
        let text = try PostgresTestServer.run(Self.pgDump, ["--data-only", "--no-owner", url])
        var tables: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let table = current {
                if line == "\\." { current = nil } else { tables[table, default: []].append(line) }
            } else if line.hasPrefix("COPY ") {
                let name = line.dropFirst(5).split(separator: " ").first.map(String.init) ?? ""
                current = name.split(separator: ".").last.map(String.init) ?? name
                tables[current!, default: []] = tables[current!] ?? []
            }
        }
        return tables
    }

    /// The pg_dump of the cluster's own version (Debian's wrapper picks it from the URL's
    /// server only with a cluster it knows of).
    static var pgDump: String {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let newest = versions.compactMap(Int.init).max()
        return newest.map { "/usr/lib/postgresql/\($0)/bin/pg_dump" } ?? "/usr/bin/pg_dump"
    }

    @Test func aDumpOfTheDatabaseHoldsNoNameOrPhoneAndNothingOfAnErasedCase() async throws {
        let url = try PostgresRaceTests.database("privacy")
        let scratch = try ScratchFolder("pgprivacy")
        try PrivacyCLITests.smallSample(scratch)
        let cati = try ChildProcess.cati()
        // Set up as a call centre would: with settings, so there is an audit trail.
        let setUp = try await ChildProcess.run([cati, "init", SimFiles.ccParma, "--store", url], directory: scratch.path)
        #expect(setUp.status == 0, "\(setUp.stderr)")
        let simulate = try await ChildProcess.run([cati, "simulate", SimFiles.ccParma, "--store", url, "--calls",
                                                   "--sample", scratch.path("sample.csv"), "--seed", "3",
                                                   "--start", "2026-11-30T08:00:00Z", "--days", "10"],
                                                  directory: scratch.path, timeout: .seconds(300))
        #expect(simulate.status == 0, "\(simulate.stderr)")

        let before = try Self.dump(url)
        let records = before["cati_interviews"] ?? []
        #expect(records.count > 5, "the fieldwork saved interviews")
        #expect((before["cati_attempts"] ?? []).count > records.count, "and more call attempts")
        let rows = try PrivacyCLITests.sampleRows(scratch)
        let all = before.values.joined().joined(separator: "\n")
        for row in rows {
            for value in [row.name, row.phone] where !value.isEmpty {
                #expect(!all.contains(value), "'\(value)' of \(row.id) is in the database")
            }
        }

        // Three interviewed cases erased with their answers.
        let interviewed = Set(records.flatMap { line in rows.map(\.id).filter { line.contains("\"\($0)\"") } })
        let gone = Array(interviewed.sorted().prefix(3))
        #expect(gone.count == 3)
        let erase = try await ChildProcess.run([cati, "erase", SimFiles.ccParma] + gone + ["--answers", "--store", url],
                                               directory: scratch.path)
        #expect(erase.status == 0, "\(erase.stderr)")
        // In a record's JSON ("R0001") or as a column of a COPY row (tab-separated).
        func mentions(_ line: String) -> Bool {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return gone.contains { id in line.contains("\"\(id)\"") || columns.contains(id) }
        }

        let after = try Self.dump(url)
        for (table, lines) in after where table != "cati_erasures" && table != "cati_audit" {
            #expect(!lines.contains(where: mentions), "an erased case is still in \(table)")
        }
        // The audit trail has one line for the erasure, with case ids and counts, no name or phone.
        let erasure = (after["cati_audit"] ?? []).filter { $0.contains("\"erase\"") }
        #expect(erasure.count == 1, "\(after["cati_audit"] ?? [])")
        #expect(erasure.allSatisfy { line in rows.allSatisfy { !line.contains($0.name) && !line.contains($0.phone) } })
        for id in gone {
            let listed = (after["cati_erasures"] ?? []).filter { $0.split(separator: "\t").contains { $0 == id } }
            #expect(listed.count == 1, "\(id) is listed once among the erasures, so it is never called again")
        }
        // Every other record is the same, byte for byte.
        let kept = (before["cati_interviews"] ?? []).filter { !mentions($0) }
        #expect(Set(after["cati_interviews"] ?? []) == Set(kept))
        #expect((after["cati_interviews"] ?? []).count == kept.count)
    }
}

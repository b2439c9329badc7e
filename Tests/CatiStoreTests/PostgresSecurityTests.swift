import CatiCore
import CatiTestSupport
import Foundation
import Testing
@testable import CatiPostgres
@testable import CatiStore

/// Who may connect, and how: a cluster of its own that accepts only TLS connections
/// authenticated with SCRAM-SHA-256 (a self-signed certificate made here with openssl),
/// `cati store init`'s roles, and what each role may do.
extension StoreTests {
    @Suite(.enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
    struct PostgresSecurityTests {
        final class SecureCluster {
            let folder: String
            let cluster: PostgresTestServer.Cluster
            let port: String
            var cert: String { folder + "/server.crt" }

            init() throws {
                folder = "/tmp/cati-test-pg-tls-\(getuid())"
                if FileManager.default.fileExists(atPath: folder) { try PostgresTestServer.run("/bin/bash", [Self.script("pg-stop"), folder]) }
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try PostgresTestServer.run("/usr/bin/openssl", [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", folder + "/server.key", "-out", folder + "/server.crt"])
                chmod(folder + "/server.key", 0o600)
                setenv("CATI_PG_HBA", """
                    local all all trust
                    hostssl all all 127.0.0.1/32 scram-sha-256
                    """, 1)
                defer { unsetenv("CATI_PG_HBA") }
                cluster = try PostgresTestServer.start(folder: folder, settings: [
                    "-c ssl=on", "-c ssl_cert_file=\(folder)/server.crt", "-c ssl_key_file=\(folder)/server.key",
                    "-c password_encryption=scram-sha-256"])
                port = String(cluster.url.split(separator: ":").last!.split(separator: "/").first!)
                try psqlLocal("ALTER ROLE cati PASSWORD 'owner-pw'")
            }

            deinit { PostgresTestServer.stop(cluster) }

            static func script(_ name: String) -> String {
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent(".ci/" + name).path
            }

            /// psql as the owner over the Unix socket (trusted).
            @discardableResult
            func psqlLocal(_ sql: String) throws -> String {
                try PostgresTestServer.run("/usr/bin/psql", ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", port,
                                                             "-U", "cati", "-d", "postgres", "-c", sql])
            }

            /// psql as `user` over TLS; returns (status, stderr).
            func psqlAs(_ user: String, _ password: String, _ sql: String) throws -> (Int32, String) {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
                process.arguments = ["-X", "-At", "-v", "ON_ERROR_STOP=1",
                                     "host=127.0.0.1 port=\(port) dbname=postgres user=\(user) sslmode=require", "-c", sql]
                process.environment = ["PGPASSWORD": password, "PATH": "/usr/bin:/bin"]
                let err = Pipe()
                process.standardError = err
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return (process.terminationStatus, text)
            }

            func endpoint(user: String = "cati", password: String?, query: String) throws -> PostgresEndpoint {
                PostgresEndpoint(try PostgresURL("postgres://\(user)@127.0.0.1:\(port)/postgres?\(query)"),
                                 environment: password.map { ["PGPASSWORD": $0] } ?? ["HOME": "/nonexistent"])
            }
        }

        func refusal(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }

        @Test func onlyTLSWithTheRightScramPasswordGetsInAndEachRoleDoesOnlyItsPart() throws {
            let server = try SecureCluster()
            let survey = "secure"

            let plain = refusal { _ = try PostgresStore(try server.endpoint(password: "owner-pw", query: "sslmode=disable"),
                                                        survey: survey, creating: true) }
            #expect(plain.contains("requires TLS"), "plain text refused, and the message says what to do: \(plain)")

            let wrong = refusal { _ = try PostgresStore(try server.endpoint(password: "nope", query: "sslmode=require"),
                                                        survey: survey, creating: true) }
            #expect(wrong.contains("password authentication failed for user 'cati'"), "\(wrong)")

            let none = refusal { _ = try PostgresStore(try server.endpoint(password: nil, query: "sslmode=require"),
                                                       survey: survey, creating: true) }
            #expect(none.contains("password"), "no password anywhere: \(none)")

            let untrusted = refusal { _ = try PostgresStore(try server.endpoint(password: "owner-pw", query: "sslmode=verify-full"),
                                                            survey: survey, creating: true) }
            #expect(!untrusted.isEmpty, "a self-signed certificate is not trusted without sslrootcert")

            // The owner, certificate verified: the schema and the roles.
            let owner = try server.endpoint(password: "owner-pw", query: "sslmode=verify-full&sslrootcert=\(server.cert)")
            try PostgresStore.initialize(owner)
            try server.psqlLocal("CREATE ROLE maria LOGIN PASSWORD 'maria-pw' IN ROLE cati_interviewer")
            try server.psqlLocal("CREATE ROLE lucia LOGIN PASSWORD 'lucia-pw' IN ROLE cati_supervisor")

            // The interviewer: starts, answers, takes a place and a claim, finishes.
            let q = try Fixture.questionnaire()
            let maria = try PostgresStore(try server.endpoint(user: "maria", password: "maria-pw",
                                                              query: "sslmode=verify-full&sslrootcert=\(server.cert)"),
                                          survey: survey, creating: true)
            let now = Date().timeIntervalSince1970
            let handle = try maria.start(JournalHeader(id: InterviewID.make(at: now), survey: q.survey,
                                                       questionnaireSHA256: q.sha256, interviewer: "maria", startedAt: now,
                                                       sample: SampleRecord(id: "R1", fields: [:]), simulated: false))
            try handle.append(.action(.answer("1"), at: now))
            #expect(try maria.quotaGate.hold(q.quotas[0].cells[0], of: q.quotas[0], for: handle.header.id))
            let claim = try #require(try maria.claim(case: "R2"))
            claim.release()
            // The call desk's claim (FOR UPDATE SKIP LOCKED): the interviewer may take it.
            let first = try #require(try maria.claimFirst(of: ["R3", "R2"]))
            #expect(first.caseID == "R3")
            first.release()
            try handle.finish(InterviewRecord(.object([("id", .string(handle.header.id)), ("status", .string("complete")),
                                                       ("respondent", .string("R1")),
                                                       ("quota_cells", .object([("per_consenso", .string("si"))]))])))
            #expect(try maria.takenCases().contains("R1"))
            #expect(try maria.quotaCounts().complete["per_consenso"]?["si"] == 1)

            let (deleted, deleteError) = try server.psqlAs("maria", "maria-pw", "DELETE FROM cati_interviews")
            #expect(deleted != 0 && deleteError.contains("permission denied"), "\(deleteError)")
            let (updated, updateError) = try server.psqlAs("maria", "maria-pw", "UPDATE cati_interviews SET status = 'x'")
            #expect(updated != 0 && updateError.contains("permission denied"), "\(updateError)")
            let (read, readError) = try server.psqlAs("maria", "maria-pw", "SELECT record FROM cati_interviews")
            #expect(read != 0 && readError.contains("permission denied"), "interviewers do not read finished answers")

            // The supervisor: reads everything, writes nothing.
            let lucia = try PostgresStore(try server.endpoint(user: "lucia", password: "lucia-pw",
                                                              query: "sslmode=verify-full&sslrootcert=\(server.cert)"),
                                          survey: survey, creating: false)
            #expect(try lucia.readRecords(after: .start, limit: 10).records.count == 1)
            #expect(try lucia.quotaCounts().complete["per_consenso"]?["si"] == 1)
            let (inserted, insertError) = try server.psqlAs("lucia", "lucia-pw",
                                                            "INSERT INTO cati_claims VALUES ('secure', 'R9', 1)")
            #expect(inserted != 0 && insertError.contains("permission denied"), "\(insertError)")
            let (edited, _) = try server.psqlAs("lucia", "lucia-pw", "UPDATE cati_claims SET case_id = 'x'")
            #expect(edited != 0, "a supervisor changes no claim")

            // Roles are the database's (issue 19): whatever the Unix login, maria's
            // connection is an interviewer's and lucia's a supervisor's.
            let me = Person.current
            #expect(try maria.role(of: me) == .interviewer)
            #expect(try lucia.role(of: me) == .supervisor)
            let settings = SurveySettings(supervisors: ["lucia"])
            #expect(throws: StoreError.self, "an interviewer cannot change the settings") {
                try maria.saveSurveySettings(settings)
            }
            try lucia.saveSurveySettings(settings)
            #expect(try maria.surveySettings() == settings, "the interviewer reads them")
            try lucia.appendAudit(me.audit(.settingsChanged, survey: survey))
            try maria.appendAudit(me.audit(.release, survey: survey))
            let trail = try lucia.auditLines()
            #expect(trail.count == 2)
            #expect(AuditChain.verify(trail).isEmpty, "the rows chain as audit.jsonl's lines do")
            let (forged, forgeError) = try server.psqlAs("maria", "maria-pw", "UPDATE cati_audit SET line = 'x'")
            #expect(forged != 0 && forgeError.contains("permission denied"), "\(forgeError)")
        }
    }
}

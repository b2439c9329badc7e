import CatiTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 19 item 5 with real logins: PostgreSQL on one host, no passwords. A cluster of
/// the test's own whose pg_hba.conf says `local all all peer map=cati` (pg_ident.conf:
/// each login is the role of its own name, docs/logins.md); two interviewers, a
/// supervisor and an outsider made with useradd; `cati` run as each over the Unix
/// socket (`postgresql:///cati?host=DIR&port=PORT`). The database, not the program,
/// says who wrote each row. Needs root (CI runs as root): skipped otherwise.
@Suite(.serialized, .enabled(if: SharedHost.possible && PostgresTestServer.enabled,
                             "needs root, runuser, useradd and a PostgreSQL server (CATI_TEST_PG≠0)"))
struct PostgresPeerLoginsTests {
    /// The cluster and the host's logins, the roles made by the owner.
    final class PeerHost: @unchecked Sendable {
        let host: SharedHost
        let cluster: PostgresTestServer.Cluster
        /// The cluster's folder: its Unix socket is there (`-k`).
        let socketFolder: String
        let port: String
        /// The owner (superuser `cati`) over loopback TCP.
        var ownerURL: String { cluster.url(database: "cati") }
        /// What each login gives to --store: its own role, over the socket.
        var peerURL: String { "postgresql:///cati?host=\(socketFolder)&port=\(port)" }

        init() throws {
            host = try SharedHost(questionnaire: SimFiles.ccParma)
            socketFolder = "/tmp/cati-test-pg-peer-\(host.tag)"
            cluster = try PostgresTestServer.start(folder: socketFolder)
            port = String(cluster.url.split(separator: ":").last!.split(separator: "/").first!)
            chmod(socketFolder, 0o755)
            // Peer authentication for everyone but the owner, each login mapped to the role
            // of its own name (the map of docs/logins.md).
            try """
                local all cati trust
                local all all peer map=cati
                host all cati 127.0.0.1/32 trust
                """.write(toFile: cluster.data + "/pg_hba.conf", atomically: false, encoding: .utf8)
            try "cati /^(.*)$ \\1\n".write(toFile: cluster.data + "/pg_ident.conf", atomically: false, encoding: .utf8)
            try PostgresTestServer.ctl(cluster, "reload")
            try PostgresTestServer.run("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", cluster.url, "-c", "CREATE DATABASE cati"])
        }

        deinit { PostgresTestServer.stop(cluster) }

        /// SQL as the owner; the rows, one a line, fields split by '|'.
        @discardableResult
        func owner(_ sql: String) throws -> [String] {
            try PostgresTestServer.run("/usr/bin/psql", ["-X", "-At", "-v", "ON_ERROR_STOP=1", ownerURL, "-c", sql])
                .split(separator: "\n").map(String.init)
        }

        /// psql run by `login` over the socket, peer-authenticated as itself.
        func psql(as login: String, _ sql: String) async throws -> ChildProcess.Result {
            try await ChildProcess.run(["runuser", "-u", login, "--", "/usr/bin/psql", "-X", "-At", "-v", "ON_ERROR_STOP=1",
                                        "-h", socketFolder, "-p", port, "-d", "cati", "-c", sql],
                                       directory: host.logs.path)
        }
    }

    @Test func twoLoginsOverTheSocketWithNoPasswordAreEachRecordedAsThemselvesWhateverTheClientSays() async throws {
        let peer = try PeerHost()
        let host = peer.host
        let (maria, luca, anna, outsider) = (host.interviewer1, host.interviewer2, host.supervisor, host.outsider)

        // The owner: `cati store init` (schema and roles), then one role per login.
        let initialised = try await host.run("root", ["store", "init", "--store", peer.ownerURL])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        try peer.owner("""
            CREATE ROLE \(maria) LOGIN IN ROLE cati_interviewer; CREATE ROLE \(luca) LOGIN IN ROLE cati_interviewer;
            CREATE ROLE \(anna) LOGIN IN ROLE cati_supervisor
            """)

        // Two interviewers at once, over the socket, no password anywhere; USER says
        // someone else (as in issue 19), which changes nothing.
        let children = try [maria, luca].enumerated().map { k, login in
            try host.start(login, ["simulate", host.questionnaire, "--store", peer.peerURL, "-n", "6", "--seed", "\(k + 3)", "-q"],
                           environment: ["USER": anna, "PGUSER": anna])
        }
        for child in children {
            let status = try await child.wait(timeout: .seconds(300))
            #expect(status == 0, "\(child.stderr)")
        }
        // Each record: the line's login, the row's login column, both the writer's.
        let rows = try peer.owner("SELECT login, line::json->>'login', line::json->>'identity' FROM cati_interviews ORDER BY seq")
        #expect(rows.count == 12, "\(rows)")
        #expect(rows.filter { $0 == "\(maria)|\(maria)|declared" }.count == 6, "\(rows)")
        #expect(rows.filter { $0 == "\(luca)|\(luca)|declared" }.count == 6, "\(rows)")
        // The program's own lines pass untouched (a peer login tells the truth): its member
        // order, not jsonb's sorted one, with login and identity right after interviewer.
        let first = try #require(try peer.owner("SELECT line FROM cati_interviews WHERE login = '\(maria)' LIMIT 1").first)
        #expect(first.hasPrefix("{\"survey\":") && first.contains(#""interviewer":"simulator","login":"\#(maria)","identity":"declared""#),
                "the line as the program wrote it: \(first.prefix(300))")

        // A raw insert as maria claiming to be luca: the database records maria.
        let forged = #"{"id":"FORGED1","status":"complete","interviewer":"\#(luca)","login":"\#(luca)","identity":"login","q":1}"#
        let insert = try await peer.psql(as: maria, """
            INSERT INTO cati_interviews (survey, id, status, interviewer, record, line)
            VALUES ('cc_parma', 'FORGED1', 'complete', '\(luca)', '{}', '\(forged)')
            """)
        #expect(insert.status == 0, "an interviewer may insert a record: \(insert.stderr)")
        let stored = try peer.owner("SELECT login, interviewer, line FROM cati_interviews WHERE id = 'FORGED1'")
        #expect(stored == ["\(maria)|\(maria)|" + #"{"id":"FORGED1","status":"complete","interviewer":"\#(maria)","login":"\#(maria)","identity":"login","q":1}"#],
                "login and interviewer are the session's user, the rest as sent, in its order: \(stored)")

        // The same for a call attempt and an audit entry, the login column given too.
        let attempt = try await peer.psql(as: luca, """
            INSERT INTO cati_attempts (survey, line, login) VALUES ('cc_parma', '{"case":"R1","interviewer":"x","login":"\(maria)"}', '\(maria)');
            INSERT INTO cati_audit (survey, line, login) VALUES ('cc_parma', '{"seq":1,"action":"export","login":"\(anna)"}', '\(anna)')
            """)
        #expect(attempt.status == 0, "\(attempt.stderr)")
        #expect(try peer.owner("SELECT login, line::json->>'login' FROM cati_attempts") == ["\(luca)|\(luca)"])
        #expect(try peer.owner("SELECT login, line::json->>'login' FROM cati_audit") == ["\(luca)|\(luca)"])

        // The program with a forged value: once the survey has settings (shared_account
        // false), a declared interviewer name is not taken; the record names the login.
        let settings = try await host.run("root", ["init", host.questionnaire, "--store", peer.ownerURL])
        #expect(settings.status == 0, "\(settings.stderr)")
        let claimed = try await host.run(maria, ["simulate", host.questionnaire, "--store", peer.peerURL, "-n", "1",
                                                 "--seed", "9", "--interviewer", luca, "-q"])
        #expect(claimed.status == 0, "\(claimed.stderr)")
        let last = try peer.owner("SELECT login, interviewer, line::json->>'identity' FROM cati_interviews ORDER BY seq DESC LIMIT 1")
        #expect(last == ["\(maria)|\(maria)|login"], "\(last)")

        // Another login's role cannot be borrowed: peer authentication maps maria to maria.
        let borrowed = try await host.run(maria, ["quotas", host.questionnaire, "--store", peer.peerURL + "&user=\(luca)"])
        #expect(borrowed.status == 1 && borrowed.stderr.contains("refused user '\(luca)'"), "\(borrowed.stderr)")

        // An interviewer reads no finished answers, not even the other's record.
        let read = try await peer.psql(as: maria, "SELECT line FROM cati_interviews WHERE login = '\(luca)'")
        #expect(read.status != 0 && read.stderr.contains("permission denied"), "\(read.stderr)")
        // The supervisor, over the socket as herself, exports both logins' records.
        let out = host.root + "/out/peer.jsonl"
        let export = try await host.run(anna, ["export", host.questionnaire, "--store", peer.peerURL, "--format", "jsonl",
                                               "--status", "all", "--out", out])
        #expect(export.status == 0, "\(export.stderr)")
        let exported = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        #expect(exported.split(separator: "\n").count == 14, "every record: \(exported.prefix(200))")
        #expect(exported.contains("\"login\":\"\(maria)\"") && exported.contains("\"login\":\"\(luca)\""))

        // A login with no database role: refused, with what to do, nothing written.
        let before = try peer.owner("SELECT count(*) FROM cati_interviews")
        let refused = try await host.run(outsider, ["simulate", host.questionnaire, "--store", peer.peerURL, "-n", "1", "-q"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("refused user '\(outsider)'") && refused.stderr.contains("CREATE ROLE \(outsider)"),
                "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "one line: \(refused.stderr)")
        #expect(try peer.owner("SELECT count(*) FROM cati_interviews") == before)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server of the tests. `.ci/run` starts a throwaway cluster and exports
/// `CATI_TEST_PG_URL` (and `CATI_TEST_PG_DATA`, `CATI_TEST_PG_CTL`); without them, the
/// tests start their own with the same script (`.ci/pg-start`, a cluster under
/// /tmp/cati-test-pg-<user>, left running for the next run; `.ci/pg-stop DIR` stops
/// it). `CATI_TEST_PG=0` skips every PostgreSQL test, saying so on stderr.
public enum PostgresTestServer {
    public struct Cluster: Sendable {
        /// postgres://cati@127.0.0.1:PORT/postgres (trust on loopback: no password).
        public let url: String
        /// The cluster's data folder.
        public let data: String
        /// pg_ctl as the cluster's user, with -D: add "restart -m immediate -w".
        public let ctl: String
        /// The folder given to .ci/pg-start (for .ci/pg-stop), nil for CI's own cluster.
        public let folder: String?

        /// The URL of another database of this cluster.
        public func url(database: String) -> String {
            url.replacingOccurrences(of: "/postgres", with: "/" + database)
        }
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether the PostgreSQL tests run (every value but CATI_TEST_PG=0).
    public static let enabled: Bool = {
        let on = ProcessInfo.processInfo.environment["CATI_TEST_PG"] != "0"
        if !on {
            FileHandle.standardError.write(Data("""
                *** CATI_TEST_PG=0: the PostgreSQL store tests are SKIPPED (the contract suite runs on the data folder only) ***

                """.utf8))
        }
        return on
    }()

    /// The shared cluster, started once per test process.
    public static let shared: Result<Cluster, Unavailable> = {
        let env = ProcessInfo.processInfo.environment
        if let url = env["CATI_TEST_PG_URL"], !url.isEmpty {
            return .success(Cluster(url: url, data: env["CATI_TEST_PG_DATA"] ?? "", ctl: env["CATI_TEST_PG_CTL"] ?? "",
                                    folder: nil))
        }
        return Result { try start(folder: "/tmp/cati-test-pg-\(getuid())") }.mapError {
            Unavailable(description: "CATI_TEST_PG_URL is not set and no test cluster could be started: \($0) "
                        + "(install the Debian package postgresql, or set CATI_TEST_PG=0 to skip these tests)")
        }
    }()

    public static func cluster() throws -> Cluster { try shared.get() }

    /// A cluster of its own (for a test that restarts or reconfigures it), with
    /// postgres `-c name=value` settings.
    public static func start(folder: String, settings: [String] = []) throws -> Cluster {
        let output = try run("/bin/bash", [script("pg-start"), folder] + settings)
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let url = fields["URL"], let data = fields["DATA"], let ctl = fields["CTL"] else {
            throw Unavailable(description: "pg-start printed no URL: \(output)")
        }
        return Cluster(url: url, data: data, ctl: ctl, folder: folder)
    }

    public static func stop(_ cluster: Cluster) {
        if let folder = cluster.folder { _ = try? run("/bin/bash", [script("pg-stop"), folder]) }
    }

    /// Runs `pg_ctl ARGS` on the cluster (as its user). The server it starts logs to the
    /// cluster's log file, never to a pipe of ours (which would then never close).
    public static func ctl(_ cluster: Cluster, _ arguments: String) throws {
        let log = cluster.folder.map { " -l \($0)/log" } ?? ""
        _ = try run("/bin/bash", ["-c", cluster.ctl + " " + arguments + log + " >/dev/null 2>&1 </dev/null"])
    }

    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".ci/" + name).path
    }

    /// Runs a program, returns its standard output; throws with its stderr on failure.
    /// Output goes through files, not pipes: a server started by the program inherits
    /// its descriptors and would keep a pipe open for ever.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String]) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cati-pg-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        // posix_spawn and waitpid: Foundation's Process did not notice the exit of a
        // script whose server lives on (seen: a zombie never reaped, waitUntilExit for ever).
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_TRUNC, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_TRUNC, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Unavailable(description: "cannot run \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard exitCode == 0 else {
            let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw Unavailable(description: "\(program) \(arguments.joined(separator: " ")) failed: \(errors)")
        }
        return output
    }
}

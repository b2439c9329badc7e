import Foundation

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

    /// Runs `pg_ctl ARGS` on the cluster (as its user).
    public static func ctl(_ cluster: Cluster, _ arguments: String) throws {
        _ = try run("/bin/bash", ["-c", cluster.ctl + " " + arguments + " >/dev/null"])
    }

    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".ci/" + name).path
    }

    /// Runs a program, returns its standard output; throws with its stderr on failure.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "\(program) \(arguments.joined(separator: " ")) failed: "
                              + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

import Testing
@testable import CatiPostgres

/// `--store postgres://…` read as libpq users expect (no server needed).
struct PostgresURLTests {
    @Test func theFormOfTheSpecIsReadWithItsDefaults() throws {
        let url = try PostgresURL("postgres://maria@db.example.org:6432/cati")
        #expect(url.user == "maria" && url.host == "db.example.org" && url.port == 6432 && url.database == "cati")
        #expect(url.password == nil)
        #expect(url.sslMode == .require, "TLS by default for a host that is not loopback")
        let local = try PostgresURL("postgresql://maria@127.0.0.1/cati")
        #expect(local.port == 5432 && local.sslMode == .disable, "plain text by default on loopback")
        #expect(try PostgresURL("postgres://localhost/x", defaultUser: "ugo").user == "ugo")
    }

    @Test func parametersAndAPasswordAreReadAndTheRedactedFormHidesIt() throws {
        let url = try PostgresURL("postgres://maria:s%40cret@[::1]:5433/cati?sslmode=verify-full&sslrootcert=/etc/ca.pem&passfile=/p")
        #expect(url.password == "s@cret" && url.host == "::1" && url.port == 5433)
        #expect(url.sslMode == .verifyFull && url.sslRootCert == "/etc/ca.pem" && url.passFile == "/p")
        #expect(!url.redacted.contains("cret"))
    }

    @Test func aUnixSocketFolderIsReadAsLibpqReadsIt() throws {
        // libpq's URL for a socket: the folder as the host parameter, the login's own role.
        let url = try PostgresURL("postgresql:///cati?host=/run/postgresql", defaultUser: "maria")
        #expect(url.isUnixSocket && url.user == "maria" && url.database == "cati")
        #expect(url.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(url.sslMode == .disable && url.isLoopback, "no TLS on a socket")
        #expect(url.redacted == "postgresql://maria@/cati?host=/run/postgresql")
        // The folder percent-encoded in the host's place, and a port parameter.
        let encoded = try PostgresURL("postgres://luca@%2Ftmp%2Fpg/survey?port=6543")
        #expect(encoded.socketPath == "/tmp/pg/.s.PGSQL.6543" && encoded.user == "luca")
        #expect(throws: PostgresURL.Failure.self, "TLS cannot be asked of a socket") {
            try PostgresURL("postgresql:///cati?host=/run/postgresql&sslmode=require")
        }
        #expect(try PostgresURL("postgres://maria@localhost/cati").socketPath == nil)
    }

    @Test func aBadURLSaysWhatIsWrong() {
        #expect(throws: PostgresURL.Failure("sslmode=prefer is not one of disable, require, verify-full")) {
            try PostgresURL("postgres://a@b/c?sslmode=prefer")
        }
        #expect(throws: PostgresURL.Failure.self) { try PostgresURL("postgres://a@b:99999/c") }
        #expect(throws: PostgresURL.Failure.self) { try PostgresURL("mysql://a@b/c") }
    }

    @Test func thePasswordComesFromTheEnvironmentOrAPassFileNeverTheCommandLine() {
        let text = """
            # host:port:database:user:password
            other.host:5432:*:maria:wrong
            db.example.org:6432:cati:maria:pa\\:ss
            *:*:*:*:fallback
            """
        #expect(PassFile.password(in: text, host: "db.example.org", port: 6432, database: "cati", user: "maria") == "pa:ss")
        #expect(PassFile.password(in: text, host: "x", port: 1, database: "y", user: "z") == "fallback")
        let url = try! PostgresURL("postgres://maria@db.example.org:6432/cati")
        #expect(PostgresEndpoint(url, environment: ["PGPASSWORD": "env"]).password == "env")
        #expect(PostgresEndpoint(url, environment: ["HOME": "/nonexistent"]).password == nil)
        #expect(PostgresEndpoint(url, environment: [:]).warnings.isEmpty)
        let inURL = PostgresEndpoint(try! PostgresURL("postgres://maria:pw@h/d"), environment: [:])
        #expect(inURL.password == "pw" && inURL.warnings.first?.contains("'ps' shows it") == true)
    }
}

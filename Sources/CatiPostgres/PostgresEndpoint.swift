import Foundation
import NIOCore
import NIOSSL
import PostgresNIO

/// A `postgres://` URL made ready to connect: the password found as libpq finds it
/// (in the URL, `PGPASSWORD`, the `passfile=` parameter, `PGPASSFILE`, `~/.pgpass`) and
/// the TLS settings of its `sslmode`.
public struct PostgresEndpoint: Sendable {
    public let url: PostgresURL
    let password: String?
    /// Said once by the command (a password in the URL is visible to `ps`).
    public let warnings: [String]

    public init(_ url: PostgresURL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.url = url
        var warnings: [String] = []
        if url.password != nil {
            warnings.append("warning: the password is in the --store URL, where 'ps' shows it to every user of this "
                            + "machine; use PGPASSWORD, ~/.pgpass or passfile= instead")
        }
        self.warnings = warnings
        if let password = url.password {
            self.password = password
        } else if let password = environment["PGPASSWORD"] {
            self.password = password
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            let file = url.passFile ?? environment["PGPASSFILE"] ?? home + "/.pgpass"
            self.password = FileManager.default.contents(atPath: file)
                .flatMap { String(data: $0, encoding: .utf8) }
                .flatMap { PassFile.password(in: $0, host: url.host, port: url.port, database: url.database, user: url.user) }
        }
    }

    func configuration() throws -> PostgresConnection.Configuration {
        if let socket = url.socketPath {
            // The server's Unix socket: no TLS, and with `peer` in pg_hba.conf no password
            // (the server asks the kernel who connected).
            var configuration = PostgresConnection.Configuration(unixSocketPath: socket, username: url.user,
                                                                 password: password, database: url.database)
            configuration.options.connectTimeout = .seconds(10)
            return configuration
        }
        let tls: PostgresConnection.Configuration.TLS
        switch url.sslMode {
        case .disable:
            tls = .disable
        case .require, .verifyFull:
            var config = TLSConfiguration.makeClientConfiguration()
            if url.sslMode == .require {
                config.certificateVerification = .none
            } else {
                config.certificateVerification = .fullVerification
                if let root = url.sslRootCert {
                    guard FileManager.default.isReadableFile(atPath: root) else {
                        throw StoreSetupError("sslrootcert '\(root)' cannot be read")
                    }
                    config.trustRoots = .file(root)
                }
            }
            do {
                tls = .require(try NIOSSLContext(configuration: config))
            } catch {
                throw StoreSetupError("cannot set up TLS for \(url.redacted): \(error)")
            }
        }
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: password, database: url.database, tls: tls)
        if url.sslMode == .verifyFull, !url.host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) {
            configuration.options.tlsServerName = url.host
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}

/// A store that cannot even be set up (a bad URL, an unreadable certificate): a user error.
public struct StoreSetupError: Error, CustomStringConvertible {
    public let description: String
    init(_ text: String) { description = text }
}

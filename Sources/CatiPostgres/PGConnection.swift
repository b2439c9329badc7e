import CatiStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the server, used synchronously: the calling thread waits on the
/// event loop for each result (docs/architecture.md, "Why synchronous"). One statement
/// or one transaction at a time. A dropped connection is opened again on the next call
/// (`onConnect` then runs first: the store takes its liveness lock again).
final class PGConnection: @unchecked Sendable {
    let endpoint: PostgresEndpoint
    private var connection: PostgresConnection?
    private let lock = NSLock()
    private static let logger = Logger(label: "cati.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Runs on every new connection before anything else, with the connection locked.
    var onConnect: ((Transaction) throws -> Void)?
    /// The server process of the current connection (for tests that kill it).
    private(set) var backendPID: Int = 0

    init(_ endpoint: PostgresEndpoint) {
        self.endpoint = endpoint
    }

    /// One statement, committed on its own.
    @discardableResult
    func query(_ query: PostgresQuery, _ what: @autoclosure () -> String) throws -> PostgresQueryResult {
        try locked(what()) { try $0.query(query) }
    }

    /// SQL text as it is, no parameters (DDL of tests and set-up).
    @discardableResult
    func query(sql: String, _ what: @autoclosure () -> String) throws -> PostgresQueryResult {
        try query(PostgresQuery(unsafeSQL: sql), what())
    }

    /// Statements in one transaction: committed when `body` returns, rolled back when it
    /// throws.
    func transaction<T>(_ what: @autoclosure () -> String, _ body: (Transaction) throws -> T) throws -> T {
        try locked(what()) { tx in
            try tx.query("BEGIN")
            do {
                let value = try body(tx)
                try tx.query("COMMIT")
                return value
            } catch {
                if let c = tx.connection, !c.isClosed { _ = try? c.query("ROLLBACK", logger: Self.logger).wait() }
                throw error
            }
        }
    }

    /// Makes sure there is a connection now (for a store opening: errors at once).
    func connect(_ what: String) throws {
        try locked(what) { _ in }
    }

    /// Statements each committed on its own (or in BEGIN/COMMIT of the caller's own).
    func session<T>(_ what: String, _ body: (Transaction) throws -> T) throws -> T {
        try locked(what, body)
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        if let connection { try? connection.close().wait() }
        connection = nil
    }

    /// Statements on the connection while it is locked.
    final class Transaction {
        let connection: PostgresConnection?
        let what: String
        /// A statement failed because the connection did (not the server refusing it).
        private(set) var lost = false

        init(connection: PostgresConnection?, what: String) {
            self.connection = connection
            self.what = what
        }

        @discardableResult
        func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
            guard let connection else { throw StoreError.unavailable("not connected (\(what))") }
            do {
                return try connection.query(query, logger: PGConnection.logger).wait()
            } catch {
                if let psql = error as? PSQLError, psql.code == .server,
                   !(psql.serverInfo?[.sqlState] ?? "").hasPrefix("57P"), psql.serverInfo?[.severity] != "FATAL" {
                    // The server refused the statement; the connection is fine.
                } else {
                    lost = true
                }
                throw PGConnection.storeError(error, what)
            }
        }
    }

    private func locked<T>(_ what: String, _ body: (Transaction) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if connection == nil || connection!.isClosed {
            connection = nil
            let new = try Self.open(endpoint, what)
            let tx = Transaction(connection: new, what: what)
            do {
                backendPID = try tx.query("SELECT pg_backend_pid()").first?.decode(Int.self) ?? 0
                try onConnect?(tx)
            } catch {
                try? new.close().wait()
                throw error
            }
            connection = new
        }
        let tx = Transaction(connection: connection, what: what)
        do {
            return try body(tx)
        } catch {
            if tx.lost || connection?.isClosed == true {
                // The next call connects again (and the store takes its holdings back).
                if let connection { _ = try? connection.close().wait() }
                connection = nil
            }
            throw error
        }
    }

    private static func open(_ endpoint: PostgresEndpoint, _ what: String) throws -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        do { configuration = try endpoint.configuration() } catch {
            throw StoreError.ioFailure(reason: "\(error)", detail: what)
        }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        do {
            return try PostgresConnection.connect(on: loop, configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw connectError(error, endpoint.url, what)
        }
    }

    /// Why a connection could not be made, in words a supervisor can act on. A server
    /// that is not there (refused, unreachable, shutting down or starting up) is
    /// `unavailable`: trying again later may work; what the server refused is not.
    static func connectError(_ error: any Error, _ url: PostgresURL, _ what: String = "") -> StoreError {
        let place = url.redacted
        let doing = what.isEmpty ? "" : " (\(what))"
        guard let psql = error as? PSQLError else {
            return .unavailable("cannot connect to \(place): \(error)\(doing)")
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let message = psql.serverInfo?[.message] ?? ""
        switch (psql.code, state) {
        case (.server, "28P01"), (.authMechanismRequiresPassword, _), (.saslError, _):
            return .permissionDenied("password authentication failed for user '\(url.user)' at \(place) "
                                     + "(the password comes from PGPASSWORD, ~/.pgpass or passfile=)")
        case (.server, "28000"):
            return .permissionDenied("the server at \(place) refused user '\(url.user)': \(message)"
                                     + (message.contains("no encryption") ? " (it requires TLS: add ?sslmode=require)" : "")
                                     + (url.isUnixSocket ? peerHint(url) : ""))
        case (.server, "3D000"):
            return .notFound("no database '\(url.database)' at \(place): \(message)")
        case (.sslUnsupported, _):
            return .permissionDenied("the server at \(place) does not offer TLS, and sslmode=\(url.sslMode.rawValue) "
                                     + "requires it (use sslmode=disable only on a trusted network)")
        case (.server, let state) where state.hasPrefix("57P"):
            return .unavailable("the server at \(place) is not accepting connections: \(message)\(doing)")
        case (.server, _):
            return .ioFailure(reason: "cannot connect to \(place)", detail: message)
        default:
            let underlying = psql.underlying.map { "\($0)" } ?? "\(psql.code)"
            return .unavailable("cannot connect to \(place): \(underlying)\(doing)")
        }
    }

    /// Over the Unix socket the role is the login's own (peer authentication): who can fix a refusal.
    static func peerHint(_ url: PostgresURL) -> String {
        " (over the Unix socket the database role is your login's own, '\(url.user)'; a supervisor makes it with "
            + "CREATE ROLE \(url.user) LOGIN IN ROLE cati_interviewer, see docs/logins.md)"
    }

    /// A failed statement as a domain error.
    static func storeError(_ error: any Error, _ what: String) -> StoreError {
        if let store = error as? StoreError { return store }
        // Not the server's answer: the channel under the connection failed.
        guard let psql = error as? PSQLError else { return .unavailable("the connection failed: \(error) (\(what))") }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let message = psql.serverInfo?[.message] ?? "\(psql.code)"
        switch state {
        case "53100": return .diskFull("\(what): \(message)")
        case "42501": return .permissionDenied("\(what): \(message)")
        case "25006": return .readOnly("\(what): \(message)")
        default: break
        }
        if psql.code == .server, !state.hasPrefix("57P") {
            return .ioFailure(reason: "the database refused it (\(state) \(message))", detail: what)
        }
        return .unavailable("the connection was lost (\(psql.code)) (\(what))")
    }
}

/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB?sslmode=…&sslrootcert=…&passfile=…`, read
/// as libpq reads it (the subset cati uses). A host that is a folder (`?host=/run/postgresql`,
/// or `%2Frun%2Fpostgresql` in the host's place) is the server's Unix socket folder:
/// `postgresql:///cati?host=/run/postgresql` connects to `/run/postgresql/.s.PGSQL.5432`
/// as the login's own role (peer authentication, docs/logins.md). Pure: no files, no
/// environment.
public struct PostgresURL: Sendable, Equatable {
    public enum SSLMode: String, Sendable, Equatable, CaseIterable {
        /// Plain text.
        case disable
        /// TLS, the server's certificate not checked (libpq's `require`).
        case require
        /// TLS, the certificate checked against `sslrootcert` and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    /// Given in the URL itself (visible to `ps`): used, with a warning.
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    public var sslRootCert: String?
    public var passFile: String?

    /// Whether the host is this machine (where plain text is the default).
    public var isLoopback: Bool {
        isUnixSocket || host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The host is a folder holding the server's Unix socket (libpq's rule: it starts with '/').
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file of a Unix-socket host (libpq's name for it).
    public var socketPath: String? {
        isUnixSocket ? (host.hasSuffix("/") ? host : host + "/") + ".s.PGSQL.\(port)" : nil
    }

    /// The URL without its password, for messages.
    public var redacted: String {
        if isUnixSocket { return "postgresql://\(user)@/\(database)?host=\(host)" + (port == 5432 ? "" : "&port=\(port)") }
        return "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ text: String) { description = text }
    }

    public init(_ text: String, defaultUser: String = "postgres") throws {
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else {
            throw Failure("'\(text)' is not a postgres:// URL")
        }
        let scheme = text[..<colon].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw Failure("'\(scheme)://' is not a PostgreSQL URL (postgres:// or postgresql://)")
        }
        var rest = Substring(text[text.index(colon, offsetBy: 3)...])
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; rest = rest[..<slash] }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") { userInfo = rest[..<at]; rest = rest[rest.index(after: at)...] }

        user = defaultUser
        password = nil
        if let userInfo {
            if let c = userInfo.firstIndex(of: ":") {
                user = Self.decode(userInfo[..<c])
                password = Self.decode(userInfo[userInfo.index(after: c)...])
            } else {
                user = Self.decode(userInfo)
            }
        }
        if user.isEmpty { user = defaultUser }

        port = 5432
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw Failure("'\(text)': an IPv6 host lacks its ']'") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(":") { port = try Self.port(rest.dropFirst(), text) }
        } else if let c = rest.lastIndex(of: ":") {
            host = String(rest[..<c])
            port = try Self.port(rest[rest.index(after: c)...], text)
        } else {
            host = String(rest)
        }
        host = Self.decode(host)
        if host.isEmpty { host = "localhost" }
        database = path.isEmpty ? user : Self.decode(path)

        var mode: SSLMode?
        sslRootCert = nil
        passFile = nil
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = String(parts[0]), value = parts.count > 1 ? Self.decode(parts[1]) : ""
            switch key {
            case "sslmode":
                guard let m = SSLMode(rawValue: value) else {
                    throw Failure("sslmode=\(value) is not one of " + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                mode = m
            case "sslrootcert": sslRootCert = value
            case "passfile": passFile = value
            case "user": user = value
            case "password": password = value
            case "host": host = value
            case "port": port = try Self.port(Substring(value), text)
            case "dbname": database = value
            default: throw Failure("unknown parameter '\(key)' in '\(text)' (sslmode, sslrootcert, passfile, host, port)")
            }
        }
        sslMode = .disable
        if isUnixSocket, let mode, mode != .disable {
            throw Failure("sslmode=\(mode.rawValue) with a Unix socket (host=\(host)): the kernel carries it, "
                          + "there is no TLS on a socket (leave sslmode out)")
        }
        sslMode = mode ?? (isLoopback ? .disable : .require)
    }

    private static func port(_ text: Substring, _ url: String) throws -> Int {
        guard let p = Int(text), (1...65535).contains(p) else { throw Failure("'\(url)': port '\(text)' is not a number 1-65535") }
        return p
    }

    /// Percent-decoding (%40 is '@').
    static func decode<S: StringProtocol>(_ text: S) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2,
               let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `~/.pgpass` lines: `host:port:database:user:password`, `*` matching anything, `\:`
/// and `\\` escaped (libpq's format).
public enum PassFile {
    public static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            let hostMatches = fields[0] == "*" || fields[0] == host
                || (fields[0] == "localhost" && (host == "127.0.0.1" || host == "::1"))
            if hostMatches && zip(fields[1...3], wanted[1...3]).allSatisfy({ $0 == "*" || $0 == $1 }) {
                return fields[4]
            }
        }
        return nil
    }

    static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped { current.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == ":" { fields.append(current); current = "" }
            else { current.append(c) }
        }
        fields.append(current)
        return fields
    }
}

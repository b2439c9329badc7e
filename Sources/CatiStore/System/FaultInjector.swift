
/// Test-only failures of `write` and `fsync`, for proving that a failed write is shown
/// and never reported saved. Configured by the environment:
///
///     CATI_FAULTS=write:ENOSPC,fsync:EIO   which calls fail, and with what error
///     CATI_FAULTS_WHILE=/path/flag          only while this file exists (optional)
///
/// Unset, it does nothing.
public final class FaultInjector: @unchecked Sendable {
    public enum Operation: String, Sendable { case write, fsync }

    public static let shared = FaultInjector(
        spec: Platform.environment("CATI_FAULTS"),
        whilePath: Platform.environment("CATI_FAULTS_WHILE"))

    private var rules: [Operation: Int32] = [:]
    private var scopes: [Operation: String] = [:]
    private var whilePath: String?
    private let mutex = Lock()

    init(spec: String?, whilePath: String?) {
        self.whilePath = whilePath
        for part in (spec ?? "").split(separator: ",") {
            let pieces = part.split(separator: ":")
            guard pieces.count == 2, let op = Operation(rawValue: String(pieces[0])) else { continue }
            rules[op] = FaultInjector.code(named: String(pieces[1]))
        }
    }

    /// For tests in this process: make `operation` fail with `code` (nil: stop failing),
    /// on every file, or only on files whose path starts with `prefix` (so that tests
    /// running at the same time in the process, on other folders, are not hit).
    public func set(_ operation: Operation, failWith code: Int32?, under prefix: String? = nil) {
        mutex.locked {
            rules[operation] = code
            scopes[operation] = code == nil ? nil : prefix
        }
    }

    func failure(for operation: Operation, path: String) -> Int32? {
        mutex.locked {
            guard let code = rules[operation] else { return nil }
            if let prefix = scopes[operation], !path.hasPrefix(prefix) { return nil }
            if let whilePath, !Platform.exists(whilePath) { return nil }
            return code
        }
    }

    static func code(named name: String) -> Int32 { Platform.errorCode(named: name) }
}

import CatiTestSupport
import Foundation

/// Child processes for the end-to-end tests that need no terminal: the built `cati`
/// binary (found by `CatiExecutable.path()`: $CATI_EXECUTABLE, else next to the
/// test runner, --scratch-path included) and tools such as `jq`.
///
/// posix_spawn rather than Foundation's `Process`: the child starts with no signal
/// blocked and default dispositions, inherits no descriptor but stdin (/dev/null),
/// stdout and stderr (files), and can be killed with any signal at any moment.
final class ChildProcess: @unchecked Sendable {
    enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        case timeout(String)
        case failed(String)

        var description: String {
            switch self {
            case .spawn(let program, let code): "cannot start \(program): \(String(cString: strerror(code)))"
            case .timeout(let message), .failed(let message): message
            }
        }
    }

    let arguments: [String]
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private var exitStatus: Int32?

    /// The built `cati`.
    static func cati() throws -> String { try CatiExecutable.path() }

    /// Starts `arguments` (the program is looked up in PATH when it has no slash) with
    /// stdout and stderr going to fresh files in `directory`.
    init(_ arguments: [String], directory: String, environment: [String: String] = [:]) throws {
        self.arguments = arguments
        let tag = UUID().uuidString.prefix(8)
        stdoutPath = directory + "/stdout-\(tag).txt"
        stderrPath = directory + "/stderr-\(tag).txt"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = closeFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env.merge(environment) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawnp(&child, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure.spawn(arguments[0], spawned) }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            _ = Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    func signal(_ number: Int32) {
        if exitStatus == nil { _ = Glibc.kill(pid, number) }
    }

    /// The exit status (128 + N after signal N), polling so that no test thread blocks;
    /// nil if still running after `timeout`.
    func wait(timeout: Duration = .seconds(120)) async throws -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                let result = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = result
                return result
            }
            if done < 0 && errno != EINTR { return nil }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs to the end; a run still going after `timeout` is killed and reported.
    static func run(_ arguments: [String], directory: String, timeout: Duration = .seconds(120)) async throws -> Result {
        let child = try ChildProcess(arguments, directory: directory)
        guard let status = try await child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            _ = try await child.wait(timeout: .seconds(10))
            throw Failure.timeout("\(arguments.joined(separator: " ")) still running after \(timeout)")
        }
        return Result(status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// Whether `program` is found in PATH.
    static func available(_ program: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }
}

/// glibc ≥ 2.34 has it, but its header hides it from Swift.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

/// The repository root (for questionnaires/…), found from this file's location.
enum RepositoryFiles {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static func file(_ relative: String) -> String { root + "/" + relative }
}

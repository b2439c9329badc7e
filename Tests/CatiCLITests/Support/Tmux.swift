import Foundation

/// Drives the real `cati` binary in a private tmux server, for end-to-end screen tests:
/// keys in by name (`sendKeys("F2", "C-d", "Enter")`) or literally (`type("àè")`),
/// the screen out as text (`screen()`), waits that poll every 50 ms with a deadline.
/// The server (`tmux -L <unique> -f /dev/null`) is killed by `kill()` and in `deinit`.
/// The command's stderr goes to `stderrLog`; its exit status to `waitForExit()`.
final class TmuxSession {
    enum Failure: Error, CustomStringConvertible {
        case tmux(arguments: [String], status: Int32, output: String)
        case timeout(String)
        case executableNotFound(String)

        var description: String {
            switch self {
            case .tmux(let arguments, let status, let output):
                "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(output)"
            case .timeout(let message), .executableNotFound(let message): message
            }
        }
    }

    let width: Int
    let height: Int
    /// A fresh folder for this session: the script, rc file, stderr log, and any file
    /// a test wants the command to write (see `path(_:)`).
    let directory: URL
    private let socket: String
    private var socketPath: String?
    private var killed = false

    /// Runs `script` (shell text) in a `width`×`height` pane, with LANG=C.UTF-8 and
    /// `environment` exported, in `directory`. The test's own TMUX, NO_COLOR, COLUMNS
    /// and LINES are not passed on.
    init(width: Int = 100, height: Int = 30, script: String, environment: [String: String] = [:]) throws {
        self.width = width
        self.height = height
        let unique = UUID().uuidString.prefix(8).lowercased()
        socket = "cati-test-\(ProcessInfo.processInfo.processIdentifier)-\(unique)"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var exports = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        exports.merge(environment) { $1 }
        let wrapper = """
            cd \(TmuxSession.quote(directory.path)) || exit 1
            \(exports.sorted { $0.key < $1.key }.map { "export \($0.key)=\(TmuxSession.quote($0.value))" }.joined(separator: "\n"))
            (
            \(script)
            ) 2>>stderr.log
            echo $? > rc.tmp && mv rc.tmp rc

            """
        let scriptURL = directory.appendingPathComponent("run.sh")
        try wrapper.write(to: scriptURL, atomically: true, encoding: .utf8)
        try tmux(
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-g", "default-shell", "/bin/sh", ";",
            "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "s",
            "sh \(TmuxSession.quote(scriptURL.path))")
        socketPath = try? tmux("display-message", "-p", "#{socket_path}").trimmingCharacters(in: .newlines)
    }

    /// Runs `command` (program and arguments, quoted for the shell).
    convenience init(width: Int = 100, height: Int = 30, command: [String], environment: [String: String] = [:]) throws {
        try self.init(width: width, height: height, script: TmuxSession.quote(command), environment: environment)
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Keys and screen

    /// Key names as tmux knows them: "F2", "Enter", "BSpace", "C-d", "Up", "q".
    func sendKeys(_ names: String...) throws {
        try tmux(["send-keys", "-t", "s"] + names)
    }

    /// Types `literal` as is (accents included).
    func type(_ literal: String) throws {
        try tmux("send-keys", "-t", "s", "-l", literal)
    }

    /// The pane as text, one line per row (`escapes`: with SGR attributes and colours;
    /// `history`: the scrollback above it too; a dead pane's text moves there).
    func screen(escapes: Bool = false, history: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "s"] + (escapes ? ["-e"] : []) + (history ? ["-S", "-"] : []))
    }

    /// Polls the screen every 50 ms until it contains `text`; throws with the last
    /// screen (and the command's stderr) after `timeout`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(180)) async throws -> String {
        try await waitUntil("the screen shows \(text.debugDescription)", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `condition` holds for it, on a settled screen:
    /// the same twice, 40 ms apart. (The program's redraw reaches tmux in more than one
    /// write; on a busy machine a capture can fall between them and show half of it.)
    @discardableResult
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(180), escapes: Bool = false, history: Bool = false,
        _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while true {
            last = (try? screen(escapes: escapes, history: history)) ?? last
            if condition(last) {
                try await Task.sleep(for: .milliseconds(40))
                let again = (try? screen(escapes: escapes, history: history)) ?? last
                if again == last { return last }
                last = again  // still drawing: look again
            }
            if ContinuousClock.now >= deadline {
                throw Failure.timeout(
                    "timed out after \(timeout) waiting until \(what); last screen:\n\(last)\n--- stderr:\n\(stderrLog)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The command's exit status, once it has exited; nil if it has not after `timeout`.
    func waitForExit(timeout: Duration = .seconds(180)) async throws -> Int32? {
        let rc = path("rc")
        let deadline = ContinuousClock.now + timeout
        while true {  // looks once more after the deadline: a starved test wakes up late
            if let text = try? String(contentsOfFile: rc, encoding: .utf8),
                let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return status
            }
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Resizes the window; the program gets KEY_RESIZE.
    func resize(width: Int, height: Int) throws {
        try tmux("resize-window", "-t", "s", "-x", "\(width)", "-y", "\(height)")
    }

    /// The hardware cursor's column and row (0-based), as tmux tracks it.
    func cursor() throws -> (x: Int, y: Int) {
        let text = try tmux("display-message", "-p", "-t", "s", "#{cursor_x},#{cursor_y}")
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        guard parts.count == 2 else { throw Failure.timeout("tmux gave no cursor position: \(text)") }
        return (parts[0], parts[1])
    }

    /// Appends every byte the pane's program writes from now on to `file`.
    func pipeOutput(to file: String) throws {
        try tmux("pipe-pane", "-o", "-t", "s", "cat >> " + TmuxSession.quote(file))
    }

    /// Kills the pane: its terminal goes away under the running program (hang-up).
    func killPane() throws {
        try tmux("kill-pane", "-t", "s")
    }

    /// Kills the private server and removes its socket (idempotent).
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? tmux("kill-server")
        if let socketPath { unlink(socketPath) }
    }

    // MARK: Files

    /// A file in the session's folder.
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The contents of a file in the session's folder ("" when missing).
    func file(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
    }

    /// What the command wrote on stderr so far.
    var stderrLog: String { file("stderr.log") }

    // MARK: Locating and quoting

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func quote(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    // MARK: tmux

    @discardableResult
    private func tmux(_ arguments: String...) throws -> String {
        try tmux(arguments)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        for inherited in ["TMUX", "TMUX_PANE", "NO_COLOR", "COLUMNS", "LINES"] {
            environment[inherited] = nil  // `swift test` sets NO_COLOR; sessions choose their own
        }
        let (status, output) = try spawnAndWait(
            ["tmux", "-u", "-L", socket, "-f", "/dev/null"] + arguments, environment: environment)
        guard status == 0 else { throw Failure.tmux(arguments: arguments, status: status, output: output) }
        return output
    }
}

/// glibc ≥ 2.34 has it, but its header hides it from Swift.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

/// Runs a program to its end; returns its exit status and its stdout and stderr.
/// Not Foundation's `Process`, for two reasons found the hard way: it notices the exit
/// through a socket the child inherits, which tmux's daemonised server keeps open (so
/// `waitUntilExit` never returns); and its children inherit the test thread's blocked
/// signals, so the server ignores `kill-server` and the pane's programs never see
/// SIGHUP. Here the child starts with no signal blocked and default dispositions.
private func spawnAndWait(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
    var fds: [Int32] = [-1, -1]
    let kind = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)  // atomically close-on-exec
    guard socketpair(AF_UNIX, kind, 0, &fds) == 0 else { throw POSIXError(.EMFILE) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
    _ = addCloseFrom(&actions, 3)  // no descriptor of a test running alongside leaks into tmux
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), defaults = sigset_t()
    sigemptyset(&none)
    sigemptyset(&defaults)
    [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD].forEach { sigaddset(&defaults, $0) }
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
    close(fds[1])
    defer { close(fds[0]) }
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(fds[0], &buffer, buffer.count)
        if count > 0 { output += buffer[..<count] } else if count == 0 || errno != EINTR { break }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exitStatus, String(decoding: output, as: UTF8.self))
}

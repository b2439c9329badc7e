import Foundation

/// A throwaway sshd for end-to-end tests of interviewers working over ssh (issue 22):
/// Debian's `openssh-server` (installed by .ci/setup), started on a free loopback port
/// with a host key and a client key made by ssh-keygen for this server only, public-key
/// login only (root included: `PermitRootLogin prohibit-password`), no PAM. `stop()`
/// (and deinit) ends the daemon; sessions end when their clients go.
final class SSHServer {
    static let daemon = "/usr/sbin/sshd"

    /// Whether a test can run one: the daemon is installed and we are root (sshd
    /// changes to the logged-in user).
    static var available: Bool { FileManager.default.isExecutableFile(atPath: daemon) && geteuid() == 0 }

    let directory: String
    let port: Int
    private var pid: pid_t = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.path + "/cati-sshd-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)  // privilege separation
        for key in ["host_key", "client_key"] {
            try Self.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cati-test", "-f", "\(directory)/\(key)"])
        }
        try FileManager.default.copyItem(atPath: "\(directory)/client_key.pub", toPath: "\(directory)/authorized_keys")
        chmod("\(directory)/authorized_keys", 0o644)
        var lastLog = ""
        for _ in 0..<20 {
            let candidate = Int.random(in: 20000..<60000)
            let config = """
                Port \(candidate)
                ListenAddress 127.0.0.1
                HostKey \(directory)/host_key
                PidFile \(directory)/sshd.pid
                AuthorizedKeysFile \(directory)/authorized_keys
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                PrintMotd no
                PrintLastLog no
                AcceptEnv LANG LC_*

                """
            try config.write(toFile: "\(directory)/sshd_config", atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: "\(directory)/sshd.log")
            // Forks into the background once listening; fails at once when the port is taken.
            _ = try? Self.run([Self.daemon, "-f", "\(directory)/sshd_config", "-E", "\(directory)/sshd.log"])
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if let text = try? String(contentsOfFile: "\(directory)/sshd.pid", encoding: .utf8),
                   let found = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    pid = found
                    break
                }
                lastLog = (try? String(contentsOfFile: "\(directory)/sshd.log", encoding: .utf8)) ?? ""
                if lastLog.contains("Cannot bind") || lastLog.contains("Bind to port") { break }
                usleep(50_000)
            }
            if pid != 0 {
                port = candidate
                return
            }
        }
        throw TmuxSession.Failure.timeout("sshd did not start: \(lastLog)")
    }

    deinit { stop() }

    func stop() {
        if pid > 0 { kill(pid, SIGTERM) }
        pid = 0
    }

    /// `ssh -tt` to `user` on this server running `remote` (shell text), with the
    /// throwaway key, no host-key prompt, no known_hosts written.
    func command(user: String = "root", _ remote: String) -> [String] {
        ["ssh", "-tt", "-i", "\(directory)/client_key", "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
         "-o", "ServerAliveInterval=0", "-p", "\(port)", "\(user)@127.0.0.1", remote]
    }

    /// The pids of the ssh clients connected to this server.
    func clientPIDs() -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let words = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard words.first == "ssh", words.contains("\(port)"), words.contains("\(directory)/client_key") else { return nil }
            return pid
        }
    }

    /// Runs a program to its end; throws when it fails.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxSession.Failure.timeout("\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(output)")
        }
        return output
    }
}

/// A login made for one test (`useradd`), removed by `remove()` and in deinit.
final class TestLogin {
    let name: String

    init(_ name: String) throws {
        self.name = name
        _ = try? SSHServer.run(["userdel", name])  // a run killed before it removed it
        // Password "*": no password login, but not locked (sshd without PAM refuses a locked account).
        try SSHServer.run(["useradd", "--no-create-home", "--shell", "/bin/sh", "--password", "*", name])
    }

    func remove() { _ = try? SSHServer.run(["userdel", name]) }

    deinit { remove() }
}

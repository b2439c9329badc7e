import CatiTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A shared host for the tests with real logins (issue 19): a Unix group with two
/// interviewers and a supervisor, and one login outside it, made with groupadd/useradd
/// (names unique to the run) and removed at the end. The `cati` binary and the
/// questionnaire are copied to a folder every login can read; each command runs as
/// one login (`runuser -u`) under `umask 077`. Needs root (CI runs as root).
final class SharedHost: @unchecked Sendable {
    static var possible: Bool {
        getuid() == 0 && ["runuser", "useradd", "groupadd", "userdel", "groupdel"].allSatisfy { tool in
            ["/usr/sbin", "/usr/bin", "/sbin", "/bin"].contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
        }
    }

    let tag: String
    let group: String
    let interviewer1: String
    let interviewer2: String
    let supervisor: String
    let outsider: String
    /// Readable by every login (0755): the binary, the questionnaire, `data/`, outputs.
    let root: String
    /// Root's own, for the children's stdout and stderr files.
    let logs: ScratchFolder
    let cati: String
    let questionnaire: String
    var data: String { root + "/survey/data" }

    init(questionnaire source: String) throws {
        tag = String(UUID().uuidString.prefix(6)).lowercased()
        group = "ct\(tag)g"
        interviewer1 = "ct\(tag)i1"
        interviewer2 = "ct\(tag)i2"
        supervisor = "ct\(tag)s"
        outsider = "ct\(tag)o"
        logs = try ScratchFolder("logins-logs")
        root = "/tmp/cati-logins-\(tag)"
        try Self.shell(["groupadd", group])
        for login in [interviewer1, interviewer2, supervisor] {
            try Self.shell(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", "-G", group, login])
        }
        try Self.shell(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", outsider])
        let fm = FileManager.default
        for folder in [root, root + "/bin", root + "/survey", root + "/out"] {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            chmod(folder, 0o755)
        }
        chmod(root + "/out", 0o1777)
        cati = root + "/bin/cati"
        // Copied by a cp process, not in this one: a file this (multithreaded) test
        // process had open for writing could leak into a child another test forks at
        // that moment, and exec of the copy would then fail with ETXTBSY (status 126).
        _ = try Self.shell(["cp", try CatiExecutable.path(), cati])
        chmod(cati, 0o755)
        questionnaire = root + "/" + URL(fileURLWithPath: source).lastPathComponent
        try fm.copyItem(atPath: source, toPath: questionnaire)
        chmod(questionnaire, 0o644)
    }

    deinit {
        // -f: even while a process of that login is still ending (a screen test's tmux pane).
        for login in [interviewer1, interviewer2, supervisor, outsider] { try? Self.shell(["userdel", "-f", login]) }
        try? Self.shell(["groupdel", group])
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes a file every login can read.
    func write(_ name: String, _ text: String) throws -> String {
        let path = root + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        return path
    }

    /// Starts `cati ARGS` as `login`, under umask 077, with `environment` added.
    func start(_ login: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ChildProcess {
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = ["runuser", "-u", login, "--", "env"] + assignments
            + ["/bin/sh", "-c", "umask 077; exec \"$0\" \"$@\"", cati] + arguments
        return try ChildProcess(command, directory: logs.path)
    }

    /// Runs `cati ARGS` as `login` to its end.
    func run(_ login: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ChildProcess.Result {
        let child = try start(login, arguments, environment: environment)
        guard let status = try await child.wait(timeout: .seconds(180)) else {
            child.signal(SIGKILL)
            throw ChildProcess.Failure.timeout("cati \(arguments.joined(separator: " ")) as \(login) still running")
        }
        return ChildProcess.Result(status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// Every path under `data` with its mode, owner, group and size: to show nothing changed.
    func snapshot() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        guard let names = fm.subpaths(atPath: data) else { return out }
        for name in names.sorted() + [""] {
            var st = stat()
            let path = name.isEmpty ? data : data + "/" + name
            guard lstat(path, &st) == 0 else { continue }
            out.append("\(name) \(String(st.st_mode, radix: 8)) \(st.st_uid):\(st.st_gid) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
        }
        return out
    }

    /// The records of interviews.jsonl.
    func records() throws -> [[String: Any]] {
        let text = try String(contentsOfFile: data + "/interviews.jsonl", encoding: .utf8)
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func mode(_ path: String) -> (mode: Int, gid: Int)? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return (Int(st.st_mode & 0o7777), Int(st.st_gid))
    }

    var groupID: Int {
        guard let entry = getgrnam(group) else { return -1 }
        return Int(entry.pointee.gr_gid)
    }

    @discardableResult
    static func shell(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ChildProcess.Failure.failed("\(arguments.joined(separator: " ")): \(output)")
        }
        return output
    }
}

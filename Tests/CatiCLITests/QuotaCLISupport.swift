import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The `cati` binary for the quota tests, found like a user would run it: $CATI_EXECUTABLE,
/// else next to the test executable (SwiftPM builds both into the same folder).
enum QuotaCLI {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func executable() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["CATI_EXECUTABLE"], !explicit.isEmpty { return explicit }
        var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for folder in folders {
            let candidate = folder.appendingPathComponent("cati").standardizedFileURL.path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "no cati executable next to \(CommandLine.arguments[0]); build it or set CATI_EXECUTABLE")
    }

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/quotas")
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name + ".cati").path }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `cati ARGS` to its end (killed after `timeout` seconds).
    static func run(_ arguments: [String], timeout: Double = 120) throws -> Output {
        let child = try Child(arguments)
        let deadline = Date().addingTimeInterval(timeout)
        while child.process.isRunning, Date() < deadline { usleep(2_000) }
        if child.process.isRunning {
            child.signal(SIGKILL)
            child.process.waitUntilExit()
            throw Failure(description: "cati \(arguments.joined(separator: " ")) did not end within \(timeout) s")
        }
        child.process.waitUntilExit()
        return Output(status: child.process.terminationStatus, stdout: child.stdout, stderr: child.stderr)
    }

    /// `cati quotas FILE --data DIR --json`, parsed: quota name -> cell -> its fields.
    static func quotasJSON(_ file: String, data: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> (table: [String: [String: [String: Int]]], raw: String, stderr: String)
    {
        let out = try run(["quotas", file, "--data", data, "--json"])
        #expect(out.status == 0, "cati quotas failed: \(out.stderr)", sourceLocation: sourceLocation)
        guard let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any],
              let quotas = object["quotas"] as? [[String: Any]] else {
            throw Failure(description: "not the quota JSON: \(out.stdout)")
        }
        var table: [String: [String: [String: Int]]] = [:]
        for quota in quotas {
            let name = try #require(quota["name"] as? String)
            for cell in try #require(quota["cells"] as? [[String: Any]]) {
                let label = try #require(cell["cell"] as? String)
                var fields: [String: Int] = [:]
                for key in ["target", "complete", "in_progress", "remaining"] { fields[key] = cell[key] as? Int }
                table[name, default: [:]][label] = fields
            }
        }
        return (table, out.stdout, out.stderr)
    }

    /// A child process with stdout and stderr going to files (no pipe to fill up).
    final class Child: @unchecked Sendable {
        let process = Process()
        let outURL: URL
        let errURL: URL

        init(_ arguments: [String], executable: String? = nil) throws {
            let unique = "\(getpid())-\(UUID().uuidString.prefix(8))"
            outURL = FileManager.default.temporaryDirectory.appendingPathComponent("cati-quota-\(unique).out")
            errURL = FileManager.default.temporaryDirectory.appendingPathComponent("cati-quota-\(unique).err")
            FileManager.default.createFile(atPath: outURL.path, contents: nil)
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: try executable ?? QuotaCLI.executable())
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            process.standardInput = FileHandle.nullDevice
            var environment = ProcessInfo.processInfo.environment
            environment["LANG"] = "C.UTF-8"
            process.environment = environment
            try process.run()
        }

        deinit {
            if process.isRunning { signal(SIGKILL); process.waitUntilExit() }
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }

        var pid: pid_t { process.processIdentifier }
        func signal(_ sig: Int32) { _ = kill(process.processIdentifier, sig) }
        var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

        /// Waits for the end; the exit status.
        @discardableResult
        func wait() -> Int32 {
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}

/// Records of interviews.jsonl read with JSONSerialization: what a user's script sees.
struct QuotaJSONL {
    var records: [[String: Any]] = []
    var unreadable = 0

    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] {
                records.append(object)
            } else {
                unreadable += 1
            }
        }
    }

    /// Completes per quota and cell label.
    var completes: [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for record in records where record["status"] as? String == "complete" {
            for (quota, cell) in record["quota_cells"] as? [String: String] ?? [:] {
                out[quota, default: [:]][cell, default: 0] += 1
            }
        }
        return out
    }

    func count(status: String) -> Int { records.filter { $0["status"] as? String == status }.count }
}

/// A process that holds an exclusive flock on a file until it is killed: `sh` opens the
/// file on descriptor 9, `flock` locks it, and `sh` becomes `sleep` keeping the
/// descriptor, so one process holds the lock and its death drops it.
final class QuotaLockHolder: @unchecked Sendable {
    let child: QuotaCLI.Child

    init(_ path: String) throws {
        let ready = FileManager.default.temporaryDirectory
            .appendingPathComponent("cati-lock-\(getpid())-\(UUID().uuidString.prefix(8)).ready").path
        child = try QuotaCLI.Child(
            ["-c", "exec 9>>\"$1\" && flock -x 9 && : > \"$2\" && exec sleep 600", "sh", path, ready],
            executable: "/bin/sh")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: ready) {
            guard child.process.isRunning, Date() < deadline else {
                throw QuotaCLI.Failure(description: "the lock holder did not start: \(child.stderr)")
            }
            usleep(2_000)
        }
        try? FileManager.default.removeItem(atPath: ready)
    }

    /// SIGKILL, and waits until the process is gone (its files closed by the kernel).
    func kill9() {
        child.signal(SIGKILL)
        child.wait()
    }
}

import Foundation

// MARK: - Settings

/// A fresh folder under `base` (default: the temporary folder, a real disk), removed at
/// the end unless CATI_CRASH_KEEP=1 (then its path is printed, to look at by hand).
final class CrashScratch: @unchecked Sendable {
    let path: String

    init(_ label: String, base: String? = nil) throws {
        var root = base ?? FileManager.default.temporaryDirectory.path
        if access(root, W_OK) != 0 { root = FileManager.default.temporaryDirectory.path }
        path = root + "/cati-\(label)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { path + "/" + name }

    deinit {
        if ProcessInfo.processInfo.environment["CATI_CRASH_KEEP"] == "1" {
            print("kept \(path)")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

struct CrashSettings: Sendable {
    var rounds = 10
    var processes = 3
    var minKillMilliseconds = 20
    var maxKillMilliseconds = 1_200
    var seed = UInt64.random(in: 1...UInt64(UInt32.max))
    var directory: String?

    static func fromEnvironment() -> CrashSettings {
        let env = ProcessInfo.processInfo.environment
        var s = CrashSettings()
        if let v = env["CATI_CRASH_ROUNDS"].flatMap(Int.init), v > 0 { s.rounds = v }
        if let v = env["CATI_CRASH_PROCESSES"].flatMap(Int.init), v > 0 { s.processes = v }
        if let v = env["CATI_CRASH_MAX_MS"].flatMap(Int.init), v > s.minKillMilliseconds { s.maxKillMilliseconds = v }
        if let v = env["CATI_CRASH_SEED"].flatMap(UInt64.init) { s.seed = v }
        if let v = env["CATI_CRASH_DIR"], !v.isEmpty { s.directory = v }
        return s
    }
}

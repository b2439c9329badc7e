import Foundation

// MARK: - Settings

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

import CatiTestSupport
import Foundation

/// A fresh folder for one test, removed when the value goes away: under the temporary
/// directory (a real disk, where fsync costs what it costs), or under `base` when that
/// is writable (`/dev/shm` for runs whose durability is not what is tested: fsync is
/// free there; the crash harness's CATI_CRASH_DIR). When the environment variable
/// `keepIf` is 1, the folder is kept and its path printed, to look at by hand.
public final class ScratchFolder: @unchecked Sendable {
    public let path: String
    private let keep: Bool

    public init(_ label: String = "interview", under base: String? = nil, keepIf variable: String? = nil) throws {
        var root = base ?? FileManager.default.temporaryDirectory.path
        if access(root, W_OK) != 0 { root = FileManager.default.temporaryDirectory.path }
        path = root + "/cati-\(label)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        keep = variable.map { ProcessInfo.processInfo.environment[$0] == "1" } ?? false
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { path + "/" + name }

    /// Writes `text` (UTF-8) to the file `name` in the folder.
    public func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    deinit {
        if keep {
            print("kept \(path)")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

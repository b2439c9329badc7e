import CatiTestSupport
import Foundation

/// The built `cati` executable that the end-to-end tests run.
public enum CatiExecutable {
    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    /// $CATI_EXECUTABLE, else the `cati` next to the test runner (`swift test` puts both
    /// in the same build folder, --scratch-path included).
    public static func path() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CATI_EXECUTABLE"], !explicit.isEmpty { return explicit }
        var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        for folder in folders {
            let candidate = folder.appendingPathComponent("cati").standardizedFileURL.path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw NotFound(description: "no cati executable next to \(CommandLine.arguments[0]); build it or set CATI_EXECUTABLE")
    }
}

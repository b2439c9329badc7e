import Foundation
import Testing

/// The short form of the fuzzing run (fuzz/run): the parser/checker and the JSON record
/// parser under libFuzzer for a few seconds, seeded with the golden corpus. Zero
/// crashes is the bar. The long run is by hand: `fuzz/run` (FUZZ_SECONDS=600).
struct FuzzShortRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(.timeLimit(.minutes(10)))
    func shortFuzzRunFindsNoCrash() async throws {
        // Minutes of waiting on fuzz/run: on a thread of its own, not the test pool's.
        let (status, text) = try await onThread { try Self.runFuzz() }
        #expect(status == 0, "fuzz/run failed:\n\(text)")
        #expect(text.contains("crashes/timeouts found: 0"), "\(text)")
        let executed = text.split(separator: "\n").first { $0.hasPrefix("stat::number_of_executed_units") }
            .flatMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) } ?? 0
        #expect(executed > 100, "the fuzzer ran only \(executed) inputs:\n\(text)")
    }

    static func runFuzz() throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.root.appendingPathComponent("fuzz/run").path]
        var environment = ProcessInfo.processInfo.environment
        environment["FUZZ_SECONDS"] = "15"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}

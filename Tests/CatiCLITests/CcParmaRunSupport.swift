import CatiTestSupport
import CatiCore
import Foundation

/// One run of 2,000 cc_parma interviews with the sample, shared by the tests that read it.
actor CcParmaRun {
    struct Output: Sendable {
        let folder: String
        let records: [JSON]
        let lines: [String]
        let skipped: Int
        let summary: String
        let sha256: String
    }

    static let shared = CcParmaRun()
    nonisolated(unsafe) static var leftover: String?
    private var task: Task<Output, any Error>?
    private var scratch: ScratchFolder?

    func get() async throws -> Output {
        if let task { return try await task.value }
        let scratch = try ScratchFolder("cc-parma-2000", under: "/dev/shm")
        self.scratch = scratch
        // A static lives until exit, so its folder is removed then.
        Self.leftover = scratch.path
        atexit { if let path = CcParmaRun.leftover { try? FileManager.default.removeItem(atPath: path) } }
        let task = Task { () async throws -> Output in
            let data = scratch.path("data")
            let result = try await SimFiles.simulate(SimFiles.ccParma, data: data, n: 2_000, seed: 20_090_301,
                                                     sample: true, in: scratch.path)
            guard result.status == 0 else { throw ChildProcess.Failure.failed("cati simulate: \(result.stderr)") }
            let file = try JSONLFile(data + "/interviews.jsonl")
            let sha = try await ChildProcess.run(["sha256sum", SimFiles.ccParma], directory: scratch.path)
            return Output(folder: data, records: try file.records(),
                          lines: file.lines.map { String(decoding: $0, as: UTF8.self) },
                          skipped: 0, summary: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                          sha256: String(sha.stdout.prefix(64)))
        }
        self.task = task
        return try await task.value
    }
}

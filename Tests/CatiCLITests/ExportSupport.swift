import CatiCore
import CatiTestSupport
import Foundation
import Testing

/// A data folder of simulated cc_parma interviews plus hand-written records whose open
/// answers are hard to carry (accents, commas, quotes, line breaks, a leading `=`), and
/// the round-trip checker (Fixtures/export_check.py) that reads exports back with
/// Python's csv, PSPP + pyreadstat and triple_s.
struct ExportFixture {
    static let trickyTexts = [
        "Perché, \"davvero\"? Sì: più veloce, grazie",
        "prima riga\nseconda riga, con virgola\r\nterza",
        "=HYPERLINK(\"http://x\",\"clic\")",
        "+39 0521 40521",
        "@SUM(1+1)",
        "-5",
        "'apostrofo iniziale",
        "città è però – “virgolette” 😀",
    ]
    static let checker = RepositoryFiles.file("Tests/CatiCLITests/Fixtures/export_check.py")

    let scratch: ScratchFolder
    let data: String
    var jsonl: String { data + "/interviews.jsonl" }

    /// `n` simulated interviews, then one complete record per tricky text (a copy of the
    /// first complete one with a new id and `suggerimenti`/`motivo_other` replaced).
    init(_ label: String, n: Int = 60) async throws {
        scratch = try ScratchFolder(label, under: "/dev/shm")
        data = scratch.path("data")
        let run = try await SimFiles.simulate(SimFiles.ccParma, data: data, n: n, seed: 11, sample: true, in: scratch.path)
        try #require(run.status == 0, "simulate: \(run.stderr)")
        let file = try JSONLFile(jsonl)
        let template = try #require(try file.records().first { $0["status"]?.stringValue == "complete" })
        var extra = ""
        for (k, text) in Self.trickyTexts.enumerated() {
            let record = Self.replacing(template, id: "TRICKY\(k)", answers: ["suggerimenti": .string(text),
                                                                             "motivo_other": .string(text)])
            extra += record.serialized + "\n"
        }
        let handle = try #require(FileHandle(forWritingAtPath: jsonl))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(extra.utf8))
        try handle.close()
    }

    static func replacing(_ record: JSON, id: String, answers replaced: [String: JSON]) -> JSON {
        guard case .object(let members) = record else { return record }
        return .object(members.map { key, value in
            if key == "id" { return (key, .string(id)) }
            guard key == "answers", case .object(let answers) = value else { return (key, value) }
            var out = answers.filter { replaced[$0.0] == nil }
            for name in replaced.keys.sorted() { out.append((name, replaced[name]!)) }
            return (key, .object(out))
        })
    }

    func export(_ arguments: [String], environment: [String: String] = [:]) async throws -> ChildProcess.Result {
        let child = try ChildProcess([try ChildProcess.cati(), "export", SimFiles.ccParma, "--data", data] + arguments,
                                     directory: scratch.path, environment: environment)
        let status = try #require(try await child.wait(timeout: .seconds(120)))
        return ChildProcess.Result(status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// Runs the Python checker; its output names every difference.
    func check(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run(["python3", Self.checker] + arguments, directory: scratch.path, timeout: .seconds(300))
    }
}

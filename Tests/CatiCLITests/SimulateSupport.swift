import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

// MARK: - Helpers

enum SimFiles {
    static let ccParma = RepositoryFiles.file("questionnaires/cc_parma.cati")
    static let ccParmaSample = RepositoryFiles.file("questionnaires/cc_parma-sample.csv")
    static let everyKind = RepositoryFiles.file("questionnaires/every_kind.cati")

    static func questionnaire(_ path: String) throws -> Questionnaire {
        let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        return try QuestionnaireText.check(bytes: [UInt8](bytes))
    }

    /// A cc_parma sample of 20,000 cases (ids S00001…), the 40 cases of the bundled
    /// sample over and over: `simulate --sample` interviews each case once, and the tests
    /// that run thousands of interviews need as many cases.
    static let largeSample: String = {
        let path = FileManager.default.temporaryDirectory.path + "/cati-sample-20000-\(getpid()).csv"
        let text = (try? String(contentsOfFile: ccParmaSample, encoding: .utf8)) ?? ""
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        var out = lines[0] + "\n"
        for k in 0..<20_000 {
            let row = lines[1 + k % (lines.count - 1)]
            out += String(format: "S%05d", k + 1) + row[row.firstIndex(of: ",")!...] + "\n"
        }
        try? out.write(toFile: path, atomically: true, encoding: .utf8)
        atexit { try? FileManager.default.removeItem(atPath: SimFiles.largeSamplePath) }
        return path
    }()
    /// The 40 hand-made cases that open the bundled sample (R0001…R0040), on their own:
    /// for tests about a sample running out.
    static let fortyCaseSample: String = {
        let path = FileManager.default.temporaryDirectory.path + "/cati-sample-40-\(getpid()).csv"
        let bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: ccParmaSample))) ?? Data())
        var lines = 0, end = bytes.count
        for (k, b) in bytes.enumerated() where b == 0x0A {
            lines += 1
            if lines == 41 { end = k + 1; break }
        }
        try? Data(bytes[..<end]).write(to: URL(fileURLWithPath: path))
        atexit { try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.path + "/cati-sample-40-\(getpid()).csv") }
        return path
    }()

    static var largeSamplePath: String { FileManager.default.temporaryDirectory.path + "/cati-sample-20000-\(getpid()).csv" }

    static func simulate(_ file: String, data: String, n: Int, seed: UInt64, sample: Bool,
                         in directory: String) async throws -> ChildProcess.Result {
        var arguments = [try ChildProcess.cati(), "simulate", file, "--data", data, "-n", "\(n)", "--seed", "\(seed)"]
        if sample { arguments += ["--sample", largeSample] }
        return try await ChildProcess.run(arguments, directory: directory)
    }
}

/// interviews.jsonl as bytes and lines.
struct JSONLFile {
    let bytes: [UInt8]
    let lines: [ArraySlice<UInt8>]

    init(_ path: String) throws {
        bytes = [UInt8](try #require(FileManager.default.contents(atPath: path), "cannot read \(path)"))
        lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(bytes.last == 0x0A ? 1 : 0)
    }

    var endsWithNewline: Bool { bytes.last == 0x0A }

    func records() throws -> [JSON] {
        try lines.enumerated().map { k, line in
            try #require(JSONParser.parseObject(line), "line \(k + 1) is not a JSON object")
        }
    }
}

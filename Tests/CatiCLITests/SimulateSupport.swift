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

    static func simulate(_ file: String, data: String, n: Int, seed: UInt64, sample: Bool,
                         in directory: String) async throws -> ChildProcess.Result {
        var arguments = [try ChildProcess.cati(), "simulate", file, "--data", data, "-n", "\(n)", "--seed", "\(seed)"]
        if sample { arguments += ["--sample", ccParmaSample] }
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

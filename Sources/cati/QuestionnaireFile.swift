import ArgumentParser
import CatiCore
import Foundation

/// Reading a questionnaire from disk, with a one-line error for a missing file.
enum QuestionnaireFile {
    static func check(_ path: String) throws -> CheckResult {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UserError("cannot read questionnaire '\(path)': it is a directory, not a .cati file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError("cannot read questionnaire '\(path)': no such file, or not readable")
        }
        let bytes = [UInt8](data)
        let hash = BackgroundHash(bytes)
        return QuestionnaireChecker.check(SourceText(bytes: bytes), sha256: hash.value)
    }

    /// The checked questionnaire, or exit 1 after printing its errors.
    static func load(_ path: String) throws -> Questionnaire {
        let result = try check(path)
        guard let questionnaire = result.questionnaire else {
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                printError(diagnostic.rendered(file: path, source: result.source))
            }
            printError("\(path): the questionnaire has errors; run 'cati check \(path)'")
            throw ExitCode(1)
        }
        return questionnaire
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

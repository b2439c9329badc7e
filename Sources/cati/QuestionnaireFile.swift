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

    /// The checked questionnaire with its checked translations, or exit 1 after
    /// printing its errors.
    static func load(_ path: String) throws -> Questionnaire {
        let result = try check(path)
        guard var questionnaire = result.questionnaire else {
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                printError(diagnostic.rendered(file: path, source: result.source))
            }
            printError("\(path): the questionnaire has errors; run 'cati check \(path)'")
            throw ExitCode(1)
        }
        let translations = try checkTranslations(of: path, questionnaire)
        if translations.errorCount > 0 {
            translations.print(questionnaire: path, source: result.source, errorsOnly: true)
            printError("\(path): a translation has errors; run 'cati check \(path)'")
            throw ExitCode(1)
        }
        for t in translations.results { if let translation = t.result.translation { questionnaire.add(translation) } }
        return questionnaire
    }

    /// The translation files of `X.cati` (extension): `X.LL.cati` in the same folder,
    /// LL a language code of two or three lowercase letters, sorted by name.
    static func translationFiles(of path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            guard name.hasPrefix(stem + "."), name.hasSuffix(".cati") else { return false }
            let code = name.dropFirst(stem.count + 1).dropLast(5)
            return (2...3).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isLowercase }
        }.sorted().map { name in
            path.contains("/") ? folder.appendingPathComponent(name).relativePath(from: path) : name
        }
    }

    struct Translations {
        var results: [(file: String, result: TranslationChecker.Result)] = []
        var errorCount: Int {
            results.reduce(0) { $0 + ($1.result.diagnostics + $1.result.questionnaireDiagnostics).filter { $0.severity == .error }.count }
        }

        func print(questionnaire path: String, source: SourceText, errorsOnly: Bool = false) {
            for (file, result) in results {
                for d in result.questionnaireDiagnostics where !errorsOnly || d.severity == .error {
                    printError(d.rendered(file: path, source: source))
                }
                for d in result.diagnostics where !errorsOnly || d.severity == .error {
                    printError(d.rendered(file: file, source: result.source))
                }
            }
        }
    }

    static func checkTranslations(of path: String, _ questionnaire: Questionnaire) throws -> Translations {
        var out = Translations()
        for file in translationFiles(of: path) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw UserError("cannot read translation '\(file)': no such file, or not readable")
            }
            let result = TranslationChecker.check(SourceText(bytes: [UInt8](data)), for: questionnaire, file: file)
            out.results.append((file, result))
        }
        return out
    }
}

extension URL {
    /// This file's path as written beside `sibling` (same folder prefix as given).
    func relativePath(from sibling: String) -> String {
        let folder = (sibling as NSString).deletingLastPathComponent
        return folder.isEmpty ? lastPathComponent : folder + "/" + lastPathComponent
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

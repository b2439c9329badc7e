import Foundation

/// Where the golden corpus and the repository's questionnaires are, found from this
/// source file's path (the tests read them in place; the corpus is not a resource).
enum CorpusFiles {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let corpusFolder = testsFolder.appendingPathComponent("Corpus")
    static let repositoryFolder = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let questionnairesFolder = repositoryFolder.appendingPathComponent("questionnaires")

    /// `invalid/NAME.cati` and `valid/NAME.cati`, sorted.
    static let all: [String] = ["invalid", "valid"].flatMap { folder in
        catiFiles(in: corpusFolder.appendingPathComponent(folder)).map { "\(folder)/\($0)" }
    }

    /// The `.cati` files of `questionnaires/` at the repository's root, sorted; not the
    /// translation files (`NAME.LL.cati`), which are checked with their questionnaire.
    static let questionnaires: [String] = catiFiles(in: questionnairesFolder).filter { !isTranslation($0) }

    /// `translations/NAME.cati`: questionnaires checked with their translation files
    /// `translations/NAME.LL.cati` (extension).
    static let translated: [String] = catiFiles(in: corpusFolder.appendingPathComponent("translations"))
        .filter { !isTranslation($0) }.map { "translations/\($0)" }

    /// `NAME.LL.cati`: a translation file.
    static func isTranslation(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count == 3 && (2...3).contains(parts[1].count) && parts[1].allSatisfy(\.isLowercase)
    }

    /// The translation files of a questionnaire in the corpus, as corpus paths.
    static func translations(of path: String) -> [String] {
        let stem = (path as NSString).lastPathComponent.dropLast(5)
        let folder = (path as NSString).deletingLastPathComponent
        return catiFiles(in: corpusFolder.appendingPathComponent(folder))
            .filter { isTranslation($0) && $0.hasPrefix(stem + ".") }.map { "\(folder)/\($0)" }
    }

    static func catiFiles(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".cati") }.sorted()
    }

    static func bytes(_ relativePath: String, in folder: URL = corpusFolder) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(relativePath)))
    }

    /// A file marked `# run: isolated` is checked by the `cati` executable in a child
    /// process: it once crashed the checker, and a crash would end the whole test run.
    static func isIsolated(_ text: String) -> Bool {
        text.unicodeScalars.split(separator: "\n").contains {
            String(String.UnicodeScalarView($0)).trimmingCharacters(in: .whitespacesAndNewlines) == "# run: isolated"
        }
    }
}

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

    /// The `.cati` files of `questionnaires/` at the repository's root, sorted.
    static let questionnaires: [String] = catiFiles(in: questionnairesFolder)

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

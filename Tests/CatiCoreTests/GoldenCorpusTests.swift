import CatiCore
import Foundation
import Testing

/// The golden corpus (`Corpus/invalid`, `Corpus/valid`): each file says, in comments,
/// exactly which diagnostics `check` must give it (see `CorpusExpectation`); a file
/// without such comments must check clean. Nothing more and nothing less: an extra
/// diagnostic is how a cascade shows.
struct GoldenCorpusTests {
    @Test(arguments: CorpusFiles.all)
    func corpusFile(_ path: String) throws {
        let bytes = try CorpusFiles.bytes(path)
        let text = String(decoding: bytes, as: UTF8.self)
        let expected = CorpusExpectation.parse(bytes)
        let isValidFolder = path.hasPrefix("valid/")
        let expectsError = expected.contains { $0.severity == .error }
        if isValidFolder {
            #expect(!expectsError, "\(path): a file in valid/ cannot expect an error")
        } else {
            #expect(!expected.isEmpty, "\(path): a file in invalid/ must say which diagnostics it expects")
        }

        let diagnostics: [Diagnostic]
        let checked: Bool
        if CorpusFiles.isIsolated(text) {
            let outcome = try IsolatedCheck.run(CorpusFiles.corpusFolder.appendingPathComponent(path).path)
            if let failure = outcome.failure {
                Issue.record("\(path): cati check \(failure)")
                return
            }
            diagnostics = outcome.diagnostics
            checked = outcome.succeeded
        } else {
            let result = QuestionnaireChecker.check(SourceText(bytes: bytes))
            diagnostics = result.diagnostics.flatMap(\.withNotes)
            checked = result.questionnaire != nil
            #expect(checked == !result.hasErrors, "\(path): a questionnaire comes with no error, and only then")
            // `cati check` shows each diagnostic's source line: it must be that line.
            let lines = physicalLines(bytes)
            for d in diagnostics where d.location.line <= lines.count {
                #expect(result.source.line(d.location.line) == lines[d.location.line - 1],
                        "\(path): the source line shown for \(describe(d)) is not line \(d.location.line)")
            }
        }

        let (missing, unexpected) = CorpusExpectation.compare(expected: expected, actual: diagnostics)
        if !missing.isEmpty || !unexpected.isEmpty {
            Issue.record(Comment(rawValue: report(path, expected, diagnostics, missing, unexpected)))
        }
        if expectsError {
            #expect(!checked, "\(path): expects an error, but the questionnaire checked")
        } else {
            #expect(checked, "\(path): expects no error, but there is no questionnaire")
        }
    }

    /// Every questionnaire of the repository (`questionnaires/*.cati`) checks with no
    /// error and no warning.
    @Test(arguments: CorpusFiles.questionnaires)
    func repositoryQuestionnaire(_ name: String) throws {
        let bytes = try CorpusFiles.bytes(name, in: CorpusFiles.questionnairesFolder)
        let result = QuestionnaireChecker.check(SourceText(bytes: bytes))
        #expect(result.diagnostics.isEmpty,
                "questionnaires/\(name):\n\(result.diagnostics.map { "  " + describe($0) }.joined(separator: "\n"))")
        #expect(result.questionnaire != nil, "questionnaires/\(name) gives no questionnaire")
    }

    /// The corpus is where it is expected, and big enough to mean something.
    @Test func corpusIsThere() {
        #expect(CorpusFiles.all.filter { $0.hasPrefix("invalid/") }.count >= 45)
        #expect(CorpusFiles.all.filter { $0.hasPrefix("valid/") }.count >= 10)
    }

    /// Every message of `Sources/CatiCore/Language/Message.swift` is given, and expected,
    /// in at least one corpus file. The messages are read from that source file, so a
    /// new message needs a corpus file that shows it.
    @Test func everyMessageIsCovered() throws {
        let templates = try MessageTemplates.load()
        #expect(templates.count >= 70, "only \(templates.count) messages read from Message.swift")
        var shown: [String] = []
        for path in CorpusFiles.all {
            let bytes = try CorpusFiles.bytes(path)
            let text = String(decoding: bytes, as: UTF8.self)
            if CorpusFiles.isIsolated(text) { continue }
            let expected = CorpusExpectation.parse(bytes)
            let diagnostics = QuestionnaireChecker.check(SourceText(bytes: bytes)).diagnostics.flatMap(\.withNotes)
            shown += diagnostics.filter { d in expected.contains { $0.matches(d) } }.map(\.message)
        }
        // Translation messages are covered by GoldenTranslationCorpusTests.
        for template in templates where !template.source.contains("translat") && !shown.contains(where: template.matches) {
            Issue.record("no corpus file expects the message: \(template.source)")
        }
    }

    /// The file's lines as a reader sees them: split at LF, a CR before it dropped.
    private func physicalLines(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self)
        }
    }

    private func report(_ path: String, _ expected: [CorpusExpectation], _ actual: [Diagnostic],
                        _ missing: [CorpusExpectation], _ unexpected: [Diagnostic]) -> String {
        var lines = ["\(path): the diagnostics differ from the file's expectations"]
        lines.append("  expected:")
        lines += expected.map { "    \($0)" }
        lines.append("  actual:")
        lines += actual.isEmpty ? ["    (none)"] : actual.map { "    " + describe($0) }
        if !missing.isEmpty { lines.append("  missing:"); lines += missing.map { "    \($0)" } }
        if !unexpected.isEmpty { lines.append("  unexpected:"); lines += unexpected.map { "    " + describe($0) } }
        return lines.joined(separator: "\n")
    }
}

/// Translations (extension): `Corpus/translations/NAME.cati` with its `NAME.LL.cati`
/// files. Each file's comments say which diagnostics it must get: the questionnaire's
/// (missing translations are reported there) and each translation file's.
struct GoldenTranslationCorpusTests {
    static func diagnostics(_ path: String) throws -> [(file: String, diagnostics: [Diagnostic])] {
        let bytes = try CorpusFiles.bytes(path)
        let result = QuestionnaireChecker.check(SourceText(bytes: bytes))
        guard let questionnaire = result.questionnaire else {
            Issue.record("\(path): the questionnaire itself must check: \(result.diagnostics.map(describe))")
            return []
        }
        var main = result.diagnostics
        var out: [(String, [Diagnostic])] = []
        for file in CorpusFiles.translations(of: path) {
            let t = TranslationChecker.check(SourceText(bytes: try CorpusFiles.bytes(file)), for: questionnaire, file: file)
            main += t.questionnaireDiagnostics
            out.append((file, t.diagnostics))
        }
        return [(path, main)] + out
    }

    @Test(arguments: CorpusFiles.translated)
    func translatedCorpusFile(_ path: String) throws {
        for (file, diagnostics) in try Self.diagnostics(path) {
            let expected = CorpusExpectation.parse(try CorpusFiles.bytes(file))
            let (missing, unexpected) = CorpusExpectation.compare(expected: expected, actual: diagnostics)
            #expect(missing.isEmpty && unexpected.isEmpty,
                    "\(file): missing \(missing), unexpected \(unexpected.map(describe))")
        }
    }

    /// The translation messages of Message.swift are each expected by a file here.
    @Test func everyTranslationMessageIsCovered() throws {
        let templates = try MessageTemplates.load()
        var shown: [String] = []
        for path in CorpusFiles.translated {
            for (file, diagnostics) in try Self.diagnostics(path) {
                let expected = CorpusExpectation.parse(try CorpusFiles.bytes(file))
                shown += diagnostics.filter { d in expected.contains { $0.matches(d) } }.map(\.message)
            }
        }
        let translationTemplates = templates.filter { $0.source.contains("translat") }
        #expect(translationTemplates.count >= 6)
        for template in translationTemplates where !shown.contains(where: template.matches) {
            Issue.record("no translation corpus file expects the message: \(template.source)")
        }
    }
}

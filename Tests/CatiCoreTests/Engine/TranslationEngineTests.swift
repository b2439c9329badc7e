import Foundation
import Testing
@testable import CatiCore

/// Translations (extension): an interview runs in the language of its sample record's
/// `language` cell, with the same variables, codes and routing, and its record says
/// which language was used.
struct TranslationEngineTests {
    static let folder = CorpusFiles.corpusFolder.appendingPathComponent("translations")

    static func translated() throws -> Questionnaire {
        let source = try String(contentsOf: folder.appendingPathComponent("complete.cati"), encoding: .utf8)
        var questionnaire = try EngineRun.questionnaire(source)
        for code in ["en", "de"] {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("complete.\(code).cati")))
            let result = TranslationChecker.check(SourceText(bytes: bytes), for: questionnaire, file: "complete.\(code).cati")
            questionnaire.add(try #require(result.translation, "\(result.diagnostics.map(describe))"))
        }
        return questionnaire
    }

    static func interview(_ q: Questionnaire, language: String?) throws -> Interview {
        var fields = ["id": "R1"]
        fields["language"] = language
        return try Interview(questionnaire: q, id: "I-1", sample: SampleRecord(id: "R1", fields: fields),
                             interviewer: "maria", startedAt: 1_000)
    }

    @Test func theInterviewRunsInTheLanguageOfItsSampleCell() throws {
        let q = try Self.translated()
        #expect(q.languages == ["it", "de", "en"])
        var english = try Self.interview(q, language: "en")
        guard case .question(let intro) = english.screen else { Issue.record("no question"); return }
        #expect(intro.text == "Good morning, I am maria.")
        #expect(intro.instruction == "READ OUT")
        _ = try english.perform(.answer(""), at: 1_001)
        guard case .question(let which) = english.screen else { Issue.record("no question"); return }
        #expect(which.text == "Which one?")
        #expect(which.options.map(\.label) == ["One", "Two", "Other"])
        #expect(which.options[0].instruction == "THE FIRST")
        _ = try english.perform(.answer("2"), at: 1_002)
        guard case .question(let grid) = english.screen else { Issue.record("no grid"); return }
        #expect(grid.text == "Marks." && grid.items.map(\.text) == ["Speed"])
        _ = try english.perform(.answer("3"), at: 1_003)
        guard case .question(let mark) = english.screen else { Issue.record("no scale"); return }
        #expect(mark.anchors.map(\.label) == ["Very poor"])
        _ = try english.perform(.answer("5"), at: 1_004)
        guard case .ending(let end) = english.screen else { Issue.record("no ending"); return }
        #expect(end.text == "Thank you, Two.", "a continued text, and a code label filled in English")
        _ = try english.perform(.answer(""), at: 1_005)
        let record = english.record().serialized
        #expect(record.contains(#""language":"en""#), "\(record)")
        #expect(record.contains(#""answers":{"q":2,"speed":3,"v":5}"#), "the same codes in every language: \(record)")

        var german = try Self.interview(q, language: "de")
        guard case .question(let gruss) = german.screen else { Issue.record("no question"); return }
        #expect(gruss.text == "Guten Tag, ich bin maria.")
        _ = try german.perform(.answer(""), at: 1_001)

        let italian = try Self.interview(q, language: nil)
        guard case .question(let saluto) = italian.screen else { Issue.record("no question"); return }
        #expect(saluto.text == "Buongiorno, sono maria.")
        #expect(italian.record().serialized.contains(#""language":"it""#))
        let unknown = try Self.interview(q, language: "fr")
        #expect(unknown.questionnaire.textLanguage == "it", "an unknown language: the questionnaire's own")
    }

    /// Same survey in every language: the SHA-256 and the version of the file run.
    @Test func aTranslationKeepsTheQuestionnairesIdentity() throws {
        let q = try Self.translated()
        let en = q.translated(to: "en")
        #expect(en.sha256 == q.sha256 && en.version == q.version && en.variables.map(\.name) == q.variables.map(\.name))
        #expect(en.variables.map(\.codes?.codes) == q.variables.map(\.codes?.codes), "same codes")
    }

    /// A questionnaire without translations writes no `language` field: records of
    /// existing questionnaires are unchanged.
    @Test func noTranslationNoLanguageField() throws {
        var run = try EngineRun("survey s \"S\"\nsingle q \"Q?\"\n  1 a \"A\"\n")
        try run.answers("1")
        #expect(!(try run.finish()).serialized.contains("language"))
    }

    /// The keys `cati check` asks a translation for are exactly the texts a translation
    /// replaces, for every questionnaire of the repository.
    @Test(arguments: CorpusFiles.questionnaires)
    func everyKeyIsATextAndEveryTextHasAKey(_ name: String) throws {
        let bytes = try CorpusFiles.bytes(name, in: CorpusFiles.questionnairesFolder)
        let q = try #require(QuestionnaireChecker.check(SourceText(bytes: bytes)).questionnaire)
        // A loop's text has one key, and a text per round (Translation+Loop.swift).
        #expect(Set(q.roundTextKeys) == Set(q.textTemplates().keys))
        #expect(q.textKeys.count == Set(q.textKeys.map(\.key)).count, "no key twice")
    }
}

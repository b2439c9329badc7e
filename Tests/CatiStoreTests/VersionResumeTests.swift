import CatiCore
import CatiStore
import Foundation
import Testing

extension StoreTests {
    /// Versions during fieldwork (extension): a journal started under one version of
    /// the questionnaire is resumed under a compatible next version when the process is
    /// given the earlier one (`previous`); an incompatible one is kept for a person.
    @Suite struct VersionResumeTests {
        static func version(_ edits: (String, String)...) throws -> Questionnaire {
            try Fixture.questionnaire(edits.reduce(Fixture.source) { $0.replacingOccurrences(of: $1.0, with: $1.1) })
        }

        static func interrupted(_ test: TestFolder, under q: Questionnaire) throws -> String {
            let session = try InterviewSession.start(questionnaire: q, store: try test.store(), sample: nil,
                                                     interviewer: "maria")
            try session.answer("1", "30", "Anna")
            #expect(session.screenName == "canali")
            session.interrupt()
            return session.id
        }

        @Test func aCompatibleNextVersionResumesTheOldJournalAndRecordsItsOwnVersion() throws {
            let test = try TestFolder("version-ok")
            let old = try Fixture.questionnaire()
            let new = try Self.version(("version 2", "version 3"), ("\"Which channels?\"", "\"Which channels did you use?\""),
                                       ("  3 web  \"Web\"", "  3 web  \"Web\"\n  4 app  \"App\""),
                                       ("scale voto", "text extra \"Anything else?\" max 20 optional\nscale voto"))
            let id = try Self.interrupted(test, under: old)
            #expect(throws: StoreError.questionnaireChanged(id)) {
                try InterviewSession.resume(id, questionnaire: new, store: try test.store())
            }
            let resumed = try InterviewSession.resume(id, questionnaire: new, store: try test.store(), previous: [old])
            #expect(resumed.screenName == "canali")
            guard case .question(let p) = resumed.interview.screen else { Issue.record("not a question"); return }
            #expect(p.text == "Which channels did you use?", "the new version's text")
            #expect(resumed.interview.values == ["consenso": .number(1), "eta": .number(30), "nome": .text("Anna")])
            try resumed.answer("4", "")
            #expect(try resumed.perform(.answer("7")) == .moved)
            #expect(try resumed.perform(.answer("")) == .finished(.complete))
            let record = try #require(try test.records(id: id).first)
            #expect(record["version"]?.serialized == "3")
            #expect(record["questionnaire_sha256"]?.stringValue == new.sha256)
            #expect(record["answers"]?.serialized == #"{"consenso":1,"eta":30,"nome":"Anna","canali":[4],"voto":7}"#)
        }

        @Test func anIncompatibleVersionKeepsTheJournalForAPerson() throws {
            let test = try TestFolder("version-no")
            let old = try Fixture.questionnaire()
            let new = try Self.version(("version 2", "version 3"), ("range 18..99", "range 18..60"))
            let id = try Self.interrupted(test, under: old)
            #expect(throws: StoreError.questionnaireChanged(id)) {
                try InterviewSession.resume(id, questionnaire: new, store: try test.store(), previous: [old])
            }
            #expect(try test.store().resumable().map(\.header.id) == [id], "kept")
            let again = try InterviewSession.resume(id, questionnaire: old, store: try test.store())
            #expect(again.screenName == "canali", "still resumable under its own version")
        }

        /// A question added before the point reached: the journal's typed answers would
        /// land on other questions, so the replay stops and the interview is kept.
        @Test func aQuestionAddedBeforeThePointReachedStopsTheReplay() throws {
            let test = try TestFolder("version-added")
            let old = try Fixture.questionnaire()
            let new = try Self.version(("version 2", "version 3"),
                                       ("number eta", "text citta \"Town?\" max 20\nnumber eta"))
            let id = try Self.interrupted(test, under: old)
            #expect(throws: StoreError.questionnaireChanged(id)) {
                try InterviewSession.resume(id, questionnaire: new, store: try test.store(), previous: [old])
            }
            #expect(try test.store().resumable().map(\.header.id) == [id])
        }
    }
}

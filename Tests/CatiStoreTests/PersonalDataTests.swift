import CatiCore
@testable import CatiStore
import CatiTestSupport
import Foundation
import Testing

/// Issue 20: a journal holds no personal sample column; a resumed interview gets them
/// back from the sample; a `personal` sample variable is used but never recorded.
struct PersonalDataTests {
    static let source = """
        survey privacy "Privacy"
        sample email text "E-mail" personal max 80
        sample tipo single "Tipo"
          1 privato "Privato"
          2 azienda "Azienda"
        info hello "Buongiorno {sample.name}, scriviamo a {email}."
        scale voto "Voto" 1..10
        """

    @Test func theJournalHasNoPersonalColumnAndTheResumedInterviewReadsThemFromTheSample() throws {
        let questionnaire = try QuestionnaireText.check(Self.source)
        #expect(questionnaire.personalColumns == ["name", "phone", "email"])
        let sample = try SampleFile.parse("id,name,phone,email,tipo\nR1,Maria Rossi,0521 234 517,maria@example.org,privato\n",
                                          for: questionnaire)
        let row = try #require(sample.row(id: "R1"))
        let folder = try TestFolder("privacy")
        let store = try folder.store()
        let session = try InterviewSession.start(questionnaire: questionnaire, store: store, sample: row, interviewer: "maria")
        #expect(session.interview.sample?.value("name") == "Maria Rossi")
        let journal = String(decoding: folder.bytes(folder.folder.journal(session.id)), as: UTF8.self)
        #expect(journal.contains("\"respondent\":\"R1\""))
        #expect(journal.contains("\"tipo\":\"privato\""))
        for personal in ["Maria", "0521", "maria@example.org"] { #expect(!journal.contains(personal), "\(personal) in \(journal)") }
        try session.perform(.answer(""))
        session.handle.letGo()
        let resumed = try InterviewSession.resume(session.id, questionnaire: questionnaire, store: store, sample: sample)
        #expect(resumed.interview.sample?.value("name") == "Maria Rossi")
        #expect(resumed.interview.sample?.value("phone") == "0521 234 517")
        try resumed.perform(.answer("8"))
        // The closing step: Enter saves.
        for _ in 0..<3 where resumed.savedRecord == nil { try resumed.perform(.answer("")) }
        #expect(resumed.savedRecord != nil)
        let records = try String(contentsOfFile: folder.interviews, encoding: .utf8)
        #expect(records.contains("\"voto\":8") && records.contains("\"tipo\":1"))
        for personal in ["Maria", "0521", "maria@example.org", "\"email\""] { #expect(!records.contains(personal), "\(personal) in \(records)") }
    }

    @Test func personalIsAnAttributeOfSampleDeclarationsOnly() throws {
        #expect(throws: (any Error).self) { try QuestionnaireText.check("survey s \"S\"\nsample e text \"E\" personal personal\n") }
        #expect(throws: (any Error).self) { try QuestionnaireText.check("survey s \"S\"\nscale v \"V\" 1..5 personal\n") }
        // Not a reserved word: a question may be named so.
        let q = try QuestionnaireText.check("survey s \"S\"\nscale personal \"V\" 1..5\n")
        #expect(q.personalColumns == ["name", "phone"])
    }

    @Test func hmacSHA256MatchesRFC4231() {
        // RFC 4231 test case 2.
        let mac = HMACSHA256.hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}

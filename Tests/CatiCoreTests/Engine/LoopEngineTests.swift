import Foundation
import Testing
@testable import CatiCore

/// Loops (extension): a block asked once per code chosen in a multi, or per value 1..N
/// of a number; each round's answers recorded under `NAME_CODE`; F2 goes back across
/// rounds; changing the multi drops the rounds of the codes taken away.
struct LoopEngineTests {
    static let source = """
    survey l "Loops"
    multi servizi "Which services?"
      1 anagrafe "Registry"
      2 tributi "Taxes"
      3 scuola "Schools"
    loop servizio over servizi
      scale voto "Mark for {servizio}?" 1..10
      if servizio = tributi and voto <= 5
        text perche "Why {voto} for {servizio}?" max 100
      end
      single canale "How did you reach {servizio}?"
        1 tel "Phone"
        2 web "Web"
    end
    number chiamate "How many calls?" range 0..3
    loop chiamata over chiamate
      single risolto "Did call {chiamata} solve it?"
        1 si "Yes"
        2 no "No"
    end
    info fine "Registry {voto_1}, call 2: {risolto_2}"
    """


    @Test func oneRoundPerChosenCodeWithTheCodesLabelFilled() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1 3")
        #expect(run.at == "voto_1")
        #expect(run.prompt?.text == "Mark for Registry?")
        try run.answers("7", "1")
        #expect(run.at == "voto_3", "round 2 (Taxes) is not asked: code 2 was not chosen")
        #expect(run.prompt?.text == "Mark for Schools?")
        try run.answers("4", "2")
        #expect(run.at == "chiamate")
        try run.answers("2")
        #expect(run.prompt?.text == "Did call 1 solve it?")
        try run.answers("1")
        #expect(run.at == "risolto_2")
        #expect(run.prompt?.text == "Did call 2 solve it?")
        try run.answers("2")
        #expect(run.at == "fine")
        #expect(run.prompt?.text == "Registry 7, call 2: No")
        try run.answers("")
        let record = try run.finish()
        #expect(record["answers"]?.serialized
                == #"{"servizi":[1,3],"voto_1":7,"canale_1":1,"voto_3":4,"canale_3":2,"chiamate":2,"risolto_1":1,"risolto_2":2}"#)
    }

    @Test func theLoopsNameReadsTheRoundsCodeInConditions() throws {
        var run = try EngineRun(Self.source)
        try run.answers("2", "3")
        #expect(run.at == "perche_2", "in round tributi a low mark asks why")
        #expect(run.prompt?.text == "Why 3 for Taxes?")
        try run.answers("slow", "1", "0")
        #expect(run.at == "fine")
    }

    @Test func backGoesIntoTheEarlierRoundAndKeepsItsAnswers() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1 2", "8", "1")
        #expect(run.at == "voto_2")
        try run.back()
        #expect(run.at == "canale_1", "F2 from round 2's first question lands on round 1's last")
        #expect(run.prompt?.prefill == "1")
        try run.back()
        #expect(run.at == "voto_1")
        #expect(run.prompt?.prefill == "8")
        try run.answers("9", "2")
        #expect(run.at == "voto_2")
        try run.answers("6", "1", "0", "")
        let record = try run.finish()
        #expect(record["answers"]?.serialized
                == #"{"servizi":[1,2],"voto_1":9,"canale_1":2,"voto_2":6,"canale_2":1,"chiamate":0}"#)
    }

    @Test func takingACodeAwayDropsItsRound() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1 3", "8", "1", "5", "2")
        #expect(run.at == "chiamate")
        try run.goTo("servizi")
        #expect(run.at == "servizi")
        try run.answers("1")
        #expect(run.at == "voto_1")
        #expect(run.prompt?.prefill == "8")
        try run.answers("8", "1")
        #expect(run.at == "chiamate", "round 3 is no longer on the path")
        try run.answers("1", "1", "")
        let answers = try run.finish()["answers"]?.serialized ?? ""
        #expect(!answers.contains("voto_3") && !answers.contains("canale_3"))
        #expect(answers.contains(#""voto_1":8"#))
    }

    @Test func aNumberLoopOfZeroAsksNoRound() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1", "5", "1", "0")
        #expect(run.at == "fine")
    }

    @Test func aTranslationOfALoopTextServesEveryRound() throws {
        let questionnaire = try EngineRun.questionnaire(Self.source)
        let english = """
        translation it
        servizi "Quali servizi?"
        servizi 1 "Anagrafe"
        servizi 2 "Tributi"
        servizi 3 "Scuola"
        voto "Voto per {servizio}?"
        perche "Perché {voto} a {servizio}?"
        canale "Come ha contattato {servizio}?"
        canale 1 "Telefono"
        canale 2 "Web"
        chiamate "Quante chiamate?"
        risolto "La chiamata {chiamata} ha risolto?"
        risolto 1 "Sì"
        risolto 2 "No"
        fine "Anagrafe {voto_1}, chiamata 2: {risolto_2}"
        """
        let result = TranslationChecker.check(SourceText(english), for: questionnaire, file: "l.it.cati")
        #expect(result.diagnostics.isEmpty && result.questionnaireDiagnostics.isEmpty,
                "\(result.diagnostics) \(result.questionnaireDiagnostics)")
        var q = questionnaire
        q.add(try #require(result.translation))
        var interview = try Interview(questionnaire: q, id: "I-1", sample: SampleRecord(id: "R1", fields: ["id": "R1", "language": "it"]),
                                      interviewer: "maria", startedAt: 1_000)
        _ = try interview.perform(.answer("2 3"), at: 1_001)
        guard case .question(let first) = interview.screen else { Issue.record("no question"); return }
        #expect(first.text == "Voto per Tributi?")
        _ = try interview.perform(.answer("4"), at: 1_002)
        guard case .question(let why) = interview.screen else { Issue.record("no question"); return }
        #expect(why.text == "Perché 4 a Tributi?")
    }

    @Test func aMissingOrWrongTranslationOfALoopTextIsReported() throws {
        let questionnaire = try EngineRun.questionnaire(Self.source)
        let text = """
        translation it
        voto "Voto per {servizi}?"
        """
        let result = TranslationChecker.check(SourceText(text), for: questionnaire, file: "l.it.cati")
        #expect(result.diagnostics.map(\.message).contains { $0.contains("{servizi}") })
        #expect(result.questionnaireDiagnostics.contains { $0.message.contains("'perche \"…\"'") && $0.location.line == 9 })
    }
}

extension LoopEngineTests {
    @Test func aChangedAnswerInAnEarlierRoundReroutesThatRound() throws {
        let source = try String(contentsOfFile: CorpusFiles.repositoryFolder
            .appendingPathComponent("questionnaires/servizi_parma.cati").path, encoding: .utf8)
        var run = try EngineRun(source)
        try run.answers("", "1 3", "8", "2")
        #expect(run.at == "voto_servizio_3")
        try run.back()
        try run.back()
        #expect(run.at == "voto_servizio_1")
        try run.answers("4")
        #expect(run.at == "canale_1")
        #expect(run.prompt?.prefill == "2")
        try run.answers("2")
        #expect(run.at == "perche_servizio_1", "a low mark now asks why, in round 1")
        try run.answers("slow")
        #expect(run.at == "voto_servizio_3")
        #expect(run.prompt?.prefill == "", "round 2 was not answered before")
    }
}

extension LoopEngineTests {
    /// Versions: a code added to a loop's multi adds a round (resumable); a code taken
    /// away removes its round's questions (not resumable, named).
    @Test func aNewCodeAddsARoundAndARemovedOneStrandsItsRound() throws {
        let old = try EngineRun.questionnaire(Self.source)
        let added = Self.source.replacingOccurrences(of: "  3 scuola \"Schools\"", with: "  3 scuola \"Schools\"\n  4 sociali \"Welfare\"")
        let more = QuestionnaireChanges(from: old, to: try EngineRun.questionnaire(added))
        #expect(more.compatible, "\(more.changes)")
        #expect(more.changes.map(\.text).contains("question 'voto_4' added"), "\(more.changes.map(\.text))")
        let removed = Self.source.replacingOccurrences(of: "  3 scuola \"Schools\"\n", with: "")
        let fewer = QuestionnaireChanges(from: old, to: try EngineRun.questionnaire(removed))
        #expect(!fewer.compatible)
        #expect(fewer.changes.map(\.text).contains("question 'voto_3' removed"), "\(fewer.changes.map(\.text))")
    }
}

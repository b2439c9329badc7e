import Foundation
import Testing
@testable import CatiCore

/// F2: answers kept and offered again; a changed answer re-walks the path, dropping the
/// questions that fall off it and asking the ones that come on.
struct BackNavigationTests {
    static let source = """
    survey b "Back"
    language it
    single tipo "Tipo"
      1 privato "Privato"
      2 azienda "Azienda"
    if tipo = privato
      number eta "Età" range 18..99
      compute anziano = eta >= 65
    else
      text ragione "Ragione sociale" max 120
      number dipendenti "Dipendenti" range 1..10000
    end
    scale voto "Voto" 1..10
    grid aspetti "Aspetti" scale 1..5 allow dk
      attesa "Attesa"
      cortesia "Cortesia"
    text commento "Commento" max 100 optional
    """

    @Test func answersAreKeptAndShownAsPrefill() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1", "70", "8")
        #expect(run.at == "attesa")
        try run.back()
        #expect(run.at == "voto")
        #expect(run.prompt?.prefill == "8")
        try run.back()
        #expect(run.at == "eta")
        #expect(run.prompt?.prefill == "70")
        try run.answer(run.prompt?.prefill ?? "", after: 1)
        #expect(run.at == "voto", "Enter keeps the earlier answer")
        #expect(run.prompt?.prefill == "8")
        try run.answers("8", "4", "5", "")
        let record = try run.finish()
        #expect(record["answers"]?.serialized
                == #"{"tipo":1,"eta":70,"anziano":true,"voto":8,"attesa":4,"cortesia":5}"#)
    }

    /// The earlier answer of every kind comes back as it would be typed.
    @Test(arguments: [
        ("single q \"Q\"\n  1 si \"Sì\"\n  2 no \"No\"", "no", "2"),
        ("multi q \"Q\"\n  1 \"A\"\n  2 \"B\"\n  3 \"C\"", "3,1", "1 3"),
        ("number q \"Q\" range 0..100 decimals 1", "12,5", "12.5"),
        ("number q \"Q\" range 0..100", "42", "42"),
        ("text q \"Q\" max 50", "  via Roma 1 ", "via Roma 1"),
        ("scale q \"Q\" 1..10", "7", "7"),
        ("grid q \"Q\" scale 1..5\n  uno \"Uno\"", "3", "3"),
        ("scale q \"Q\" 1..10 allow dk", "F3", ""),
    ])
    func prefillOfEveryKind(question: String, typed: String, prefill: String) throws {
        var run = try EngineRun("survey p \"P\"\n\(question)\ninfo fine \"Fine\"")
        try run.press(typed)
        #expect(run.at == "fine")
        try run.back()
        #expect(run.prompt?.prefill == prefill)
    }

    @Test func changingAnAnswerRemovesAndAddsQuestions() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1", "70", "8", "4", "5", "ok")
        #expect(run.at == "end:complete")
        #expect(run.interview.values["anziano"] == .bool(true))
        // all the way back to the first question, item by item through the grid
        #expect(try run.play(["F2", "F2", "F2", "F2", "F2", "F2"])
                == ["end:complete", "commento", "cortesia", "attesa", "voto", "eta", "tipo"])
        #expect(try run.play(["2", "ACME", "12"]) == ["tipo", "ragione", "dipendenti", "voto"])
        #expect(run.prompt?.prefill == "8", "a question still on the path keeps its answer")
        try run.answers("8", "4", "5", "ok")
        let record = try run.finish()
        #expect(record["answers"]?.serialized
                == #"{"tipo":2,"ragione":"ACME","dipendenti":12,"voto":8,"attesa":4,"cortesia":5,"commento":"ok"}"#,
                "eta and the compute made from it fell off the path")
        #expect(run.interview.values["anziano"] == nil)
        #expect(run.interview.values["eta"] == nil)
    }

    @Test func comingBackOntoThePathRestoresTheEarlierAnswer() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1", "70", "8")
        _ = try run.play(["F2", "F2", "F2", "2"])
        #expect(run.at == "ragione")
        try run.answers("ACME")
        _ = try run.play(["F2", "F2", "1"])
        #expect(run.at == "eta")
        #expect(run.prompt?.prefill == "70")
        _ = try run.play(["F2", "2"])
        #expect(run.prompt?.prefill == "ACME")
    }

    @Test(arguments: [(InterviewerLanguage.en, "This is the first question"),
                      (InterviewerLanguage.it, "Questa è la prima domanda")])
    func backAtTheFirstQuestionIsRefused(language: InterviewerLanguage, message: String) throws {
        let source = Self.source.replacingOccurrences(of: "language it", with: "language \(language.rawValue)")
        var run = try EngineRun(source)
        #expect(try run.back() == .rejected(message))
        #expect(run.at == "tipo")
        try run.answers("1")
        try run.back()
        #expect(try run.back() == .rejected(message))
        #expect(run.at == "tipo")
    }

    @Test func backOutOfAGridGoesItemByItem() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1", "30", "6", "2")
        try run.dk()
        #expect(run.at == "commento")
        try run.back()
        #expect(run.at == "cortesia")
        #expect(run.prompt?.currentItem == 1)
        #expect(run.prompt?.prefill == "", "dk has nothing to type: F3 again keeps it")
        #expect(run.prompt?.items.map(\.value) == ["2", nil])
        try run.back()
        #expect(run.at == "attesa")
        #expect(run.prompt?.prefill == "2")
        try run.back()
        #expect(run.at == "voto")
        #expect(try run.play(["6", "3", "F3"]) == ["voto", "attesa", "cortesia", "commento"])
        #expect(run.answersJSON == #"{"tipo":1,"eta":30,"anziano":false,"voto":6,"attesa":3,"cortesia":{"missing":"dk"}}"#)
    }

    @Test(arguments: [(InterviewerLanguage.en, "Cannot go back further"),
                      (InterviewerLanguage.it, "Impossibile tornare più indietro")])
    func goToAQuestionNotOnThePathIsRefused(language: InterviewerLanguage, message: String) throws {
        let source = Self.source.replacingOccurrences(of: "language it", with: "language \(language.rawValue)")
        var run = try EngineRun(source)
        try run.answers("1", "30")
        #expect(try run.goTo("ragione") == .rejected(message))
        #expect(try run.goTo("nonesiste") == .rejected(message))
        #expect(run.at == "voto")
        #expect(try run.goTo("tipo") == .moved)
        #expect(run.at == "tipo")
    }

    // MARK: - other specifications

    static let other = """
    survey o "Other"
    single motivo "Motivo"
      1 anagrafe "Anagrafe"
      8 altro "Altro" other
    scale voto "Voto" 1..10
    """

    @Test func backThroughASpecification() throws {
        var run = try EngineRun(Self.other)
        try run.answers("8", "passaporto", "7")
        #expect(try run.play(["F2", "F2"]) == ["end:complete", "voto", "motivo_other"])
        guard case .specifyOther(let prompt) = run.screen else { Issue.record("not at the specification"); return }
        #expect(prompt.prefill == "passaporto")
        try run.back()
        #expect(run.at == "motivo")
        #expect(run.prompt?.prefill == "8")
        try run.answers("8")
        #expect(run.at == "motivo_other")
        try run.answers("carta d'identità", "7")
        #expect(run.answersJSON == #"{"motivo":8,"motivo_other":"carta d'identità","voto":7}"#)
    }

    @Test func changingAwayFromOtherDropsTheSpecification() throws {
        var run = try EngineRun(Self.other)
        try run.answers("8", "passaporto", "7")
        _ = try run.play(["F2", "F2", "F2", "1"])
        #expect(run.at == "voto", "no specification for a code without other")
        try run.answers("7")
        let record = try run.finish()
        #expect(record["answers"]?.serialized == #"{"motivo":1,"voto":7}"#)
    }
}

import Foundation
import Testing
@testable import CatiCore

/// `check` (hard: must hold) and `warn` (soft: suspicious when true).
struct ChecksAndWarningsTests {
    static let source = """
    survey k "Checks"
    language en
    number famiglia "Quante persone vivono in famiglia?" range 1..20 allow refused optional
    number minori "Quante hanno meno di 14 anni?" range 0..20 allow dk
    check minori < famiglia "Almeno una persona ({famiglia}) ha 14 anni o più"
    scale voto "Voto" 1..10
    scale attesa "Attesa" 1..10 allow dk
    warn voto >= 9 and attesa <= 3 "Voto {voto} alto ma attesa {attesa}: confermare"
    info fine "Fine"
    """

    static func source(_ language: InterviewerLanguage) -> String {
        source.replacingOccurrences(of: "language en", with: "language \(language.rawValue)")
    }

    // MARK: - check

    @Test(arguments: [
        (["3", "0"], "voto"),
        (["3", "2"], "voto"),
        (["3", "3"], "check"),
        (["3", "5"], "check"),
        (["1", "1"], "check"),
        (["F4", "5"], "voto"),   // not evaluated: famiglia refused
        (["", "5"], "voto"),     // not evaluated: famiglia left empty (absent)
        (["3", "F3"], "voto"),   // not evaluated: minori dk
    ])
    func checkFailsWhenItsConditionIsFalse(keys: [String], then: String) throws {
        var run = try EngineRun(Self.source)
        _ = try run.play(keys)
        #expect(run.at == then)
    }

    @Test func failedCheckShowsTheMessageAndTheQuestionsInvolved() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "4")
        guard case .checkFailed(let rule) = run.screen else { Issue.record("no failed check at \(run.at)"); return }
        #expect(rule.message == "Almeno una persona (3) ha 14 anni o più")
        #expect(rule.involved.map(\.variable) == ["famiglia", "minori"])
        #expect(rule.involved.map(\.text) == ["Quante persone vivono in famiglia?", "Quante hanno meno di 14 anni?"])
        #expect(rule.involved.map(\.answer) == ["3", "4"])
        #expect(rule.involved.map(\.canGoTo) == [true, true])
    }

    @Test(arguments: [(InterviewerLanguage.en, "Correct one of the answers listed (F2 goes back)"),
                      (InterviewerLanguage.it, "Correggere una delle risposte elencate (F2 torna indietro)")])
    func aFailedCheckCannotBeConfirmed(language: InterviewerLanguage, message: String) throws {
        var run = try EngineRun(Self.source(language))
        try run.answers("3", "4")
        #expect(try run.answer("") == .rejected(message))
        #expect(try run.answer("4") == .rejected(message))
        #expect(run.at == "check")
        #expect(try run.dk() != .moved)
        #expect(run.at == "check")
    }

    @Test func backFromAFailedCheckGoesToTheMostRecentlyAskedAndReEvaluates() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "4")
        try run.back()
        #expect(run.at == "minori")
        #expect(run.prompt?.prefill == "4")
        try run.answer("3")
        #expect(run.at == "check", "evaluated again when reached: still failing")
        try run.back()
        try run.answer("2")
        #expect(run.at == "voto")
        #expect(run.answersJSON == #"{"famiglia":3,"minori":2}"#)
    }

    @Test func goToAListedQuestion() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "4")
        #expect(try run.goTo("famiglia") == .moved)
        #expect(run.at == "famiglia")
        #expect(run.prompt?.prefill == "3")
        try run.answer("6")
        #expect(run.at == "minori")
        try run.answer(run.prompt?.prefill ?? "")
        #expect(run.at == "voto", "4 under-14s in a family of 6 passes")
        #expect(run.answersJSON == #"{"famiglia":6,"minori":4}"#)
    }

    static let computed = """
    survey k "Checks"
    number a "A" range 0..10
    number b "B" range 0..10
    compute totale = a + b
    check totale <= 10 "Il totale supera 10"
    info fine "Fine"
    """

    @Test func aCheckOnAComputeListsTheQuestionsItIsMadeFrom() throws {
        var run = try EngineRun(Self.computed)
        try run.answers("6", "7")
        #expect(run.rule?.involved.map(\.variable) == ["a", "b"])
        try run.back()
        #expect(run.at == "b")
        try run.answers("4")
        #expect(run.at == "fine")
    }

    // MARK: - warn

    @Test(arguments: [
        (["3", "0", "9", "3"], "warn"),
        (["3", "0", "10", "1"], "warn"),
        (["3", "0", "8", "1"], "fine"),
        (["3", "0", "9", "4"], "fine"),
        (["3", "0", "9", "F3"], "fine"),   // not evaluated: attesa dk
    ])
    func warningIsRaisedWhenItsConditionIsTrue(keys: [String], then: String) throws {
        var run = try EngineRun(Self.source)
        _ = try run.play(keys)
        #expect(run.at == then)
    }

    @Test func confirmedWarningIsRecorded() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "0", "10", "2")
        guard case .warning(let rule) = run.screen else { Issue.record("no warning at \(run.at)"); return }
        #expect(rule.message == "Voto 10 alto ma attesa 2: confermare")
        #expect(rule.involved.map(\.variable) == ["voto", "attesa"])
        #expect(try run.answer("") == .moved)
        #expect(run.at == "fine")
        try run.answer("")
        let record = try run.finish()
        #expect(record["paradata"]?["warnings_confirmed"] == .array([.string("Voto 10 alto ma attesa 2: confermare")]))
        #expect(record["answers"]?.serialized == #"{"famiglia":3,"minori":0,"voto":10,"attesa":2}"#)
    }

    @Test func goingBackFromAWarningAndCorrecting() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "0", "10", "2")
        try run.back()
        #expect(run.at == "attesa")
        try run.answer("7")
        #expect(run.at == "fine")
        try run.answer("")
        let record = try run.finish()
        #expect(record["paradata"]?["warnings_confirmed"] == .array([]))
    }

    @Test func changingAnAnswerAfterConfirmingRemovesTheWarning() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "0", "10", "2", "")
        #expect(run.at == "fine")
        try run.goTo("voto")
        try run.answers("6", "2")
        #expect(run.at == "fine", "no longer suspicious")
        try run.answer("")
        #expect(try run.finish()["paradata"]?["warnings_confirmed"] == .array([]))
    }

    @Test func aWarningRaisedAgainWithOtherValuesRecordsTheLastConfirmation() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "0", "10", "2", "")
        try run.goTo("attesa")
        try run.answer("1")
        #expect(run.rule?.message == "Voto 10 alto ma attesa 1: confermare")
        try run.answers("", "")
        #expect(try run.finish()["paradata"]?["warnings_confirmed"]
                == .array([.string("Voto 10 alto ma attesa 1: confermare")]))
    }

    @Test func aConfirmedWarningIsNotRaisedAgainForTheSameAnswers() throws {
        var run = try EngineRun(Self.source)
        try run.answers("3", "0", "10", "2", "")
        try run.goTo("attesa")
        try run.answer("2")
        #expect(run.at == "fine")
        try run.answer("")
        #expect(try run.finish()["paradata"]?["warnings_confirmed"]
                == .array([.string("Voto 10 alto ma attesa 2: confermare")]))
    }

    static let branch = """
    survey k "Checks"
    scale voto "Voto" 1..10
    single cliente "Cliente?"
      1 si "Sì"
      2 no "No"
    if cliente = si
      warn voto <= 2 "Voto {voto} molto basso per un cliente"
    end
    info fine "Fine"
    """

    @Test func aConfirmedWarningThatFallsOffThePathIsNotRecorded() throws {
        var run = try EngineRun(Self.branch)
        try run.answers("1", "1")
        #expect(run.at == "warn")
        try run.answers("")
        #expect(run.at == "fine")
        try run.goTo("cliente")
        try run.answers("2", "")
        #expect(try run.finish()["paradata"]?["warnings_confirmed"] == .array([]))
    }
}

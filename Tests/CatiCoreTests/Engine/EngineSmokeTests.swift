import Testing
@testable import CatiCore

/// A walk through the spec's example questionnaire: routing, fills, validation, back.
struct EngineSmokeTests {
    static let source = """
    survey demo "Esempio"
    single consenso "Possiamo farle alcune domande?"
      1 si "Sì"
      2 no "No"
    terminate "La ringrazio comunque. Buona giornata." if consenso = no
    single tipo "Lei ha chiamato come..." preload
      1 privato "Privato cittadino"
      2 azienda "Azienda"
      3 ente    "Ente"
    multi canali "Quali canali ha usato?" pick 1..4
      1 "Telefono"
      2 "E-mail"
      3 "Fax"
      4 "SMS"
    scale voto "Da 1 a 10, che voto dà al servizio nel complesso?" 1..10 allow dk
      1  "Pessimo"
      10 "Ottimo"
    text perche "Perché dà {voto}?" max 300 optional if voto <= 5
    quota q by tipo
      privato: 8
      azienda: 3
      ente: 2
    end
    """

    func start(sample: SampleRecord? = nil) throws -> Interview {
        let q = try #require(QuestionnaireChecker.check(Self.source).questionnaire)
        return try Interview(questionnaire: q, id: "T1", sample: sample, interviewer: "maria", startedAt: 1000)
    }

    func name(_ i: Interview) -> String? {
        if case .question(let p) = i.screen { return p.name }
        return nil
    }

    @Test func fullPathWithFillAndRecord() throws {
        var i = try start()
        #expect(name(i) == "consenso")
        try i.perform(.answer("1"), at: 1003)
        #expect(name(i) == "tipo")
        try i.perform(.answer("azienda"), at: 1005)
        try i.perform(.answer("1, 2"), at: 1010)
        try i.perform(.answer("4"), at: 1012)
        guard case .question(let p) = i.screen else { Issue.record("no question"); return }
        #expect(p.text == "Perché dà 4?")
        try i.perform(.answer("lento"), at: 1020)
        #expect(i.screen.isEnding)
        #expect(try i.perform(.answer(""), at: 1021) == .finished(.complete))
        let record = i.record().serialized
        #expect(record.contains(#""answers":{"consenso":1,"tipo":2,"canali":[1,2],"voto":4,"perche":"lento"}"#))
        #expect(record.contains(#""quota_cells":{"q":"azienda"}"#))
        #expect(record.contains(#""started":"1970-01-01T00:16:40Z""#))
    }

    @Test func refusedEntriesKeepTheQuestion() throws {
        var i = try start()
        #expect(try i.perform(.answer("7"), at: 1001) == .rejected("Unknown code '7': the codes are 1, 2"))
        #expect(name(i) == "consenso")
        #expect(try i.perform(.dontKnow, at: 1001) == .rejected("Not allowed: don't know"))
        try i.perform(.answer("1"), at: 1002)
        try i.perform(.answer("1"), at: 1003)
        #expect(try i.perform(.answer("1 9"), at: 1004) == .rejected("Unknown code '9': the codes are 1–4"))
    }

    @Test func goingBackAndChangingAnAnswerChangesThePath() throws {
        var i = try start()
        try i.perform(.answer("1"), at: 1)
        try i.perform(.answer("1"), at: 2)
        try i.perform(.answer("1"), at: 3)
        try i.perform(.answer("3"), at: 4)
        #expect(name(i) == "perche")
        try i.perform(.back, at: 5)
        guard case .question(let p) = i.screen else { Issue.record("no question"); return }
        #expect(p.name == "voto" && p.prefill == "3")
        try i.perform(.answer("9"), at: 6)
        #expect(i.screen.isEnding)
        try i.perform(.answer(""), at: 7)
        #expect(i.values["perche"] == nil)
        #expect(i.values["voto"] == .number(9))
    }

    @Test func preloadIsNotAsked() throws {
        var i = try start(sample: SampleRecord(id: "R1", fields: ["tipo": "ente"]))
        try i.perform(.answer("1"), at: 1)
        #expect(name(i) == "canali")
        #expect(i.values["tipo"] == .number(3))
    }
}

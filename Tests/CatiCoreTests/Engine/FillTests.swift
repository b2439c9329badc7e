import Testing
@testable import CatiCore

/// Text fills: `{NAME}` as label / labels / value, `{sample.COLUMN}`, `{interviewer}`,
/// `{{`, and missing values filled as empty text.
struct FillTests {
    static let source = """
    survey f "Fill"
    sample regione single "Regione"
      1 nord "Nord Italia"
      2 sud "Sud"
    single tipo "Tipo"
      1 privato "Privato cittadino"
      2 azienda "Azienda"
    multi canali "Canali" optional
      1 "Telefono"
      2 "E-mail"
      3 "Fax"
    number spesa "Spesa" range 0..100 decimals 2 allow dk
    number eta "Età" range 18..99 allow refused
    scale voto "Voto" 1..10 allow dk
    text nome "Nome" max 30 optional
    info riepilogo "{tipo} | {canali} | {spesa} | {eta} | {voto} | {nome} | {regione} | {sample.citta} | {interviewer} | {{x}"
    """

    @Test(arguments: [
        (["2", "3 1", "12,5", "40", "7", "Anna"], ["id": "R1", "regione": "nord", "citta": "Parma"],
         "Azienda | Telefono, Fax | 12.50 | 40 | 7 | Anna | Nord Italia | Parma | luca | {x}"),
        (["1", "2", "F3", "F4", "F3", ""], ["id": "R1", "regione": "2"],
         "Privato cittadino | E-mail |  |  |  |  | Sud |  | luca | {x}"),
        (["1", "", "0", "99", "10", "Zoë"], nil,
         "Privato cittadino |  | 0.00 | 99 | 10 | Zoë |  |  | luca | {x}"),
    ] as [([String], [String: String]?, String)])
    func fillsInAQuestionText(keys: [String], sample: [String: String]?, text: String) throws {
        var run = try EngineRun(Self.source, sample: sample, interviewer: "luca")
        _ = try run.play(keys)
        #expect(run.at == "riepilogo")
        #expect(run.prompt?.text == text)
    }

    static let everywhere = """
    survey f "Fill"
    single tipo "Tipo"
      1 privato "Privato"
      2 azienda "Azienda"
    single conferma "Lei è {tipo}?"
      1 "Sì, {tipo}"
      2 "No, non {tipo}"
    grid aspetti "Per {tipo}:" scale 1..5
      attesa "Attesa ({tipo})"
    scale voto "Voto" 1..10
      1 "Pessimo per {tipo}"
    warn voto = 1 "Voto {voto} da {tipo}?"
    terminate "Grazie {tipo}, {interviewer}" if voto = 2
    """

    @Test func fillsInLabelsItemsAnchorsMessagesAndClosingTexts() throws {
        var run = try EngineRun(Self.everywhere)
        try run.answers("2")
        #expect(run.prompt?.text == "Lei è Azienda?")
        #expect(run.prompt?.options.map(\.label) == ["Sì, Azienda", "No, non Azienda"])
        try run.answers("1")
        #expect(run.prompt?.text == "Per Azienda:")
        #expect(run.prompt?.items.map(\.text) == ["Attesa (Azienda)"])
        try run.answers("3")
        #expect(run.prompt?.anchors.map(\.label) == ["Pessimo per Azienda"])
        try run.answers("1")
        #expect(run.rule?.message == "Voto 1 da Azienda?")
        _ = try run.play(["F2", "2"])
        #expect(run.ending?.text == "Grazie Azienda, maria")
    }

    @Test func fillsFollowAChangedAnswer() throws {
        var run = try EngineRun(Self.everywhere)
        try run.answers("2")
        #expect(run.prompt?.text == "Lei è Azienda?")
        try run.back()
        try run.answers("1")
        #expect(run.prompt?.text == "Lei è Privato?")
    }
}

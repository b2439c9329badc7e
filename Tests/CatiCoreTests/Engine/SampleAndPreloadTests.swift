import Testing
@testable import CatiCore

/// Sample variables (never asked) and `preload` questions (taken from the sample when
/// the cell holds a fitting value, asked otherwise).
struct SampleAndPreloadTests {
    static let source = """
    survey p "Preload"
    sample regione single "Regione"
      1 nord "Nord"
      2 sud "Sud"
    sample contatti number "Contatti"
    sample operatore text "Operatore"
    single consenso "Consenso"
      1 si "Sì"
    single tipo "Tipo" preload
      1 privato "Privato"
      2 azienda "Azienda"
    number eta "Età" range 18..99 preload
    info solo_sud "Solo al sud" if regione = sud
    scale voto "Voto" 1..10
    """

    /// The `tipo` cell, and whether the question is then asked; `nil` = no such column.
    @Test(arguments: [
        ("2", false), ("azienda", false), (" azienda ", false), ("AZIENDA", false),
        ("", true), ("   ", true), ("3", true), ("boh", true), ("1 2", true), (nil, true),
    ] as [(String?, Bool)])
    func preloadOfASingle(cell: String?, asked: Bool) throws {
        var fields = ["id": "R7", "eta": "50"]
        fields["tipo"] = cell
        var run = try EngineRun(Self.source, sample: fields)
        try run.answers("1")
        #expect(run.at == (asked ? "tipo" : "voto"))
        if asked { try run.answers("1") }
        #expect(run.interview.values["tipo"] == .number(asked ? 1 : 2), "the preloaded value is recorded as its answer")
    }

    @Test(arguments: [("45", false), ("18", false), ("17", true), ("45.5", true), ("abc", true), ("", true)])
    func preloadOfANumber(cell: String, asked: Bool) throws {
        var run = try EngineRun(Self.source, sample: ["id": "R7", "tipo": "1", "eta": cell])
        try run.answers("1")
        #expect(run.at == (asked ? "eta" : "voto"))
    }

    @Test func withoutASamplePreloadsAreAsked() throws {
        var run = try EngineRun(Self.source)
        #expect(try run.play(["1", "2", "30", "7"]) == ["consenso", "tipo", "eta", "voto", "end:complete"])
        let record = try run.finish()
        #expect(record["respondent"] == .null)
        #expect(record["answers"]?.serialized == #"{"consenso":1,"tipo":2,"eta":30,"voto":7}"#)
    }

    @Test func sampleValuesAreRecordedAndRouteTheInterview() throws {
        var run = try EngineRun(Self.source, sample: ["id": "R0017", "regione": "sud", "contatti": "3",
                                                      "operatore": "Luca", "tipo": "azienda", "eta": "61",
                                                      "name": "Maria Rossi", "phone": "0521 234 517"])
        #expect(try run.play(["1", "", "8"]) == ["consenso", "solo_sud", "voto", "end:complete"])
        let record = try run.finish()
        #expect(record["respondent"] == .string("R0017"))
        #expect(record["answers"]?.serialized
                == #"{"regione":2,"contatti":3,"operatore":"Luca","consenso":1,"tipo":2,"eta":61,"voto":8}"#)
    }

    @Test(arguments: [
        (["id": "R1", "regione": "1"], #"{"regione":1"#),
        (["id": "R1", "regione": "nord"], #"{"regione":1"#),
        (["id": "R1", "regione": "3"], "{\"consenso\""),
        (["id": "R1", "regione": "centro"], "{\"consenso\""),
        (["id": "R1", "regione": ""], "{\"consenso\""),
        (["id": "R1", "contatti": "2,5"], #"{"contatti":2.5"#),
        (["id": "R1", "contatti": "tanti"], "{\"consenso\""),
    ])
    func sampleCells(fields: [String: String], answersStart: String) throws {
        var run = try EngineRun(Self.source, sample: fields)
        try run.answers("1", "1", "30")
        #expect(run.answersJSON.hasPrefix(answersStart), "\(run.answersJSON)")
    }

    @Test func backOverAPreloadStopsAtTheFirstAskedQuestion() throws {
        var run = try EngineRun(Self.source, sample: ["id": "R1", "tipo": "2", "eta": "40"])
        try run.answers("1")
        #expect(run.at == "voto")
        try run.back()
        #expect(run.at == "consenso")
        try run.answers("1")
        #expect(run.at == "voto")
        #expect(run.interview.values["tipo"] == .number(2), "the preload is taken again")
    }

    static let checked = """
    survey p "Preload"
    sample anno_nascita number "Anno di nascita"
    number eta "Età" range 0..120
    check anno_nascita + eta >= 2020 "Età e anno di nascita non tornano"
    info fine "Fine"
    """

    @Test func aSampleVariableInACheckCannotBeGoneTo() throws {
        var run = try EngineRun(Self.checked, sample: ["id": "R1", "anno_nascita": "1950"])
        try run.answers("30")
        guard case .checkFailed(let rule) = run.screen else { Issue.record("no failed check at \(run.at)"); return }
        #expect(rule.involved.map(\.variable) == ["anno_nascita", "eta"])
        #expect(rule.involved.map(\.canGoTo) == [false, true])
        #expect(rule.involved.map(\.answer) == ["1950", "30"])
        #expect(try run.goTo("anno_nascita") == .rejected("Cannot go back further"))
        #expect(run.at == "check")
        try run.back()
        #expect(run.at == "eta")
        try run.answers("75")
        #expect(run.at == "fine")
    }
}

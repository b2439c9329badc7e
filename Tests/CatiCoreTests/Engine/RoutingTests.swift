import Testing
@testable import CatiCore

/// The path through `if`/`elseif`/`else` blocks, the `if` attribute, `terminate` and
/// `compute`.
struct RoutingTests {
    static let blocks = """
    survey r "Routing"
    single tipo "Tipo"
      1 privato "Privato"
      2 azienda "Azienda"
      3 ente "Ente"
      4 altro "Altro"
    if tipo in (azienda, ente)
      text ragione "Ragione sociale" max 120
      if tipo = ente
        single livello "Livello"
          1 comunale "Comunale"
          2 statale "Statale"
      end
    elseif tipo = privato
      number eta "Età" range 18..99 allow refused
      if eta >= 65
        single pensione "Pensionato?"
          1 si "Sì"
          2 no "No"
      elseif eta < 30
        info giovane "Un giovane"
      end
    else
      info nessuno "(nessuna domanda per questa tipologia)"
    end
    scale voto "Voto" 1..10 allow dk
    text perche "Perché?" max 300 optional if voto <= 5
    """

    @Test(arguments: [
        (["2", "ACME", "9"], ["tipo", "ragione", "voto", "end:complete"]),
        (["ente", "Comune di Parma", "1", "9"], ["tipo", "ragione", "livello", "voto", "end:complete"]),
        (["1", "70", "2", "9"], ["tipo", "eta", "pensione", "voto", "end:complete"]),
        (["1", "65", "2", "9"], ["tipo", "eta", "pensione", "voto", "end:complete"]),
        (["1", "25", "", "9"], ["tipo", "eta", "giovane", "voto", "end:complete"]),
        (["1", "30", "9"], ["tipo", "eta", "voto", "end:complete"]),
        (["1", "F4", "9"], ["tipo", "eta", "voto", "end:complete"]),
        (["4", "", "9"], ["tipo", "nessuno", "voto", "end:complete"]),
        (["4", "", "5", "lento"], ["tipo", "nessuno", "voto", "perche", "end:complete"]),
        (["4", "", "F3"], ["tipo", "nessuno", "voto", "end:complete"]),
    ])
    func nestedBlocksAndIfAttribute(keys: [String], path: [String]) throws {
        var run = try EngineRun(Self.blocks)
        #expect(try run.play(keys) == path)
    }

    @Test func onlyThePathIsRecorded() throws {
        var run = try EngineRun(Self.blocks)
        _ = try run.play(["3", "Comune", "statale", "4", "tempi lunghi"])
        let record = try run.finish()
        #expect(record["answers"]?.serialized
                == #"{"tipo":3,"ragione":"Comune","livello":2,"voto":4,"perche":"tempi lunghi"}"#)
    }

    // MARK: - terminate

    static let screening = """
    survey s "Screening"
    single consenso "Possiamo farle alcune domande?"
      1 si "Sì"
      2 no "No"
    terminate "La ringrazio comunque, {interviewer}. Buona giornata." if consenso = no
    number eta "Età" range 1..120
    if eta < 18
      terminate "Intervistiamo solo maggiorenni ({eta} anni). Grazie."
    end
    single fine "Ultima"
      1 "a"
    """

    @Test(arguments: [
        (["2"], "La ringrazio comunque, maria. Buona giornata.", #"{"consenso":2}"#),
        (["1", "15"], "Intervistiamo solo maggiorenni (15 anni). Grazie.", #"{"consenso":1,"eta":15}"#),
    ])
    func terminateScreensOut(keys: [String], text: String, answers: String) throws {
        var run = try EngineRun(Self.screening)
        _ = try run.play(keys)
        #expect(run.ending == EndingPrompt(status: .screenedOut, text: text, quota: nil))
        #expect(run.interview.status == nil, "the closing text is shown before the interview ends")
        #expect(try run.answer("") == .finished(.screenedOut))
        #expect(run.record["status"] == .string("screened-out"))
        #expect(run.answersJSON == answers)
    }

    @Test func terminateNotReachedOrConditionFalseGoesOn() throws {
        var run = try EngineRun(Self.screening)
        #expect(try run.play(["1", "18", "1"]) == ["consenso", "eta", "fine", "end:complete"])
        #expect(run.ending == EndingPrompt(status: .complete, text: nil, quota: nil))
        #expect(try run.answer("") == .finished(.complete))
        #expect(run.record["status"] == .string("complete"))
    }

    @Test func backFromTheClosingTextUndoesTheTermination() throws {
        var run = try EngineRun(Self.screening)
        _ = try run.play(["2"])
        #expect(run.at == "end:screened-out")
        #expect(try run.play(["F2", "1", "40"]) == ["end:screened-out", "consenso", "eta", "fine"])
    }

    // MARK: - compute

    static let computes = """
    survey c "Compute"
    number a "A" range 0..10 allow dk
    number b "B" range 0..10 optional
    compute somma = a + b
    compute rapporto = a / b
    compute alto = a >= 5
    compute opposto = -a * 2
    info dopo "somma={somma} rapporto={rapporto} alto={alto}" if alto
    """

    @Test(arguments: [
        (["6", "3"], #"{"a":6,"b":3,"somma":9,"rapporto":2,"alto":true,"opposto":-12}"#, "somma=9 rapporto=2 alto=true"),
        (["7", "2"], #"{"a":7,"b":2,"somma":9,"rapporto":3.5,"alto":true,"opposto":-14}"#, "somma=9 rapporto=3.5 alto=true"),
        (["3", "0"], #"{"a":3,"b":0,"somma":3,"alto":false,"opposto":-6}"#, nil),
        (["8", "0"], #"{"a":8,"b":0,"somma":8,"alto":true,"opposto":-16}"#, "somma=8 rapporto= alto=true"),
        (["F3", "4"], #"{"a":{"missing":"dk"},"b":4,"alto":false}"#, nil),
        (["5", ""], #"{"a":5,"alto":true,"opposto":-10}"#, "somma= rapporto= alto=true"),
    ] as [([String], String, String?)])
    func computeIsStoredWhenItHasAValue(keys: [String], answers: String, info: String?) throws {
        var run = try EngineRun(Self.computes)
        _ = try run.play(keys)
        if let info {
            #expect(run.at == "dopo", "a boolean compute stands alone as a condition")
            #expect(run.prompt?.text == info)
            try run.answer("")
        }
        #expect(run.at == "end:complete")
        #expect(run.answersJSON == answers)
    }
}

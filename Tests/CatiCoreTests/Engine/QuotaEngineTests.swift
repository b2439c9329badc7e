import Foundation
import Testing
@testable import CatiCore

/// Quotas as the engine asks the gate for places, with an in-memory gate.
struct QuotaEngineTests {
    static let source = """
    survey q "Quote"
    language en
    sample regione single "Regione"
      1 nord "Nord"
      2 sud "Sud"
    single consenso "Consenso"
      1 si "Sì"
      2 no "No"
    single tipo "Tipo" preload
      1 privato "Privato"
      2 azienda "Azienda"
      3 ente "Ente"
    single motivo "Motivo" allow dk
      1 anagrafe "Anagrafe"
      2 tributi "Tributi"
      3 "Altro"
    scale voto "Voto" 1..10
    quota per_regione by regione
      nord: 5
      sud: 5
    end
    quota per_tipo by tipo
      privato: 5
      azienda: 5
      ente: 5
    end
    quota tipo_motivo by tipo, motivo full "Abbiamo già abbastanza interviste come la sua. Grazie."
      privato, anagrafe: 2
      1, tributi: 2
      privato, 3: 2
      azienda, *: 2
    end
    """

    static func source(_ language: InterviewerLanguage) -> String {
        source.replacingOccurrences(of: "language en", with: "language \(language.rawValue)")
    }

    static let nordPrivato = ["id": "R1", "regione": "nord", "tipo": "privato"]

    @Test func sampleAndPreloadCellsAreCheckedBeforeTheFirstQuestion() throws {
        let gate = MemoryQuotaGate()
        var run = try EngineRun(Self.source, id: "I1", sample: Self.nordPrivato, gate: gate)
        #expect(run.at == "consenso")
        #expect(gate.log == ["hold per_regione nord I1 -> true", "hold per_tipo privato I1 -> true"])
        try run.answers("1")
        #expect(run.at == "motivo", "tipo is preloaded")
        #expect(gate.log.count == 2, "a place already held is not asked again")
        try run.answers("2")
        #expect(gate.log.last == "hold tipo_motivo privato,tributi I1 -> true",
                "the cell is checked as soon as all its variables have values")
        #expect(run.at == "voto")
    }

    @Test func aQuotaOnAskedQuestionsWaitsForAllItsVariables() throws {
        let gate = MemoryQuotaGate()
        var run = try EngineRun(Self.source, id: "I1", sample: ["id": "R1", "regione": "sud"], gate: gate)
        #expect(gate.log == ["hold per_regione sud I1 -> true"])
        try run.answers("1", "2")
        #expect(gate.log == ["hold per_regione sud I1 -> true", "hold per_tipo azienda I1 -> true"])
        try run.answers("3")
        #expect(gate.log.last == "hold tipo_motivo azienda,* I1 -> true")
    }

    @Test(arguments: [(InterviewerLanguage.en, "Thank you: we have already reached enough interviews of this kind. Goodbye."),
                      (InterviewerLanguage.it,
                       "La ringraziamo: abbiamo già raccolto abbastanza interviste di questo tipo. Buona giornata.")])
    func aFullCellAtTheStartEndsOverQuotaWithTheDefaultText(language: InterviewerLanguage, text: String) throws {
        let gate = MemoryQuotaGate()
        gate.setCompletes(5, quota: "per_regione", cell: "nord")
        var run = try EngineRun(Self.source(language), id: "I1", sample: Self.nordPrivato, gate: gate)
        #expect(run.ending == EndingPrompt(status: .overQuota, text: text, quota: "per_regione"))
        #expect(gate.held("per_regione", by: "I1") == nil)
        #expect(try run.answer("") == .finished(.overQuota))
        #expect(run.record["status"] == .string("over-quota"))
        #expect(run.record["quota_cells"] == .object([("per_regione", .string("nord"))]),
                "the interview ended before tipo was taken from the sample")
        #expect(run.answersJSON == #"{"regione":1}"#)
    }

    @Test func aCellFullOnAPreloadAtTheStartIsNamedInTheRecordWithThePreloadedAnswer() throws {
        let gate = MemoryQuotaGate()
        gate.setCompletes(5, quota: "per_tipo", cell: "azienda")
        var run = try EngineRun(Self.source, id: "I1", sample: ["id": "R1", "regione": "sud", "tipo": "azienda"], gate: gate)
        #expect(run.ending?.status == .overQuota)
        #expect(run.ending?.quota == "per_tipo")
        #expect(try run.answer("") == .finished(.overQuota))
        #expect(run.answersJSON == #"{"regione":2,"tipo":2}"#, "the preloaded value the interview was judged on")
        #expect(run.record["quota_cells"] == .object([("per_regione", .string("sud")), ("per_tipo", .string("azienda"))]))
    }

    @Test func placesHeldByOtherInterviewsFillTheCell() throws {
        let gate = MemoryQuotaGate()
        gate.setCompletes(1, quota: "tipo_motivo", cell: "privato,tributi")
        var other = try EngineRun(Self.source, id: "OTHER", sample: Self.nordPrivato, gate: gate)
        try other.answers("1", "2")
        #expect(gate.inProgress("tipo_motivo", cell: "privato,tributi") == 1)
        var run = try EngineRun(Self.source, id: "I1", sample: Self.nordPrivato, gate: gate)
        try run.answers("1", "2")
        #expect(run.ending == EndingPrompt(status: .overQuota,
                                           text: "Abbiamo già abbastanza interviste come la sua. Grazie.",
                                           quota: "tipo_motivo"))
    }

    @Test func aFullCellOnAnAnswerEndsOverQuotaWithTheFullText() throws {
        let gate = MemoryQuotaGate()
        gate.setCompletes(2, quota: "tipo_motivo", cell: "privato,anagrafe")
        var run = try EngineRun(Self.source, id: "I1", sample: Self.nordPrivato, gate: gate)
        try run.answers("1", "anagrafe")
        #expect(run.ending == EndingPrompt(status: .overQuota,
                                           text: "Abbiamo già abbastanza interviste come la sua. Grazie.",
                                           quota: "tipo_motivo"))
        #expect(gate.log.last == "hold tipo_motivo privato,anagrafe I1 -> false")
        #expect(try run.answer("") == .finished(.overQuota))
        #expect(run.answersJSON == #"{"regione":1,"consenso":1,"tipo":1,"motivo":1}"#)
    }

    @Test func anUncoveredCombinationEndsOverQuotaWithoutAskingTheGate() throws {
        let gate = MemoryQuotaGate()
        var run = try EngineRun(Self.source, id: "I1", sample: ["id": "R1", "regione": "nord", "tipo": "ente"], gate: gate)
        try run.answers("1", "2")
        #expect(run.ending?.status == .overQuota)
        #expect(run.ending?.quota == "tipo_motivo")
        #expect(!gate.log.contains { $0.hasPrefix("hold tipo_motivo") })
        #expect(try run.answer("") == .finished(.overQuota))
        #expect(run.record["quota_cells"] == .object([("per_regione", .string("nord")), ("per_tipo", .string("ente"))]),
                "a combination no row covers has no cell")
    }

    @Test func changingAQuotaVariableMovesThePlace() throws {
        let gate = MemoryQuotaGate()
        var run = try EngineRun(Self.source, id: "I1", sample: Self.nordPrivato, gate: gate)
        try run.answers("1", "1")
        #expect(gate.held("tipo_motivo", by: "I1") == "privato,anagrafe")
        try run.back()
        try run.answers("1")
        #expect(gate.log.filter { $0.hasPrefix("hold tipo_motivo") }.count == 1, "same answer, same place")
        try run.back()
        try run.answers("2")
        #expect(gate.log.last == "hold tipo_motivo privato,tributi I1 -> true")
        #expect(gate.held("tipo_motivo", by: "I1") == "privato,tributi")
        #expect(gate.inProgress("tipo_motivo", cell: "privato,anagrafe") == 0)
        try run.answers("7")
        let record = try run.finish()
        #expect(record["quota_cells"]?["tipo_motivo"] == .string("privato,tributi"))
    }

    @Test func changingToAFullCellEndsOverQuotaAndBackAgainGoesOn() throws {
        let gate = MemoryQuotaGate()
        gate.setCompletes(2, quota: "tipo_motivo", cell: "privato,anagrafe")
        var run = try EngineRun(Self.source, id: "I1", sample: Self.nordPrivato, gate: gate)
        try run.answers("1", "2")
        try run.back()
        try run.answers("1")
        #expect(run.ending?.status == .overQuota)
        #expect(gate.held("tipo_motivo", by: "I1") == nil)
        try run.back()
        #expect(run.at == "motivo")
        try run.answers("3")
        #expect(run.at == "voto")
        #expect(gate.held("tipo_motivo", by: "I1") == "privato,3")
    }

    @Test func aDkQuotaVariableBelongsToNoCellAndHoldsNoPlace() throws {
        let gate = MemoryQuotaGate()
        var run = try EngineRun(Self.source, id: "I1", sample: Self.nordPrivato, gate: gate)
        try run.answers("1", "2")
        #expect(gate.held("tipo_motivo", by: "I1") == "privato,tributi")
        try run.back()
        try run.dk()
        #expect(run.at == "voto")
        #expect(gate.held("tipo_motivo", by: "I1") == nil, "dk is in no cell: the place is given up")
        try run.answers("8")
        let record = try run.finish()
        #expect(record["quota_cells"] == .object([("per_regione", .string("nord")), ("per_tipo", .string("privato"))]))
    }

    @Test(arguments: [
        (["id": "R1", "regione": "1", "tipo": "1"], "3", #"{"per_regione":"nord","per_tipo":"privato","tipo_motivo":"privato,3"}"#),
        (["id": "R1", "regione": "sud", "tipo": "1"], "2", #"{"per_regione":"sud","per_tipo":"privato","tipo_motivo":"privato,tributi"}"#),
        (["id": "R1", "regione": "sud", "tipo": "azienda"], "1", #"{"per_regione":"sud","per_tipo":"azienda","tipo_motivo":"azienda,*"}"#),
    ])
    func quotaCellsUseCodeNames(sample: [String: String], motivo: String, cells: String) throws {
        var run = try EngineRun(Self.source, sample: sample, gate: MemoryQuotaGate())
        try run.answers("1", motivo, "9")
        let record = try run.finish()
        #expect(record["quota_cells"]?.serialized == cells)
    }

    /// language.md: fills are replaced "inside any text"; the quota's `full` text is kept
    /// as a plain string by the checker (Sources/CatiCore/Checker, Model), so its fills
    /// are shown as written. Known, outside the engine.
    @Test func fillsInTheFullText() throws {
        let source = """
        survey q "Quote"
        single tipo "Tipo"
          1 privato "Privato"
        quota per_tipo by tipo full "Grazie {interviewer}: per gli utenti di tipo {tipo} abbiamo finito."
          privato: 1
        end
        """
        let gate = MemoryQuotaGate()
        gate.setCompletes(1, quota: "per_tipo", cell: "privato")
        var run = try EngineRun(source, interviewer: "luca", gate: gate)
        try run.answers("1")
        #expect(run.ending?.status == .overQuota)
        #expect(run.ending?.text == "Grazie luca: per gli utenti di tipo Privato abbiamo finito.")
    }

    @Test func releasingGivesUpEveryPlace() throws {
        let gate = MemoryQuotaGate()
        var run = try EngineRun(Self.source, id: "I1", sample: Self.nordPrivato, gate: gate)
        try run.answers("1", "2")
        try run.interview.releaseQuotaPlaces()
        #expect(gate.held("per_regione", by: "I1") == nil)
        #expect(gate.held("per_tipo", by: "I1") == nil)
        #expect(gate.held("tipo_motivo", by: "I1") == nil)
    }
}

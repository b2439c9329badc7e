import Foundation
import Testing
@testable import CatiCore
@testable import CatiStore

/// language.md "Quotas", through the engine and the folder gate: every interviewer is
/// a session on its own `FolderStore` over one data folder, as separate interviewer
/// processes are (locks are per open file, so they exclude each other in one process
/// too). Questionnaire: Tests/Fixtures/quotas/semantics.cati.
@Suite struct QuotaSemanticsTests {
    static let fullText = "Abbiamo già tutte le interviste per il suo caso. Grazie."
    /// The default closing text of an over-quota interview in an `it` questionnaire.
    static let defaultText = "La ringraziamo: abbiamo già raccolto abbastanza interviste di questo tipo. Buona giornata."

    let temp: TestFolder
    let questionnaire: Questionnaire

    init() throws {
        temp = try TestFolder("semantics")
        questionnaire = try QuotaFixtures.questionnaire("semantics")
    }

    func interviewer(_ name: String) throws -> QuotaInterviewer {
        try QuotaInterviewer(name, folder: temp.folder, questionnaire: questionnaire)
    }

    func inProgress(_ quota: String, _ cell: String) throws -> Int {
        try FolderQuotaGate.inProgress(temp.folder, quota, cell)
    }

    var ledger: QuotaLedger { get throws { try QuotaLedger(path: temp.folder.interviews) } }

    // MARK: - Interlocked and marginal quotas together

    @Test func theMarginalQuotaFillsBeforeAnInterlockedCellWithRoom() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno"), carla = try interviewer("carla")
        let a = try anna.start(id: "A", sample: ["regione": "nord", "tipo": "privato"])
        #expect(a.at == "motivo", "tipo is preloaded: the first question asked is motivo")
        try a.answers("tributi", "5")
        #expect(try a.confirmEnding() == .complete)
        let b = try bruno.start(id: "B", sample: ["regione": "sud", "tipo": "1"])
        #expect(try b.finish("3", "7") == .complete)
        let c = try carla.start(id: "C", sample: ["regione": "sud", "tipo": "privato"])
        try c.answers("anagrafe")
        #expect(c.at == "voto")
        // per_tipo privato: 2 completes + 1 place = 3, its target; privato,tributi
        // still has room (1 of 2), but the marginal quota is full.
        #expect(try inProgress("per_tipo", "privato") == 1)
        let d = try anna.start(id: "D", sample: ["regione": "nord", "tipo": "privato"])
        #expect(d.at == nil, "no question is asked")
        #expect(d.ending == EndingPrompt(status: .overQuota, text: Self.defaultText, quota: "per_tipo"))
        #expect(try d.confirmEnding() == .overQuota)
        #expect(try c.finish("9") == .complete)

        let ledger = try ledger
        #expect(ledger.status(of: "D") == "over-quota")
        #expect(ledger.completes["per_tipo"] == ["privato": 3])
        #expect(ledger.completes["tipo_motivo"] == ["privato,tributi": 1, "privato,3": 1, "privato,anagrafe": 1])
        #expect(try FolderQuotaGate(folder: temp.folder).livePlaces().values.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
    }

    @Test func anInterlockedCellFillsBeforeItsMarginal() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno")
        let a = try anna.start(id: "A", sample: ["regione": "nord", "tipo": "privato"])
        try a.answers("anagrafe")
        #expect(try inProgress("tipo_motivo", "privato,anagrafe") == 1)
        let b = try bruno.start(id: "B", sample: ["regione": "sud", "tipo": "privato"])
        #expect(b.at == "motivo", "per_tipo privato has room (1 of 3)")
        try b.answers("anagrafe")
        #expect(b.ending == EndingPrompt(status: .overQuota, text: Self.fullText, quota: "tipo_motivo"))
        #expect(try b.confirmEnding() == .overQuota)
        #expect(try inProgress("per_tipo", "privato") == 1, "B's per_tipo place is given up when it ends")
        #expect(try inProgress("tipo_motivo", "privato,anagrafe") == 1, "A still holds its place")
        let record = try #require(try ledger.record("B"))
        #expect(record["status"] as? String == "over-quota")
        #expect(record["quota_cells"] as? [String: String]
                == ["per_regione": "sud", "tipo_motivo": "privato,anagrafe", "per_tipo": "privato"])
    }

    // MARK: - `*` cells

    @Test func aStarCellTakesAnyCodeAndFillsAsOne() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno")
        let a = try anna.start(id: "A", sample: ["regione": "nord", "tipo": "azienda"])
        try a.answers("anagrafe")
        let b = try bruno.start(id: "B", sample: ["regione": "sud", "tipo": "azienda"])
        try b.answers("3")
        #expect(try inProgress("tipo_motivo", "azienda,*") == 2)
        let c = try anna.start(id: "C", sample: ["regione": "sud", "tipo": "azienda"])
        #expect(c.at == "motivo", "per_tipo azienda has room (2 of 3)")
        try c.answers("tributi")
        #expect(c.ending == EndingPrompt(status: .overQuota, text: Self.fullText, quota: "tipo_motivo"))
        #expect(try c.confirmEnding() == .overQuota)
        #expect(try a.finish("4") == .complete)
        #expect(try b.finish("6") == .complete)
        #expect(try ledger.completes["tipo_motivo"] == ["azienda,*": 2])
    }

    // MARK: - Combinations no row covers

    @Test func aCombinationNoRowCoversEndsOverQuotaWithoutAPlace() throws {
        let anna = try interviewer("anna")
        let a = try anna.start(id: "A", sample: ["regione": "nord", "tipo": "privato"])
        #expect(try inProgress("per_tipo", "privato") == 1)
        try a.answers("nonso")
        #expect(a.ending == EndingPrompt(status: .overQuota, text: Self.fullText, quota: "tipo_motivo"))
        let places = try FolderQuotaGate(folder: temp.folder).livePlaces()
        #expect((places["tipo_motivo"] ?? [:]).values.reduce(0, +) == 0, "target 0: no place taken")
        #expect(try a.confirmEnding() == .overQuota)
        let record = try #require(try ledger.record("A"))
        #expect(record["quota_cells"] as? [String: String] == ["per_regione": "nord", "per_tipo": "privato"],
                "a combination no row covers has no cell")
    }

    @Test func aPreloadedValueNoRowCoversEndsBeforeTheFirstQuestion() throws {
        let anna = try interviewer("anna")
        let a = try anna.start(id: "A", sample: ["regione": "nord", "tipo": "ente"])
        #expect(a.at == nil)
        #expect(a.ending == EndingPrompt(status: .overQuota, text: Self.defaultText, quota: "per_tipo"))
        #expect(try inProgress("per_regione", "nord") == 1, "held from its check until the interview ends")
        #expect(try a.confirmEnding() == .overQuota)
        #expect(try inProgress("per_regione", "nord") == 0)
        let record = try #require(try ledger.record("A"))
        #expect(record["status"] as? String == "over-quota")
        #expect(record["quota_cells"] as? [String: String] == ["per_regione": "nord"])
        #expect((record["answers"] as? [String: Any])?["motivo"] == nil)
    }

    // MARK: - Sample and preload variables

    @Test func aSampleVariableCellIsCheckedBeforeTheFirstQuestion() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno")
        var runs: [QuotaRun] = []
        for k in 1...3 {
            let run = try (k == 2 ? bruno : anna).start(id: "N\(k)", sample: ["regione": "nord", "tipo": "privato"])
            #expect(run.at == "motivo")
            runs.append(run)
        }
        #expect(try inProgress("per_regione", "nord") == 3)
        let fourth = try bruno.start(id: "N4", sample: ["regione": "1", "tipo": "azienda"])
        #expect(fourth.at == nil)
        #expect(fourth.ending == EndingPrompt(status: .overQuota, text: Self.defaultText, quota: "per_regione"))
        #expect(try inProgress("per_tipo", "azienda") == 0, "nothing is held after the full cell")
        #expect(try fourth.confirmEnding() == .overQuota)
        let south = try bruno.start(id: "S1", sample: ["regione": "sud", "tipo": "azienda"])
        #expect(south.at == "motivo")
        let record = try #require(try ledger.record("N4"))
        let answers = try #require(record["answers"] as? [String: Any])
        #expect(answers["regione"] as? Int == 1, "sample values are recorded")
        #expect(answers["motivo"] == nil, "nothing was asked")
    }

    @Test func aPreloadedCellIsCheckedBeforeTheFirstQuestion() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno")
        let a = try anna.start(id: "A", sample: ["regione": "sud", "tipo": "4"])
        #expect(a.at == "motivo")
        #expect(try inProgress("per_tipo", "4") == 1)
        let b = try bruno.start(id: "B", sample: ["regione": "nord", "tipo": "4"])
        #expect(b.ending == EndingPrompt(status: .overQuota, text: Self.defaultText, quota: "per_tipo"))
        #expect(b.at == nil)
    }

    @Test func anAskedQuotaVariableIsCheckedAsSoonAsItIsAnswered() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno")
        let a = try anna.start(id: "A", sample: ["regione": "sud"])
        #expect(a.at == "tipo", "tipo is not in the sample: asked")
        try a.answers("4")
        #expect(try inProgress("per_tipo", "4") == 1)
        let b = try bruno.start(id: "B", sample: ["regione": "sud"])
        try b.answers("4")
        #expect(b.ending == EndingPrompt(status: .overQuota, text: Self.defaultText, quota: "per_tipo"))
        try b.back()
        #expect(b.at == "tipo")
        try b.answers("azienda")
        #expect(b.at == "motivo", "another cell with room: the interview goes on")
    }

    // MARK: - Suspend and resume

    @Test func aSuspendedInterviewGivesUpItsPlacesAndIsCheckedAgainOnResume() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno")
        let a = try anna.start(id: "A", sample: ["regione": "nord", "tipo": "privato"])
        try a.answers("anagrafe")
        #expect(try inProgress("tipo_motivo", "privato,anagrafe") == 1)
        try a.session.suspend()
        #expect(try FolderQuotaGate(folder: temp.folder).livePlaces().values.allSatisfy { $0.values.allSatisfy { $0 == 0 } },
                "every place of a suspended interview is free")
        let b = try bruno.start(id: "B", sample: ["regione": "sud", "tipo": "privato"])
        try b.answers("anagrafe")
        #expect(b.at == "voto", "B takes the place A gave up")

        let resumed = try interviewer("anna-again").resume("A")
        #expect(resumed.ending == EndingPrompt(status: .overQuota, text: Self.fullText, quota: "tipo_motivo"),
                "the cell is checked again on resume, and B holds its only place")
        #expect(try resumed.confirmEnding() == .overQuota)
        #expect(try b.finish("8") == .complete)
        let ledger = try ledger
        #expect(ledger.status(of: "A") == "over-quota")
        #expect(ledger.completes["tipo_motivo"] == ["privato,anagrafe": 1])
    }

    @Test func aResumedInterviewWithRoomTakesItsPlaceAgain() throws {
        let anna = try interviewer("anna")
        let a = try anna.start(id: "A", sample: ["regione": "nord", "tipo": "privato"])
        try a.answers("tributi")
        try a.session.suspend()
        #expect(try inProgress("tipo_motivo", "privato,tributi") == 0)
        let resumed = try interviewer("anna-again").resume("A")
        #expect(resumed.at == "voto")
        #expect(try inProgress("tipo_motivo", "privato,tributi") == 1)
        #expect(try inProgress("per_tipo", "privato") == 1)
        #expect(try inProgress("per_regione", "nord") == 1)
        #expect(try resumed.finish("3") == .complete)
        #expect(try ledger.completes["tipo_motivo"] == ["privato,tributi": 1])
    }

    // MARK: - Going back

    @Test func changingAQuotaVariableMovesThePlace() throws {
        let anna = try interviewer("anna"), bruno = try interviewer("bruno")
        let a = try anna.start(id: "A", sample: ["regione": "sud", "tipo": "privato"])
        try a.answers("tributi")
        #expect(try inProgress("tipo_motivo", "privato,tributi") == 1)
        try a.back()
        try a.answers("anagrafe")
        #expect(try inProgress("tipo_motivo", "privato,tributi") == 0)
        #expect(try inProgress("tipo_motivo", "privato,anagrafe") == 1)

        let b = try bruno.start(id: "B", sample: ["regione": "sud", "tipo": "privato"])
        try b.answers("3")
        #expect(try inProgress("tipo_motivo", "privato,3") == 1)
        try a.back()
        try a.answers("3")
        #expect(a.ending == EndingPrompt(status: .overQuota, text: Self.fullText, quota: "tipo_motivo"),
                "the new cell's only place is B's")
        #expect(try inProgress("tipo_motivo", "privato,anagrafe") == 0, "the old place is given up")
        try a.back()
        #expect(a.at == "motivo")
        try a.answers("tributi")
        #expect(a.at == "voto")
        #expect(try inProgress("tipo_motivo", "privato,tributi") == 1)
        #expect(try a.finish("7") == .complete)
        let record = try #require(try ledger.record("A"))
        #expect((record["quota_cells"] as? [String: String])?["tipo_motivo"] == "privato,tributi")
    }

    // MARK: - quota_cells

    @Test func recordsNameCellsByCodeNamesNumbersAndStars() throws {
        let anna = try interviewer("anna")
        #expect(try anna.start(id: "A", sample: ["regione": "sud", "tipo": "1"]).finish("3", "5") == .complete)
        #expect(try anna.start(id: "B", sample: ["regione": "2", "tipo": "azienda"]).finish("nonso", "5") == .complete)
        #expect(try anna.start(id: "C", sample: ["regione": "nord", "tipo": "4"]).finish("1", "5") == .complete)
        let ledger = try ledger
        #expect(ledger.record("A")?["quota_cells"] as? [String: String]
                == ["per_regione": "sud", "tipo_motivo": "privato,3", "per_tipo": "privato"],
                "the row `1, 3`: code name privato, motivo 3 has no name")
        #expect(ledger.record("B")?["quota_cells"] as? [String: String]
                == ["per_regione": "sud", "tipo_motivo": "azienda,*", "per_tipo": "azienda"])
        #expect(ledger.record("C")?["quota_cells"] as? [String: String]
                == ["per_regione": "nord", "tipo_motivo": "4,*", "per_tipo": "4"])
        // The same labels in the record text, in the quota order of the questionnaire.
        let line = try #require(String(contentsOfFile: temp.folder.interviews, encoding: .utf8)
            .split(separator: "\n").first { $0.contains(#""id":"B""#) })
        #expect(line.contains(#""quota_cells":{"per_regione":"sud","tipo_motivo":"azienda,*","per_tipo":"azienda"}"#))
        // And the labels `cati quotas` reports are the questionnaire's.
        let labels = questionnaire.quotas.map { $0.cells.map(\.label) }
        #expect(labels == [["nord", "sud"], ["privato,anagrafe", "privato,tributi", "privato,3", "azienda,*", "4,*"],
                           ["privato", "azienda", "4"]])
        var counts = CompleteCounts(path: temp.folder.interviews)
        try counts.refresh()
        #expect(counts.counts == ledger.completes)
    }

    @Test func aDontKnowQuotaVariableBelongsToNoCell() throws {
        let anna = try interviewer("anna")
        let a = try anna.start(id: "A", sample: ["regione": "sud", "tipo": "privato"])
        #expect(try a.session.perform(.dontKnow) == .moved)
        #expect(a.at == "voto")
        #expect(try FolderQuotaGate(folder: temp.folder).livePlaces()["tipo_motivo"].map { $0.values.reduce(0, +) } ?? 0 == 0)
        #expect(try a.finish("5") == .complete)
        #expect(try ledger.record("A")?["quota_cells"] as? [String: String] == ["per_regione": "sud", "per_tipo": "privato"])
    }
}

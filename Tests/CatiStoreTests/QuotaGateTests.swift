import Foundation
import Testing
@testable import CatiCore
@testable import CatiStore

/// FolderQuotaGate directly: every decision is atomic across gates (each gate stands
/// for one interviewer process), completes and live places both fill a cell, and a
/// place file nobody holds is not a place.
struct QuotaGateTests {
    let temp: TestFolder
    let questionnaire: Questionnaire
    let quota: Quota

    init() throws {
        temp = try TestFolder("gate")
        try temp.folder.prepare()
        questionnaire = try QuotaFixtures.questionnaire("race")
        quota = questionnaire.quotas[0]
    }

    func cell(_ label: String) throws -> Quota.Cell {
        try #require(quota.cells.first { $0.label == label })
    }

    @Test func gatesInManyThreadsNeverGiveMorePlacesThanTheTarget() throws {
        let cell = try cell("privato,anagrafe")   // target 3
        let threads = 8, attempts = 25
        let granted = QuotaGranted()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let gate = FolderQuotaGate(folder: temp.folder)
            for k in 0..<attempts {
                do {
                    if try gate.hold(cell, of: quota, for: "T\(t)-\(k)") { granted.add("T\(t)-\(k)") }
                } catch {
                    granted.fail("\(error)")
                }
            }
        }
        #expect(granted.failures.isEmpty)
        #expect(granted.ids.count == 3)
        #expect(try FolderQuotaGate.inProgress(temp.folder, "tipo_motivo", "privato,anagrafe") == 3)
    }

    @Test func completesAndPlacesTogetherFillACell() throws {
        let cell = try cell("privato,tributi")   // target 2
        try RecordLog(path: temp.folder.interviews).append(
            #"{"id":"C1","status":"complete","answers":{},"quota_cells":{"tipo_motivo":"privato,tributi"}}"#)
        try RecordLog(path: temp.folder.interviews).append(
            #"{"id":"C2","status":"over-quota","answers":{},"quota_cells":{"tipo_motivo":"privato,tributi"}}"#)
        let first = FolderQuotaGate(folder: temp.folder), second = FolderQuotaGate(folder: temp.folder)
        #expect(try first.hold(cell, of: quota, for: "A"), "1 complete + 0 places < 2")
        #expect(try !second.hold(cell, of: quota, for: "B"), "1 complete + A's place = 2")
        try first.releaseAll(for: "A")
        #expect(try second.hold(cell, of: quota, for: "B"), "A gave its place up")
        // B moves to another cell of the same quota: its old place is free.
        #expect(try second.hold(try self.cell("privato,scuola"), of: quota, for: "B"))
        #expect(try FolderQuotaGate.inProgress(temp.folder, "tipo_motivo", "privato,tributi") == 0)
        #expect(try first.hold(cell, of: quota, for: "A"))
    }

    @Test func aPlaceFileWithoutALiveHolderIsNotAPlace() throws {
        let cell = try cell("privato,scuola")   // target 1
        try "tipo_motivo\tprivato,scuola\n".write(toFile: temp.folder.place("01DEAD"), atomically: false, encoding: .utf8)
        #expect(try FolderQuotaGate.inProgress(temp.folder, "tipo_motivo", "privato,scuola") == 0)
        #expect(try FolderQuotaGate(folder: temp.folder).hold(cell, of: quota, for: "A"))
        #expect(!FileManager.default.fileExists(atPath: temp.folder.place("01DEAD")), "removed by the next look")
    }

    /// A process that died between the `finishing` line of its journal and the record
    /// in interviews.jsonl left a complete that no count sees yet: its place counts
    /// until recovery has written the record (an overshoot the crash harness found).
    @Test(arguments: [("complete", false), ("break-off", true)])
    func aPlaceOfAProcessThatDiedSavingACompleteCountsUntilRecovered(status: String, freed: Bool) throws {
        let cell = try cell("privato,scuola")   // target 1
        try "tipo_motivo\tprivato,scuola\n".write(toFile: temp.folder.place("01DEAD"), atomically: false, encoding: .utf8)
        let header = JournalHeader(id: "01DEAD", survey: "race", questionnaireSHA256: questionnaire.sha256,
                                   interviewer: "gone", startedAt: 1_800_000_000, sample: nil, simulated: true)
        let record = #"{"id":"01DEAD","status":"\#(status)","answers":{},"quota_cells":{"tipo_motivo":"privato,scuola"}}"#
        try [header.json.serialized, JournalEvent.finishing(record: record).json.serialized, ""].joined(separator: "\n")
            .write(toFile: temp.folder.journal("01DEAD"), atomically: false, encoding: .utf8)

        #expect(try FolderQuotaGate(folder: temp.folder).hold(cell, of: quota, for: "A") == freed)
        #expect(try FolderQuotaGate.inProgress(temp.folder, "tipo_motivo", "privato,scuola") == 1,
                freed ? "A's place" : "the dead interview's place")
        #expect(try FolderStore(folder: temp.folder).recoverFinished() == ["01DEAD"])
        #expect(!FileManager.default.fileExists(atPath: temp.folder.place("01DEAD")), "recovery frees the place")
        if !freed {
            #expect(try !FolderQuotaGate(folder: temp.folder).hold(cell, of: quota, for: "B"), "now a complete in the file")
        }
    }
}

final class QuotaGranted: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ids: [String] = []
    private(set) var failures: [String] = []
    func add(_ id: String) { lock.lock(); ids.append(id); lock.unlock() }
    func fail(_ why: String) { lock.lock(); failures.append(why); lock.unlock() }
}

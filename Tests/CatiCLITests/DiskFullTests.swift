import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A full disk (docs/reliability.md), with real processes: a real one (a small tmpfs
/// mounted as the data folder's disk) under `cati simulate` and under the interviewer
/// screen, and an injected one (`CATI_FAULTS=fsync:ENOSPC` while a flag file exists)
/// under the interviewer screen. What failed is shown, nothing is reported saved that
/// is not, and once there is room again the same key goes on, saving exactly once.
@Suite(.serialized) struct DiskFullTests {
    // MARK: - (a) cati simulate on a real full disk

    /// `freeKB`: room left on the disk when the run starts, so that the disk fills up at
    /// different moments (a journal header, an answer, a quota place, a record).
    @Test(.enabled(if: SmallDisk.unavailable == nil, "mounting a tmpfs (root): \(SmallDisk.unavailable ?? "")"),
          arguments: [0, 4, 8, 100])
    func simulateOnAFullDiskStopsWithAClearMessageLosesNothingAndGoesOnOnceThereIsRoom(freeKB: Int) async throws {
        let scratch = try ScratchFolder("diskfull-sim", keepIf: "CATI_CRASH_KEEP")
        let disk = try SmallDisk(at: scratch.path("disk"), bytes: 3 << 20)
        let file = try CrashFiles.write(in: scratch)
        let q = try SimFiles.questionnaire(file)
        let data = disk.path + "/data"
        let folder = DataFolder(path: data)
        let cati = try ChildProcess.cati()

        let warmUp = try await ChildProcess.run([cati, "simulate", file, "--data", data, "-n", "5", "--seed", "1", "-q"],
                                                directory: scratch.path)
        #expect(warmUp.status == 0, "\(warmUp.stderr)")
        let filler = try disk.fill(leaving: freeKB << 10)

        // Until the disk is full.
        let trace = scratch.path("trace.tsv")
        let full = try await ChildProcess.run(
            [cati, "simulate", file, "--data", data, "-n", "1000000", "--seed", "\(freeKB)", "--trace", trace],
            directory: scratch.path, timeout: .seconds(120))
        #expect(full.status == 1, "exit status \(full.status): \(full.stderr)")
        #expect(full.stderr.contains("the disk is full"), "\(full.stderr)")
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(full.stderr.contains(data + "/"), "the message names the file: \(full.stderr)")
        #expect(!full.stdout.contains("interviews in"), "no summary of a run that failed: \(full.stdout)")

        // Nothing it reported saved is missing; no record is half-written but a torn last line.
        let acknowledged = Trace(file: trace)
        let scan = try RecordReader(path: folder.interviews).scan()
        let ids = scan.records.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == ids.count, "no id twice")
        // The earlier records and the reported ones; one more only if the write was cut
        // just before its newline (a whole object, not yet reported saved).
        #expect((5 + acknowledged.saved.count...6 + acknowledged.saved.count).contains(scan.records.count),
                "\(scan.records.count) records, \(acknowledged.saved.count) reported saved")
        for (id, status) in acknowledged.saved {
            #expect(ids.filter { $0 == id }.count == 1, "\(id) reported saved (\(status))")
        }
        for record in scan.records {
            #expect(record["status"] != nil && record["answers"] != nil && record["paradata"] != nil,
                    "a whole record: \(record.serialized.prefix(120))")
        }
        let lineCount = scan.records.count + scan.skipped.count
        #expect(scan.skipped.count <= 1)
        for skipped in scan.skipped {
            #expect(skipped.line == lineCount && skipped.reason.contains("torn"), "only the last line may be torn: \(skipped)")
        }

        // What the disk-full moment hit, for the record.
        let inFlight = acknowledged.order.filter { acknowledged.saved[$0] == nil }
        #expect(inFlight.count <= 1, "one interview at a time: \(inFlight)")

        // Room again: the interview in flight is finished or resumed, and saved once.
        try FileManager.default.removeItem(atPath: filler)
        let store = try FolderStore(folder: folder)
        let recovered = try store.recoverFinished()
        let interrupted = try store.resumable()
        #expect(recovered.count + interrupted.count <= 1, "recovered \(recovered), interrupted \(interrupted.map(\.header.id))")
        for entry in interrupted {
            let session = try InterviewSession.resume(entry.header.id, questionnaire: q, store: store)
            for (name, value) in acknowledged.lastValues(entry.header.id) {
                let resumed = session.interview.values[name].map { "\($0)" } ?? "absent"
                #expect(resumed == value, "\(entry.header.id) \(name): acknowledged \(value), resumed \(resumed)")
            }
            var respondent = RandomRespondent(seed: 9, index: 0)
            var outcome = ActionOutcome.moved
            for _ in 0..<1_000 {
                outcome = try session.perform(respondent.nextAction(for: session.interview))
                if case .finished = outcome { break }
            }
            #expect(session.savedRecord != nil, "the resumed interview is saved: \(outcome)")
        }
        let afterRecovery = try RecordReader(path: folder.interviews).scan()
        let savedNow = afterRecovery.records.compactMap { $0["id"]?.stringValue }
        for id in inFlight where !acknowledged.answers(id).isEmpty {
            #expect(savedNow.filter { $0 == id }.count == 1, "\(id) had acknowledged answers; saved once after the disk had room")
        }
        let moment = !recovered.isEmpty ? "saving the record (it was in the journal, appended now)"
            : !interrupted.isEmpty ? "during the interview (resumed from its journal)"
            : inFlight.isEmpty ? "starting an interview (nothing to resume)" : "?"
        print("disk full with \(freeKB) KB left: \(acknowledged.saved.count) interviews saved, then failed \(moment); "
              + "torn last line: \(scan.skipped.isEmpty ? "no" : "yes"); \(full.stderr.split(separator: "\n").last ?? "")")

        // New runs append fine: on fresh lines, the torn line (if any) skipped where it was.
        let again = try await ChildProcess.run([cati, "simulate", file, "--data", data, "-n", "20", "--seed", "99"],
                                               directory: scratch.path)
        #expect(again.status == 0, "\(again.stderr)")
        let final = try RecordReader(path: folder.interviews).scan()
        #expect(final.records.count == afterRecovery.records.count + 20)
        #expect(final.skipped.map(\.line) == scan.skipped.map(\.line), "\(final.skipped)")
        let finalIDs = final.records.compactMap { $0["id"]?.stringValue }
        #expect(Set(finalIDs).count == finalIDs.count)
        #expect(try JSONLFile(folder.interviews).endsWithNewline)
        let quotas = try await ChildProcess.run([cati, "quotas", file, "--data", data, "--json"], directory: scratch.path)
        #expect(quotas.status == 0, "\(quotas.stderr)")
        for (cell, numbers) in try CrashFiles.quotaTable(quotas.stdout) {
            #expect(numbers.complete <= numbers.target, "\(cell): \(numbers)")
            #expect(numbers.inProgress == 0, "\(cell): \(numbers)")
        }
        for skipped in final.skipped {
            #expect(quotas.stderr.contains("\(folder.interviews):\(skipped.line): warning:"), "\(quotas.stderr)")
        }
        #expect(CrashHarnessTests.files(in: folder.journals) == [], "journals left behind")
        #expect(CrashHarnessTests.files(in: folder.places) == [], "place files left behind")
    }
}

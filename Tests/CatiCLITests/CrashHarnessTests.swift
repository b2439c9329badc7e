import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

/// The crash harness (docs/reliability.md): `cati simulate` processes on one data folder,
/// killed with SIGKILL at random moments, round after round; the interrupted interviews
/// resumed in this process (what a restarted interviewer program does) while the next
/// round's processes run; then the folder read as a user would: nothing reported saved
/// is missing or doubled, every acknowledged answer came back, no quota target is
/// exceeded, nothing is left behind. And one record line torn at every byte.
///
/// The short form runs in `swift test`. The long form, by hand:
///     CATI_CRASH_ROUNDS=200 bench/crash.sh
/// Environment: CATI_CRASH_ROUNDS (10), CATI_CRASH_PROCESSES (3), CATI_CRASH_MAX_MS
/// (latest kill moment, 1200), CATI_CRASH_SEED (random, printed), CATI_CRASH_DIR (the temporary
/// folder: a real disk), CATI_CRASH_EVERY_BYTE=1 (`cati quotas` at every byte too).
@Suite(.serialized) struct CrashHarnessTests {
    // MARK: - Kill storm

    @Test func simulationsKilledAtRandomMomentsLoseNothingDoubleNothingAndOvershootNoQuota() async throws {
        let settings = CrashSettings.fromEnvironment()
        var rng = SplitMix64(seed: settings.seed)
        print("crash harness: seed \(settings.seed) (CATI_CRASH_SEED), \(settings.rounds) rounds of "
              + "\(settings.processes) processes, killed within \(settings.maxKillMilliseconds) ms")
        let scratch = try ScratchFolder("crash", under: settings.directory, keepIf: "CATI_CRASH_KEEP")
        let file = try CrashFiles.write(in: scratch)
        let q = try SimFiles.questionnaire(file)
        let data = scratch.path("data")
        let folder = DataFolder(path: data)
        let cati = try ChildProcess.cati()
        let clock = ContinuousClock()
        let started = clock.now

        var ledger = CrashLedger()
        var pending: Task<Recovery, any Error>?
        var kills = 0, killedBeforeAnswering = 0

        for round in 0..<settings.rounds {
            let context = "round \(round) (seed \(settings.seed))"
            // Several simulations at once on one folder, each with its own seed and trace.
            var children: [(ChildProcess, String)] = []
            for p in 0..<settings.processes {
                let trace = scratch.path("trace-\(round)-\(p).tsv")
                let seed = settings.seed &+ UInt64(round * 1_000 + p)
                let child = try ChildProcess(
                    [cati, "simulate", file, "--data", data, "-n", "1000000", "--seed", "\(seed)",
                     "--interviewer", "sim-\(round)-\(p)", "--trace", trace, "--quiet"],
                    directory: scratch.path)
                children.append((child, trace))
            }
            let spawned = clock.now
            // Meanwhile, the interviews the last round's kills interrupted are resumed and
            // finished here, competing with the new processes for the quota places.
            // A process of this round killed meanwhile may have its interview resumed
            // here too: its trace is read then (the interviewer names the process).
            let resumeSeed = rng.next()
            pending = Task {
                try await onThread { try Recovery.run(folder: folder, questionnaire: q, traces: scratch.path, seed: resumeSeed) }
            }
            // Each process is killed at its own random moment.
            let moments = children.indices.map { _ in
                Int.random(in: settings.minKillMilliseconds...settings.maxKillMilliseconds, using: &rng)
            }
            for k in moments.indices.sorted(by: { moments[$0] < moments[$1] }) {
                try await clock.sleep(until: spawned + .milliseconds(moments[k]))
                children[k].0.signal(SIGKILL)
            }
            for (child, trace) in children {
                let status = try await child.wait(timeout: .seconds(30))
                let how = status.map(String.init) ?? "still running"
                #expect(status == 128 + SIGKILL, "\(context): \(child.arguments.joined(separator: " ")) ended on its own (\(how)): \(child.stderr)")
                kills += 1
                let acknowledged = Trace(file: trace)
                if acknowledged.order.isEmpty { killedBeforeAnswering += 1 }
                ledger.add(acknowledged)
            }
            // The previous round's recovery has finished before this round's checks.
            if let recovery = try await pending?.value {
                ledger.add(recovery)
                #expect(recovery.problems.isEmpty, "\(context):\n\(recovery.problems.joined(separator: "\n"))")
            }
            pending = nil

            // Right after the kills: everything a process reported saved is in the file,
            // once; no id twice.
            let scan = try RecordReader(path: folder.interviews).scan()
            let counted = Dictionary(scan.records.compactMap { $0["id"]?.stringValue }.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counted.values.allSatisfy { $0 == 1 }, "\(context): an id twice: \(counted.filter { $0.value > 1 })")
            for (id, status) in ledger.saved where counted[id] != 1 {
                Issue.record("\(context): \(id) was reported saved (\(status)) but is in the file \(counted[id] ?? 0) times")
            }
        }

        // What the last round interrupted, with no process left running.
        let lastSeed = rng.next()
        let last = try await onThread { try Recovery.run(folder: folder, questionnaire: q, traces: scratch.path, seed: lastSeed) }
        ledger.add(last)
        #expect(last.problems.isEmpty, "last recovery:\n\(last.problems.joined(separator: "\n"))")
        let again = try FolderStore(folder: folder)
        #expect(try again.resumable().isEmpty, "everything interrupted was resumed and finished")
        #expect(try again.recoverFinished().isEmpty)

        // The folder as a user reads it.
        let final = try RecordReader(path: folder.interviews).scan()
        var seen: [String: Int] = [:]
        var statuses: [String: String] = [:]
        for record in final.records {
            let id = record["id"]?.stringValue ?? "?"
            seen[id, default: 0] += 1
            statuses[id] = record["status"]?.stringValue
        }
        #expect(seen.values.allSatisfy { $0 == 1 }, "no id appears twice: \(seen.filter { $0.value > 1 })")
        for (id, status) in ledger.saved {
            #expect(seen[id] == 1, "\(id) was reported saved (\(status)) and is in the file \(seen[id] ?? 0) times")
            #expect(statuses[id] == status, "\(id): reported \(status), recorded \(statuses[id] ?? "-")")
        }
        for id in ledger.recovered { #expect(seen[id] == 1, "\(id) recovered from its journal, in the file \(seen[id] ?? 0) times") }
        // Every interview that had an acknowledged answer ended up saved: nothing was lost.
        for id in ledger.answers.keys where seen[id] != 1 {
            Issue.record("\(id) had acknowledged answers \(ledger.answers[id]!) and was never saved")
        }
        // Resumed interviews kept their acknowledged answers in the record too.
        for record in final.records {
            guard let id = record["id"]?.stringValue, ledger.resumedIDs.contains(id), !ledger.overQuotaOnResume.contains(id),
                  let traced = ledger.answers[id] else { continue }
            let keys = Set(record["answers"]?.objectMembers?.map(\.0) ?? [])
            // An info screen and an optional question left empty have no answer.
            let expected = Set(traced.filter { $0.value != "absent" }.keys)
            #expect(expected.isSubset(of: keys), "\(id): acknowledged \(expected.subtracting(keys).sorted()) missing from its record")
        }

        // Quota targets are never exceeded, counted from the records and by `cati quotas`.
        var cells: [String: Int] = [:]
        for record in final.records where record["status"]?.stringValue == "complete" {
            for (quota, cell) in record["quota_cells"]?.objectMembers ?? [] {
                cells["\(quota) \(cell.stringValue ?? "?")", default: 0] += 1
            }
            let answers = record["answers"]
            if let kind = answers?["kind"]?.intValue, kind != 3 {
                let area = answers?["area"]?.intValue == 1 ? "north" : "south"
                let expected = kind == 1 ? "private,\(area)" : "business,*"
                #expect(record["quota_cells"]?["kind_area"]?.stringValue == expected, "\(record["id"]?.stringValue ?? "?")")
            }
        }
        for (cell, count) in cells {
            #expect(count <= CrashFiles.targets[cell] ?? 0, "\(cell): \(count) completes, target \(CrashFiles.targets[cell] ?? 0)")
        }
        let quotas = try await ChildProcess.run([cati, "quotas", file, "--data", data, "--json"], directory: scratch.path)
        #expect(quotas.status == 0, "\(quotas.stderr)")
        let table = try CrashFiles.quotaTable(quotas.stdout)
        for (cell, target) in CrashFiles.targets {
            #expect(table[cell]?.complete == (cells[cell] ?? 0), "cati quotas: \(cell) \(String(describing: table[cell]))")
            #expect(table[cell]?.inProgress == 0, "cati quotas: \(cell) still has places in progress")
            #expect(table[cell]?.target == target)
        }

        // Nothing left behind: no journal, no quota place.
        #expect(Self.files(in: folder.journals) == [], "journals left behind")
        #expect(Self.files(in: folder.places) == [], "place files left behind")

        // A skipped line can only be a record torn by a kill: a strict prefix of a whole
        // record line that recovery wrote later, and the file still ends with a newline.
        let raw = try JSONLFile(folder.interviews)
        #expect(raw.endsWithNewline)
        for skipped in final.skipped {
            let bytes = raw.lines[skipped.line - 1]
            let whole = raw.lines[skipped.line...].contains { $0.count > bytes.count && $0.starts(with: bytes) }
            #expect(whole, "line \(skipped.line) is not a torn copy of a later record: \(skipped)")
        }

        let elapsed = clock.now - started
        let completes = final.records.filter { $0["status"]?.stringValue == "complete" }.count
        print("crash harness: \(settings.rounds) rounds, \(kills) kills (\(killedBeforeAnswering) before any answer), "
              + "\(final.records.count) interviews saved (\(completes) complete), "
              + "\(ledger.resumedIDs.count) resumed (\(ledger.comparedAnswers) acknowledged answers compared, "
              + "\(ledger.overQuotaOnResume.count) over quota on resume), \(ledger.recovered.count) recovered from a "
              + "'finishing' journal, \(final.skipped.count) torn lines, in \(elapsed)")
        #expect(final.records.count >= 10 * settings.rounds, "the processes hardly ran: \(final.records.count) interviews")
        #expect(ledger.comparedAnswers > 0, "no kill landed in the middle of an interview with answers")
    }

    static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}

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
        let scratch = try CrashScratch("crash", base: settings.directory)
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
        #expect(try again.interrupted().isEmpty, "everything interrupted was resumed and finished")
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

    // MARK: - The last line torn at every byte

    @Test func aRecordLineTornAtEveryByteIsSkippedWithItsLineAndTheNextRecordStartsOnAFreshLine() async throws {
        let every = ProcessInfo.processInfo.environment["CATI_CRASH_EVERY_BYTE"] == "1"
        let scratch = try CrashScratch("torn-every-byte", base: "/dev/shm")
        let file = try CrashFiles.write(in: scratch)
        let q = try SimFiles.questionnaire(file)
        // Real records, written by the real code path.
        let store = try FolderStore(folder: DataFolder(path: scratch.path("source")))
        let simulation = Simulation(questionnaire: q, store: store, sample: nil, seed: 77, interviewer: "maria")
        var index: UInt64 = 0
        while try RecordReader(path: store.folder.interviews).scan().records
            .filter({ $0["status"]?.stringValue == "complete" }).count < 3 {
            _ = try simulation.run(index: index)
            index += 1
        }
        let good = try JSONLFile(store.folder.interviews).lines.map { String(decoding: $0, as: UTF8.self) }
        let torn = try CrashFiles.accentedRecord(q, store: store)  // 1-, 2-, 3- and 4-byte characters
        _ = try simulation.run(index: index)
        let next = try #require(try JSONLFile(store.folder.interviews).lines.last.map { String(decoding: $0, as: UTF8.self) })
        let tornBytes = Array(torn.utf8)
        #expect(tornBytes.contains { $0 >= 0xF0 } && tornBytes.contains { $0 >= 0xC2 && $0 < 0xE0 })

        let path = scratch.path("data/interviews.jsonl")
        try FileManager.default.createDirectory(atPath: scratch.path("data"), withIntermediateDirectories: true)
        let before = Array(good.map { $0 + "\n" }.joined().utf8)
        let n = good.count + 1  // the torn line's number
        let goodCounts = CrashFiles.completes(good)
        let withNext = CrashFiles.completes(good + [next])
        // `cati quotas` at a spread of cuts (every one with CATI_CRASH_EVERY_BYTE=1):
        // first and last bytes, inside each multi-byte character, every 97th.
        var throughCLI = Set([1, 2, tornBytes.count - 1] + Array(stride(from: 97, to: tornBytes.count, by: 97)))
        for (k, byte) in tornBytes.enumerated() where byte >= 0xC0 { throughCLI.insert(k + 1) }
        let cati = try ChildProcess.cati()
        var checked = 0, viaCLI = 0

        for cut in 1..<tornBytes.count {
            let context = "cut after \(cut) of \(tornBytes.count) bytes"
            try Data(before + tornBytes[..<cut]).write(to: URL(fileURLWithPath: path))

            // RecordReader: every earlier record, one warning naming the file and the line.
            let scan = try RecordReader(path: path).scan()
            #expect(scan.records.map(\.serialized) == good, "\(context)")
            #expect(scan.skipped.map(\.line) == [n], "\(context): \(scan.skipped)")
            if let warning = scan.skipped.first {
                #expect(warning.description.hasPrefix("\(path):\(n): warning: ") && warning.description.contains("torn"),
                        "\(context): \(warning)")
            }
            // CompleteCounts (what quota decisions and `cati quotas` read): the same.
            var counts = CompleteCounts(path: path)
            try counts.refresh()
            #expect(counts.counts == goodCounts, "\(context)")
            #expect(counts.records == good.count, "\(context)")
            #expect(counts.warnings.map(\.line) == [n], "\(context): \(counts.warnings)")
            #expect(counts.warnings.first?.description.hasPrefix("\(path):\(n): warning: ") == true, "\(context)")

            if every || throughCLI.contains(cut) {
                let result = try await ChildProcess.run([cati, "quotas", file, "--data", scratch.path("data"), "--json"],
                                                        directory: scratch.path)
                #expect(result.status == 0, "\(context): \(result.stderr)")
                #expect(result.stderr.contains("\(path):\(n): warning: torn"), "\(context): \(result.stderr)")
                #expect(try CrashFiles.quotaTable(result.stdout).mapValues(\.complete) == CrashFiles.flat(goodCounts),
                        "\(context): \(result.stdout)")
                try? FileManager.default.removeItem(atPath: scratch.path("data/quota-index.json"))
                viaCLI += 1
            }

            // The next writer: a fresh line; the old records and the new one read back.
            try RecordLog(path: path).append(next)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(bytes == before + tornBytes[..<cut] + Array(("\n" + next + "\n").utf8), "\(context)")
            let after = try RecordReader(path: path).scan()
            #expect(after.records.map(\.serialized) == good + [next], "\(context)")
            #expect(after.skipped.map(\.line) == [n], "\(context): the torn line is still counted, once")
            var countsAfter = CompleteCounts(path: path)
            try countsAfter.refresh()
            #expect(countsAfter.counts == withNext, "\(context)")
            #expect(countsAfter.warnings.map(\.line) == [n], "\(context): \(countsAfter.warnings)")
            checked += 1
        }

        // Only the newline missing: the record is whole. It is never silently dropped:
        // RecordReader keeps it; the next writer puts its record on a line of its own.
        try Data(before + tornBytes).write(to: URL(fileURLWithPath: path))
        let whole = try RecordReader(path: path).scan()
        #expect(whole.records.map(\.serialized) == good + [torn])
        var wholeCounts = CompleteCounts(path: path)
        try wholeCounts.refresh()
        #expect(wholeCounts.counts == CrashFiles.completes(good + [torn]) || wholeCounts.warnings.map(\.line) == [n],
                "counted or warned about, never silently dropped: \(wholeCounts.warnings)")
        try RecordLog(path: path).append(next)
        #expect(try RecordReader(path: path).scan().records.map(\.serialized) == good + [torn, next])
        var wholeAfter = CompleteCounts(path: path)
        try wholeAfter.refresh()
        #expect(wholeAfter.counts == CrashFiles.completes(good + [torn, next]) && wholeAfter.warnings.isEmpty)
        print("torn tail: \(checked) cut positions of a \(tornBytes.count)-byte record checked in process, "
              + "\(viaCLI) through cati quotas")
    }
}

// MARK: - What a kill leaves half done

extension CrashHarnessTests {
    /// A process killed while creating a journal leaves it empty or with part of its
    /// header: no interview started, nothing acknowledged. The next start removes it;
    /// a journal being created by a live process (locked) and interrupted interviews stay.
    @Test func aJournalLeftWithoutItsHeaderIsRemovedAtTheNextStartAndNothingElseIs() throws {
        let scratch = try CrashScratch("headerless", base: "/dev/shm")
        let q = try SimFiles.questionnaire(try CrashFiles.write(in: scratch))
        let folder = DataFolder(path: scratch.path("data"))
        let store = try FolderStore(folder: folder)
        let interrupted = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
        _ = try interrupted.perform(.answer("1"))
        interrupted.interrupt()
        let empty = folder.journal("01EMPTY0000000000000000000")
        let cut = folder.journal("01CUT00000000000000000000")
        let beingCreated = folder.journal("01LIVE0000000000000000000")
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data(#"{"journal":1,"id":"01CUT00000000000000000000","surv"#.utf8).write(to: URL(fileURLWithPath: cut))
        let live = open(beingCreated, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(live >= 0 && flock(live, LOCK_EX) == 0)
        defer { close(live) }

        #expect(try store.interrupted().map(\.header.id) == [interrupted.id], "only the real interview can be resumed")
        #expect(try FolderStore(folder: folder).recoverFinished() == [])
        #expect(!FileManager.default.fileExists(atPath: empty), "the empty journal is removed")
        #expect(!FileManager.default.fileExists(atPath: cut), "the journal cut inside its header is removed")
        #expect(FileManager.default.fileExists(atPath: beingCreated), "a journal its process holds is left alone")
        #expect(FileManager.default.fileExists(atPath: folder.journal(interrupted.id)))
        let resumed = try InterviewSession.resume(interrupted.id, questionnaire: q, store: store)
        #expect(resumed.interview.values["consent"] == .number(1))
        resumed.interrupt()
    }

    /// A record whose write was cut just before its newline (the process died): the
    /// record is whole; recovery finds it in the file, so it does not append it again,
    /// but completes the line and makes it durable before removing the journal — every
    /// reader then counts it, once.
    @Test func aRecordCutJustBeforeItsNewlineIsMadeWholeByRecoveryAndCountedOnce() throws {
        let scratch = try CrashScratch("newline", base: "/dev/shm")
        let q = try SimFiles.questionnaire(try CrashFiles.write(in: scratch))
        let folder = DataFolder(path: scratch.path("data"))
        let store = try FolderStore(folder: folder)
        let simulation = Simulation(questionnaire: q, store: store, sample: nil, seed: 11, interviewer: "earlier")
        for k in 0..<3 { _ = try simulation.run(index: UInt64(k)) }
        let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
        let answers = ["consent": "1", "kind": "3", "age": "30", "channels": "2", "overall": "7", "speed": "3",
                       "courtesy": "4", "clarity": "5", "household": "2", "nickname": "", "bye": ""]
        while case .question(let prompt) = session.interview.screen {
            _ = try session.perform(.answer(answers[prompt.variableName] ?? ""))
        }
        // The record's write lands, its fsync fails; then, as if the write had been cut
        // one byte short, the newline is missing; the process dies.
        FaultInjector.shared.set(.fsync, failWith: EIO, under: folder.interviews)
        #expect(throws: Platform.Failure.self) { try session.perform(.answer("")) }
        FaultInjector.shared.set(.fsync, failWith: nil)
        let landed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.interviews)))
        #expect(landed.last == 0x0A)
        try Data(landed.dropLast()).write(to: URL(fileURLWithPath: folder.interviews))
        session.interrupt()

        #expect(try FolderStore(folder: folder).recoverFinished() == [session.id])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.interviews)))
        #expect(bytes == landed, "the line completed with its newline, nothing written twice")
        let scan = try RecordReader(path: folder.interviews).scan()
        #expect(scan.records.filter { $0["id"]?.stringValue == session.id }.count == 1 && scan.skipped.isEmpty)
        var counts = CompleteCounts(path: folder.interviews)
        try counts.refresh()
        #expect(counts.records == 4 && counts.warnings.isEmpty, "counted by quota decisions too: \(counts.warnings)")
        #expect(!FileManager.default.fileExists(atPath: folder.journal(session.id)))
    }
}

// MARK: - Settings

/// A fresh folder under `base` (default: the temporary folder, a real disk), removed at
/// the end unless CATI_CRASH_KEEP=1 (then its path is printed, to look at by hand).
final class CrashScratch: @unchecked Sendable {
    let path: String

    init(_ label: String, base: String? = nil) throws {
        var root = base ?? FileManager.default.temporaryDirectory.path
        if access(root, W_OK) != 0 { root = FileManager.default.temporaryDirectory.path }
        path = root + "/cati-\(label)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { path + "/" + name }

    deinit {
        if ProcessInfo.processInfo.environment["CATI_CRASH_KEEP"] == "1" {
            print("kept \(path)")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

struct CrashSettings: Sendable {
    var rounds = 10
    var processes = 3
    var minKillMilliseconds = 20
    var maxKillMilliseconds = 1_200
    var seed = UInt64.random(in: 1...UInt64(UInt32.max))
    var directory: String?

    static func fromEnvironment() -> CrashSettings {
        let env = ProcessInfo.processInfo.environment
        var s = CrashSettings()
        if let v = env["CATI_CRASH_ROUNDS"].flatMap(Int.init), v > 0 { s.rounds = v }
        if let v = env["CATI_CRASH_PROCESSES"].flatMap(Int.init), v > 0 { s.processes = v }
        if let v = env["CATI_CRASH_MAX_MS"].flatMap(Int.init), v > s.minKillMilliseconds { s.maxKillMilliseconds = v }
        if let v = env["CATI_CRASH_SEED"].flatMap(UInt64.init) { s.seed = v }
        if let v = env["CATI_CRASH_DIR"], !v.isEmpty { s.directory = v }
        return s
    }
}

// MARK: - What the traces and recoveries reported

struct CrashLedger {
    /// Interviews reported saved (trace `=` lines, and resumed ones finished here): id → status.
    var saved: [String: String] = [:]
    /// Each interview's acknowledged answers (last value per variable).
    var answers: [String: [String: String]] = [:]
    var recovered: Set<String> = []
    var resumedIDs: Set<String> = []
    var overQuotaOnResume: Set<String> = []
    var comparedAnswers = 0

    mutating func add(_ trace: Trace) {
        for id in trace.order {
            if let status = trace.saved[id] { saved[id] = status }
            let values = trace.lastValues(id)
            if !values.isEmpty { answers[id] = values }
        }
    }

    mutating func add(_ recovery: Recovery) {
        recovered.formUnion(recovery.recovered)
        for (id, status) in recovery.finished { saved[id] = status; resumedIDs.insert(id) }
        overQuotaOnResume.formUnion(recovery.overQuotaOnResume)
        comparedAnswers += recovery.comparedAnswers
    }
}

/// What a restarted interviewer program does with a folder after a crash: finish the
/// interviews saved to a journal only, resume every interrupted one and take it to its
/// end. Runs on a thread of its own (blocking file I/O), so it reports its problems.
struct Recovery: Sendable {
    var recovered: [String] = []
    var finished: [(String, String)] = []
    var overQuotaOnResume: [String] = []
    var comparedAnswers = 0
    var problems: [String] = []

    /// `traces`: the folder of the trace files, `trace-R-P.tsv` for interviewer `sim-R-P`.
    static func run(folder: DataFolder, questionnaire q: Questionnaire, traces: String, seed: UInt64) throws -> Recovery {
        var out = Recovery()
        let store = try FolderStore(folder: folder)
        out.recovered = try store.recoverFinished()
        let interrupted = try store.interrupted()
        // A process runs one interview at a time.
        let perProcess = Dictionary(interrupted.map { ($0.header.interviewer, 1) }, uniquingKeysWith: +)
        for (interviewer, count) in perProcess where count > 1 {
            out.problems.append("\(interviewer) left \(count) interrupted interviews")
        }
        for (k, entry) in interrupted.enumerated() {
            let id = entry.header.id
            // Only dead processes' journals are listed: their traces are complete.
            let trace = Trace(file: traces + "/trace-" + entry.header.interviewer.dropFirst(4) + ".tsv")
            let session = try InterviewSession.resume(id, questionnaire: q, store: store)
            // Every acknowledged answer is back, on its own question; at most one more
            // (made durable, killed before it was reported).
            let traced = trace.lastValues(id)
            let values = session.interview.values
            var overQuota = false
            if case .ending(let ending) = session.interview.screen, ending.status == .overQuota { overQuota = true }
            for (name, value) in traced {
                let resumed = values[name].map { "\($0)" } ?? "absent"
                out.comparedAnswers += 1
                // A resumed interview has its cells checked again: one that filled up
                // meanwhile ends it over quota, and answers after that are not replayed.
                if resumed != value, !(overQuota && values[name] == nil) {
                    out.problems.append("\(id): \(name) acknowledged \(value), resumed \(resumed)")
                }
            }
            let extra = Set(values.keys).subtracting(traced.keys)
            if extra.count > 1 { out.problems.append("\(id): resumed with unacknowledged answers \(extra.sorted())") }
            if overQuota { out.overQuotaOnResume.append(id) }

            var respondent = RandomRespondent(seed: seed, index: UInt64(k))
            var outcome = ActionOutcome.moved
            for _ in 0..<5_000 {
                outcome = try session.perform(respondent.nextAction(for: session.interview))
                if case .finished = outcome { break }
            }
            guard case .finished(let status) = outcome else {
                out.problems.append("\(id): the resumed interview did not finish")
                session.interrupt()
                continue
            }
            out.finished.append((id, status.rawValue))
            if Platform.exists(folder.journal(id)) { out.problems.append("\(id): saved, journal left") }
        }
        return out
    }
}

/// Runs blocking work on a thread of its own, off the test's cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

// MARK: - The questionnaire

enum CrashFiles {
    /// Small targets, quotas early, no check or warn (a respondent never goes back, so the
    /// trace is the interview's whole story); `neither` is in no quota and runs to the end.
    static let text = """
        survey crash "Crash harness: small quotas"
        version 1

        single consent "May I ask you a few questions?"
          1 yes   "Yes"
          2 later "Yes, but quickly"
          3 no    "No"
        terminate "Thank you anyway. Goodbye." if consent = 3

        single kind "Are you calling as a private person, for a business, or neither?"
          1 private  "Private person"
          2 business "Business"
          3 neither  "Neither"

        single area "Which area do you live in?" if kind in (private, business)
          1 north "North"
          2 south "South"

        quota kind_area by kind, area full "We have all the interviews we need from people like you. Goodbye."
          private, north: 5
          private, south: 5
          business, *:    4
        end

        quota per_area by area
          north: 6
          south: 6
        end

        number age "How old are you?" range 18..99 allow refused

        multi channels "Which of these have you used to contact us?" pick 1..3 rotate
          1 phone "Telephone"
          2 email "E-mail"
          3 web   "Web form"
          8 other "Something else" other fixed
          9 none  "None of these" exclusive fixed

        number calls "How many times did you phone us last month?" range 1..50 allow dk if channels has phone

        scale overall "All in all, how satisfied are you, from 0 to 10?" 0..10 allow dk

        grid aspects "Rate each of these from 1 (poor) to 5 (excellent)" scale 1..5 allow dk rotate
          speed    "Speed"
          courtesy "Courtesy"
          clarity  "Clarity"

        text why "Why do you give that mark?" max 100 allow refused if overall <= 4

        number household "How many people live in your household?" range 1..15 allow refused

        text nickname "What should we call you? (optional)" max 20 optional

        info bye "That is all. Thank you very much!"

        """

    static let targets = ["kind_area private,north": 5, "kind_area private,south": 5, "kind_area business,*": 4,
                          "per_area north": 6, "per_area south": 6]

    static func write(in scratch: CrashScratch) throws -> String {
        let path = scratch.path("crash.cati")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Completes per quota and cell, from record lines' `quota_cells`.
    static func completes(_ lines: [String]) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for line in lines {
            guard let record = JSONParser.parseObject(Array(line.utf8)), record["status"]?.stringValue == "complete" else { continue }
            for (quota, cell) in record["quota_cells"]?.objectMembers ?? [] {
                out[quota, default: [:]][cell.stringValue ?? "?", default: 0] += 1
            }
        }
        return out
    }

    /// "quota cell" → completes, every cell of the questionnaire (0 when none).
    static func flat(_ counts: [String: [String: Int]]) -> [String: Int] {
        var out: [String: Int] = [:]
        for key in targets.keys {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            out[key] = counts[parts[0]]?[parts[1]] ?? 0
        }
        return out
    }

    struct Cell: Equatable { let target: Int; let complete: Int; let inProgress: Int }

    /// `cati quotas --json` as "quota cell" → numbers.
    static func quotaTable(_ json: String) throws -> [String: Cell] {
        let object = try #require(JSONParser.parseObject(Array(json.utf8)), "not JSON: \(json)")
        var out: [String: Cell] = [:]
        for quota in object["quotas"]?.arrayValue ?? [] {
            let name = quota["name"]?.stringValue ?? "?"
            for cell in quota["cells"]?.arrayValue ?? [] {
                out["\(name) \(cell["cell"]?.stringValue ?? "?")"] = Cell(
                    target: cell["target"]?.intValue ?? -1, complete: cell["complete"]?.intValue ?? -1,
                    inProgress: cell["in_progress"]?.intValue ?? -1)
            }
        }
        return out
    }

    /// One interview answered by hand with accented, non-Latin and astral characters; its record line.
    static func accentedRecord(_ q: Questionnaire, store: FolderStore) throws -> String {
        let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "Zoë Müller")
        let answers = ["consent": "1", "kind": "3", "age": "42", "channels": "1 8", "calls": "2", "overall": "3",
                       "speed": "4", "courtesy": "2", "clarity": "5", "why": "perché è così — «bof» 𝄞 こんにちは",
                       "household": "2", "nickname": "Zoë Ñandú 𝄞"]
        for _ in 0..<100 {
            let action: Action
            switch session.interview.screen {
            case .question(let prompt): action = .answer(answers[prompt.variableName] ?? "")
            case .specifyOther: action = .answer("über-Straße №5 ✓")
            case .ending: action = .answer("")
            case .checkFailed, .warning: action = .answer("")
            }
            if case .finished = try session.perform(action) { break }
        }
        return try #require(session.savedRecord, "the accented interview did not finish: \(session.interview.screen)")
    }
}

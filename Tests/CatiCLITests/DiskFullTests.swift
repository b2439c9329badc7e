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
        let scratch = try CrashScratch("diskfull-sim")
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
        let interrupted = try store.interrupted()
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

    // MARK: - (b) The interviewer screen, the disk full while a flag file exists

    static let tiny = """
        survey tiny "A full disk on the interviewer screen"
        version 1
        %LANGUAGE%

        single consent "May I ask you two questions?"
          1 yes "Yes"
          2 no  "No"
        terminate "Goodbye." if consent = 2

        number age "How old are you?" range 18..99

        text town "Which town do you live in?" max 40

        """

    static func tinyFile(in folder: CrashScratch, italian: Bool = false) throws -> String {
        let path = folder.path(italian ? "tiny-it.cati" : "tiny.cati")
        try tiny.replacingOccurrences(of: "%LANGUAGE%", with: italian ? "language it" : "")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anAnswerThatCannotBeMadeDurableIsShownNotSavedAndTakenOnceTheDiskHasRoom() async throws {
        let scratch = try CrashScratch("diskfull-answer")
        let flag = scratch.path("disk-is-full")
        let s = try FaultyScreen(try Self.tinyFile(in: scratch), data: scratch.path("data"),
                                 environment: ["CATI_FAULTS": "fsync:ENOSPC", "CATI_FAULTS_WHILE": flag])
        try await s.session.waitFor("Blank interview")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("consent")
        try s.answer("1")
        try await s.waitForQuestion("age")
        let id = try #require(s.journals.first, "the interview has its journal")

        // The disk is full: the answer is not taken, the screen says so, the field keeps it.
        try Data().write(to: URL(fileURLWithPath: flag))
        try s.answer("42")
        var screen = try await s.waitForMessage("NOT SAVED")
        #expect(s.message(of: screen).contains("disk is full"), "the message line says why:\n\(screen)")
        #expect(s.question(of: screen) == "age", "still on the question:\n\(screen)")
        #expect(s.field(of: screen) == " Answer: 42", "the field keeps the answer:\n\(screen)")
        #expect(try s.journalAnswers(id) == ["1"], "the answer is not in the journal")
        // Still full: Enter again fails again, nothing moves.
        try s.session.sendKeys("Enter")
        try await Task.sleep(for: .milliseconds(300))
        screen = try s.session.screen()
        #expect(s.question(of: screen) == "age" && s.message(of: screen).contains("NOT SAVED"), "\(screen)")

        // Room again: the same Enter is taken, once, and the interview goes on.
        try FileManager.default.removeItem(atPath: flag)
        try s.session.sendKeys("Enter")
        screen = try await s.waitForQuestion("town")
        #expect(!s.message(of: screen).contains("NOT SAVED"), "the error is gone once it worked:\n\(screen)")
        #expect(try s.journalAnswers(id) == ["1", "42"], "the answer journaled exactly once")
        try s.answer("Parma")
        try await s.waitFor("Interview complete. Press Enter to save (F2 goes back).")
        try s.session.sendKeys("Enter")
        screen = try await s.waitFor("Saved: \(id) (complete)")
        let records = try s.records()
        #expect(records.count == 1, "saved once: \(records.map(\.serialized))")
        #expect(records.first?["id"]?.stringValue == id)
        #expect(records.first?["answers"]?.serialized == #"{"consent":1,"age":42,"town":"Parma"}"#)
        #expect(s.journals.isEmpty)
        try s.session.sendKeys("q")
        #expect(try await s.session.waitForExit() == 0)
    }

    @Test func aSaveThatFailsIsShownNotSavedAndTheNextEnterSavesExactlyOnce() async throws {
        let scratch = try CrashScratch("diskfull-save")
        let flag = scratch.path("disk-is-full")
        let s = try FaultyScreen(try Self.tinyFile(in: scratch, italian: true), data: scratch.path("data"),
                                 environment: ["CATI_FAULTS": "fsync:ENOSPC", "CATI_FAULTS_WHILE": flag])
        try await s.session.waitFor("Intervista senza campione")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("consent")
        try s.answer("1")
        try await s.waitForQuestion("age")
        try s.answer("67")
        try await s.waitForQuestion("town")
        try s.answer("Fidenza")
        let ending = "Intervista completa. Premere Invio per salvare (F2 torna indietro)."
        try await s.waitFor(ending)
        let id = try #require(s.journals.first)

        try Data().write(to: URL(fileURLWithPath: flag))
        for attempt in 1...2 {
            try s.session.sendKeys("Enter")
            let screen = try await s.waitForMessage("NON SALVATO")
            #expect(s.message(of: screen).contains("disk is full"), "attempt \(attempt):\n\(screen)")
            #expect(screen.contains(ending), "still on the last step, attempt \(attempt):\n\(screen)")
            #expect(try s.records().isEmpty, "nothing saved, attempt \(attempt)")
            #expect(s.journals == [id], "the answers stay in the journal")
            try await Task.sleep(for: .milliseconds(200))
        }

        try FileManager.default.removeItem(atPath: flag)
        try s.session.sendKeys("Enter")
        try await s.waitFor("Salvata: \(id) (complete)")
        let records = try s.records()
        #expect(records.count == 1, "saved exactly once: \(records.map(\.serialized))")
        #expect(records.first?["id"]?.stringValue == id)
        #expect(records.first?["answers"]?.serialized == #"{"consent":1,"age":67,"town":"Fidenza"}"#)
        #expect(s.journals.isEmpty)
        try s.session.sendKeys("q")
        #expect(try await s.session.waitForExit() == 0)
    }

    // MARK: - (a) + (b): the interviewer screen on a real full disk

    /// The record's write lands in part (the last page of interviews.jsonl had some room,
    /// the disk none): a torn line. Once there is room, the same Enter saves the record
    /// on a line of its own, once; readers skip the torn line with its line number.
    @Test(.enabled(if: SmallDisk.unavailable == nil, "mounting a tmpfs (root): \(SmallDisk.unavailable ?? "")"))
    func aRecordCutByARealFullDiskIsSavedOnceOnItsOwnLineOnceThereIsRoom() async throws {
        let scratch = try CrashScratch("diskfull-screen")
        let disk = try SmallDisk(at: scratch.path("disk"), bytes: 3 << 20)
        let file = try Self.tinyFile(in: scratch)
        let data = disk.path + "/data"
        let folder = DataFolder(path: data)

        // Earlier interviews, until the last page of interviews.jsonl has less room than
        // a record needs (a record here is 400 bytes or more).
        let store = try FolderStore(folder: folder)
        let simulation = Simulation(questionnaire: try SimFiles.questionnaire(file), store: store, sample: nil, seed: 3,
                                    interviewer: "earlier")
        var k: UInt64 = 0
        while k < 5 || !(40...300).contains(4096 - (Platform.fileSize(folder.interviews) ?? 0) % 4096) {
            _ = try simulation.run(index: k)
            k += 1
            try #require(k < 3_000, "interviews.jsonl never ended near a page boundary")
        }
        let earlier = try RecordReader(path: folder.interviews).scan().records.count
        let room = 4096 - (Platform.fileSize(folder.interviews) ?? 0) % 4096

        let s = try FaultyScreen(file, data: data)
        try await s.session.waitFor("Blank interview")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("consent")
        try s.answer("1")
        try await s.waitForQuestion("age")
        try s.answer("35")
        try await s.waitForQuestion("town")
        try s.answer("Collecchio")
        try await s.waitFor("Interview complete. Press Enter to save (F2 goes back).")
        let id = try #require(s.journals.first)

        let filler = try disk.fill(leaving: 0)
        try s.session.sendKeys("Enter")
        let screen = try await s.waitForMessage("NOT SAVED")
        #expect(s.message(of: screen).contains("disk is full"), "\(screen)")
        #expect(screen.contains("Interview complete. Press Enter to save"), "still on the last step:\n\(screen)")
        let torn = try RecordReader(path: folder.interviews).scan()
        #expect(torn.records.count == earlier, "not saved")
        #expect(torn.skipped.map(\.line) == [earlier + 1], "the part that landed is a torn last line: \(torn.skipped)")
        #expect(torn.skipped.first?.reason.contains("torn") == true)
        #expect(s.journals == [id], "the record stays in the journal")

        try FileManager.default.removeItem(atPath: filler)
        try s.session.sendKeys("Enter")
        try await s.waitFor("Saved: \(id) (complete)")
        let after = try RecordReader(path: folder.interviews).scan()
        #expect(after.records.count == earlier + 1)
        #expect(after.records.filter { $0["id"]?.stringValue == id }.count == 1, "saved exactly once")
        #expect(after.skipped.map(\.line) == [earlier + 1], "the torn line stays, skipped, where it was")
        #expect(after.skipped.first?.description.hasPrefix("\(folder.interviews):\(earlier + 1): warning:") == true)
        let lines = try JSONLFile(folder.interviews)
        #expect(lines.endsWithNewline)
        #expect(lines.lines[earlier].count == room, "\(room) bytes had room on the last page")
        let whole = try #require(lines.lines.last)
        #expect(whole.starts(with: lines.lines[earlier]), "the torn line is the start of the record saved after it")
        #expect(JSONParser.parseObject(whole)?["answers"]?.serialized == #"{"consent":1,"age":35,"town":"Collecchio"}"#)
        #expect(s.journals.isEmpty)
        try s.session.sendKeys("q")
        #expect(try await s.session.waitForExit() == 0)
    }
}

// MARK: - A small disk

/// A tmpfs of `bytes` mounted at `path` (removed with the value): a disk that really
/// fills up. Needs root (CAP_SYS_ADMIN), as in CI.
final class SmallDisk {
    let path: String

    init(at path: String, bytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Glibc.mount("tmpfs", path, "tmpfs", 0, "size=\(bytes),mode=0700") == 0 else {
            throw ChildProcess.Failure.failed("mount -t tmpfs \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        _ = umount2(path, 2)  // MNT_DETACH
        rmdir(path)
    }

    /// Why a tmpfs cannot be mounted here, or nil when it can.
    static let unavailable: String? = {
        let probe = FileManager.default.temporaryDirectory.path + "/cati-probe-\(getpid())"
        do {
            _ = try SmallDisk(at: probe, bytes: 1 << 20)
            return nil
        } catch {
            let reason = "\(error); the real-disk-full tests are skipped"
            print(reason)
            return reason
        }
    }()

    /// Fills the disk with a file until it refuses more, then gives back `leaving`
    /// bytes (whole pages); returns the file's path (remove it to free the disk).
    func fill(leaving: Int) throws -> String {
        let filler = path + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ChildProcess.Failure.failed("cannot create \(filler)") }
        defer { close(fd) }
        for size in [65_536, 4_096, 1] {
            let chunk = [UInt8](repeating: 0x2E, count: size)
            while chunk.withUnsafeBytes({ write(fd, $0.baseAddress!, size) }) > 0 {}
            guard errno == ENOSPC else { throw ChildProcess.Failure.failed("filling \(filler): \(String(cString: strerror(errno)))") }
        }
        if leaving > 0 {
            var st = stat()
            fstat(fd, &st)
            _ = ftruncate(fd, max(0, off_t(Int(st.st_size) - leaving)))
        }
        return filler
    }
}

// MARK: - `cati interview` with an environment

/// `cati interview FILE --data DATA --interviewer maria` in an 80×24 tmux pane, with
/// `environment` (the fault injector's), and what a user looks at.
final class FaultyScreen {
    let session: TmuxSession
    let data: String

    init(_ file: String, data: String, environment: [String: String] = [:]) throws {
        self.data = data
        let cati = try TmuxSession.catiExecutable()
        session = try TmuxSession(width: 80, height: 24,
                                  command: [cati, "interview", file, "--data", data, "--interviewer", "maria"],
                                  environment: environment)
    }

    func answer(_ text: String) throws {
        try session.type(text)
        try session.sendKeys("Enter")
    }

    static func rows(_ screen: String) -> [String] {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while rows.count < 24 { rows.append("") }
        return rows
    }

    func question(of screen: String) -> String? { Self.rows(screen)[2].split(separator: " ").first.map(String.init) }
    func field(of screen: String) -> String { Self.rows(screen)[21] }
    func message(of screen: String) -> String { Self.rows(screen)[22] }

    @discardableResult
    func waitFor(_ text: String) async throws -> String { try await session.waitFor(text) }

    @discardableResult
    func waitForQuestion(_ name: String) async throws -> String {
        try await session.waitUntil("question \(name) is asked") { self.question(of: $0) == name }
    }

    @discardableResult
    func waitForMessage(_ text: String) async throws -> String {
        try await session.waitUntil("the message line shows \(text)") { self.message(of: $0).contains(text) }
    }

    /// Ids of the interviews with a journal.
    var journals: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: data + "/journal")) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// The answers journaled for interview `id`, in order.
    func journalAnswers(_ id: String) throws -> [String] {
        try Journal.read(path: data + "/journal/\(id).jsonl").1.compactMap { event in
            if case .action(.answer(let raw), _) = event { return raw } else { return nil }
        }
    }

    func records() throws -> [JSON] {
        try RecordReader(path: data + "/interviews.jsonl").scan().records
    }
}

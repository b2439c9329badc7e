import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// Issue 20: personal data only in the sample file; `cati erase` forgets cases in every
/// file of the data folder, keeps every other line byte for byte, loses no record written
/// meanwhile and survives `kill -9`; a do-not-call case is never called again.
struct PrivacyCLITests {
    /// The bundled sample's first `count` cases (CRLF lines).
    static func smallSample(_ scratch: ScratchFolder, count: Int = 40) throws {
        let sample = try String(contentsOfFile: SimFiles.ccParmaSample, encoding: .utf8)
        try scratch.write("sample.csv", sample.components(separatedBy: "\r\n").prefix(count + 1).joined(separator: "\r\n") + "\r\n")
    }

    static func sampleRows(_ scratch: ScratchFolder) throws -> [(id: String, name: String, phone: String)] {
        let text = try String(contentsOfFile: scratch.path("sample.csv"), encoding: .utf8)
        return CSV.parse(text).dropFirst().map { ($0.fields[0], $0.fields[1], $0.fields[2]) }
    }

    /// Every file under `folder`, by path relative to it.
    static func files(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) { out[name] = data }
        }
        return out
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static func simulateCalls(_ scratch: ScratchFolder, seed: Int = 1, days: Int = 10) async throws {
        let cati = try ChildProcess.cati()
        let run = try await ChildProcess.run([cati, "simulate", SimFiles.ccParma, "--data", scratch.path("data"), "--calls",
                                              "--sample", scratch.path("sample.csv"), "--seed", String(seed),
                                              "--start", "2026-11-30T08:00:00Z", "--days", String(days)],
                                             directory: scratch.path, timeout: .seconds(300))
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func afterSimulateCallsNoNameOrPhoneIsInTheDataFolder() async throws {
        let scratch = try ScratchFolder("privacy-grep", under: "/dev/shm")
        try Self.smallSample(scratch)
        try await Self.simulateCalls(scratch)
        let files = Self.files(scratch.path("data"))
        #expect(files.keys.contains("calls.jsonl") && files.keys.contains("interviews.jsonl"))
        #expect(Self.lines(scratch.path("data/interviews.jsonl")).count > 5)
        for row in try Self.sampleRows(scratch) {
            for value in [row.name, row.phone] where !value.isEmpty {
                for (name, data) in files {
                    #expect(data.range(of: Data(value.utf8)) == nil, "'\(value)' of \(row.id) found in data/\(name)")
                }
            }
        }
    }

    @Test func eraseForgetsTheCasesAndKeepsEveryOtherLineByteForByte() async throws {
        let scratch = try ScratchFolder("privacy-erase", under: "/dev/shm")
        try Self.smallSample(scratch)
        try await Self.simulateCalls(scratch)
        let recordsBefore = Self.lines(scratch.path("data/interviews.jsonl"))
        let callsBefore = Self.lines(scratch.path("data/calls.jsonl"))
        let interviewed = recordsBefore.compactMap { JSONParser.parseObject(Array($0.utf8))?["respondent"]?.stringValue }
        let gone = Array(Set(interviewed).sorted().prefix(3))
        #expect(gone.count == 3)
        func mentions(_ line: String) -> Bool { gone.contains { line.contains("\"\($0)\"") } }
        let goneInterviews = recordsBefore.filter(mentions).compactMap { JSONParser.parseObject(Array($0.utf8))?["id"]?.stringValue }
        let cati = try ChildProcess.cati()
        let erase = try await ChildProcess.run([cati, "erase", SimFiles.ccParma] + gone
                                               + ["--answers", "--data", scratch.path("data"), "--sample", scratch.path("sample.csv")],
                                               directory: scratch.path)
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(erase.stdout.contains("erased 3 cases"), "\(erase.stdout)")
        // Every other line byte for byte, in order (compared by hash, as a user would).
        let recordsAfter = Self.lines(scratch.path("data/interviews.jsonl"))
        let callsAfter = Self.lines(scratch.path("data/calls.jsonl"))
        #expect(recordsAfter.map { SHA256.hex(Array($0.utf8)) } == recordsBefore.filter { !mentions($0) }.map { SHA256.hex(Array($0.utf8)) })
        #expect(callsAfter.map { SHA256.hex(Array($0.utf8)) } == callsBefore.filter { !mentions($0) }.map { SHA256.hex(Array($0.utf8)) })
        #expect(recordsAfter.count < recordsBefore.count && callsAfter.count < callsBefore.count)
        // Nothing of theirs anywhere but the list of erased cases (which must name them,
        // so that they are never called again).
        let rows = try Self.sampleRows(scratch)
        for (name, data) in Self.files(scratch.path("data")) where name != "erasures.jsonl" {
            for needle in gone.map({ "\"\($0)\"" }) + goneInterviews {
                #expect(data.range(of: Data(needle.utf8)) == nil, "\(needle) still in data/\(name)")
            }
        }
        // The sample keeps the rows (id and strata) without name and phone.
        for row in rows where gone.contains(row.id) { #expect(row.name.isEmpty && row.phone.isEmpty) }
        #expect(rows.filter { !gone.contains($0.id) }.allSatisfy { !$0.name.isEmpty })
        // Never offered again: more days of calls, no attempt on them.
        try await Self.simulateCalls(scratch, seed: 2, days: 20)
        #expect(!Self.lines(scratch.path("data/calls.jsonl")).contains(where: mentions))
        #expect(!Self.lines(scratch.path("data/interviews.jsonl")).contains(where: mentions))
    }

    /// Interviews each of the four writers saves while the erases run.
    static let writes = 400

    @Test func anEraseWhileFourSimulationsWriteLosesNoneOfTheirRecords() async throws {
        let scratch = try ScratchFolder("privacy-writers", under: "/dev/shm")
        try Self.smallSample(scratch, count: 60)
        try await Self.simulateCalls(scratch)
        let interviewed = Self.lines(scratch.path("data/interviews.jsonl"))
            .compactMap { JSONParser.parseObject(Array($0.utf8))?["respondent"]?.stringValue }
        let cases = Array(Set(interviewed).sorted().prefix(8))
        #expect(cases.count == 8)
        let before = Self.lines(scratch.path("data/interviews.jsonl")).count
        let cati = try ChildProcess.cati()
        let writers = try (1...4).map { k in
            try ChildProcess([cati, "simulate", SimFiles.ccParma, "--data", scratch.path("data"), "-n", "\(Self.writes)",
                              "--seed", String(10 + k), "--interviewer", "w\(k)", "-q"], directory: scratch.path)
        }
        // The writers are writing before the first erase starts.
        let deadline = ContinuousClock.now + .seconds(60)
        while !Self.lines(scratch.path("data/interviews.jsonl")).contains(where: { $0.contains("\"interviewer\":\"w") }),
              ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        // One case at a time: each erase rewrites interviews.jsonl and calls.jsonl while they append.
        // An erase that ends while a writer is still running ran wholly while they wrote
        // (they were writing before it started).
        var erasedRecords = 0
        var overlapped = 0
        for id in cases {
            let erase = try await ChildProcess.run([cati, "erase", SimFiles.ccParma, id, "--answers", "--data", scratch.path("data")],
                                                   directory: scratch.path)
            #expect(erase.status == 0, "\(erase.stderr)")
            erasedRecords += Int(erase.stdout.split(separator: " ").dropFirst(3).first ?? "0") ?? 0
            var running = 0
            for writer in writers where try await writer.wait(timeout: .zero) == nil { running += 1 }
            if running > 0 { overlapped += 1 }
        }
        #expect(overlapped > 0, "no erase ran while the writers wrote (make -n larger if this machine is faster)")
        for writer in writers { #expect(try await writer.wait(timeout: .seconds(300)) == 0, "\(writer.stderr)") }
        let records = Self.lines(scratch.path("data/interviews.jsonl")).compactMap { JSONParser.parseObject(Array($0.utf8)) }
        for k in 1...4 {
            #expect(records.filter { $0["interviewer"]?.stringValue == "w\(k)" }.count == Self.writes, "writer w\(k) lost records")
        }
        #expect(records.count == before - erasedRecords + 4 * Self.writes)
        #expect(!records.contains { cases.contains($0["respondent"]?.stringValue ?? "") })
    }

    @Test func killedAtAnyPointAnEraseLeavesEachFileOldOrNew() async throws {
        let scratch = try ScratchFolder("privacy-kill", under: "/dev/shm")
        try Self.smallSample(scratch)
        try await Self.simulateCalls(scratch)
        let interviewed = Self.lines(scratch.path("data/interviews.jsonl"))
            .compactMap { JSONParser.parseObject(Array($0.utf8))?["respondent"]?.stringValue }
        let cases = Array(Set(interviewed).sorted().prefix(2))
        let cati = try ChildProcess.cati()
        let watched = ["interviews.jsonl", "calls.jsonl"]
        func copy(_ to: String) throws {
            try? FileManager.default.removeItem(atPath: scratch.path(to))
            try FileManager.default.copyItem(atPath: scratch.path("data"), toPath: scratch.path(to))
        }
        func erase(_ folder: String, environment: [String: String] = [:]) throws -> ChildProcess {
            try ChildProcess([cati, "erase", SimFiles.ccParma] + cases + ["--answers", "--data", scratch.path(folder)],
                             directory: scratch.path, environment: environment)
        }
        let old = watched.map { FileManager.default.contents(atPath: scratch.path("data/" + $0)) }
        try copy("reference")
        #expect(try await erase("reference").wait() == 0)
        let new = watched.map { FileManager.default.contents(atPath: scratch.path("reference/" + $0)) }
        #expect(old != new)
        var generator = SystemRandomNumberGenerator()
        var sawHalfDone = false
        for round in 0..<6 {
            try copy("victim")
            // Each step of each rewrite waits 30 ms: a kill lands between any two of them.
            let victim = try erase("victim", environment: ["CATI_ERASE_STEP_MS": "30"])
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...(round == 0 ? 5 : 260), using: &generator)))
            victim.signal(SIGKILL)
            _ = try await victim.wait()
            let now = watched.map { FileManager.default.contents(atPath: scratch.path("victim/" + $0)) }
            for k in watched.indices {
                #expect(now[k] == old[k] || now[k] == new[k], "round \(round): \(watched[k]) is neither old nor new")
            }
            if now != old && now != new { sawHalfDone = true }
            // The same erase again completes what was cut short (and a recorded request is
            // completed by any erase, even one naming no case).
            let recorded = FileManager.default.fileExists(atPath: scratch.path("victim/erasures.jsonl"))
            let again = try ChildProcess([cati, "erase", SimFiles.ccParma, "--data", scratch.path("victim")]
                                         + (recorded ? ["--answers"] : cases + ["--answers"]), directory: scratch.path)
            #expect(try await again.wait() == 0, "\(again.stderr)")
            #expect(watched.map { FileManager.default.contents(atPath: scratch.path("victim/" + $0)) } == new)
            let left = (try FileManager.default.contentsOfDirectory(atPath: scratch.path("victim"))).filter { $0.hasSuffix(".erasing") }
            #expect(left.isEmpty, "temporary files of the cut rewrite are cleared: \(left)")
        }
        // (Whether a kill fell between the two files depends on timing; logged, not asserted.)
        if sawHalfDone { print("a kill fell between the rewrites of the two files") }
    }

    @Test func purgeStripsThePersonalCellsOfCasesFinishedBeforeTheDateAndKeepsTheirAnswers() async throws {
        let scratch = try ScratchFolder("privacy-purge", under: "/dev/shm")
        try Self.smallSample(scratch)
        try await Self.simulateCalls(scratch)
        let records = Self.lines(scratch.path("data/interviews.jsonl"))
        let calls = Self.lines(scratch.path("data/calls.jsonl")).compactMap { try? CallAttempt(json: JSONParser.parseObject(Array($0.utf8))!) }
        // The day after the first finished case: some cases are finished before it, some not.
        let finals = calls.filter(\.final).map(\.at).sorted()
        let day = String(Timestamp.rfc3339(try #require(finals.first) + 86_400).prefix(10))
        let cutoff = try #require(Timestamp.parse(day + "T00:00:00Z"))
        var finishedAt: [String: Double] = [:]
        for record in records.compactMap({ JSONParser.parseObject(Array($0.utf8)) }) {
            if let r = record["respondent"]?.stringValue, let t = record["finished"]?.stringValue.flatMap(Timestamp.parse) {
                finishedAt[r] = max(finishedAt[r] ?? 0, t)
            }
        }
        for a in calls where a.final { finishedAt[a.caseID] = max(finishedAt[a.caseID] ?? 0, a.at) }
        let purged = Set(finishedAt.filter { $0.value < cutoff }.keys)
        #expect(!purged.isEmpty && purged.count < 40, "\(purged.count) cases finished before \(day)")
        let cati = try ChildProcess.cati()
        let run = try await ChildProcess.run([cati, "purge", SimFiles.ccParma, "--personal", "--finished-before", day,
                                              "--data", scratch.path("data"), "--sample", scratch.path("sample.csv")],
                                             directory: scratch.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("purged the personal data of \(purged.count) case"), "\(run.stdout)")
        for row in try Self.sampleRows(scratch) {
            #expect(row.name.isEmpty == purged.contains(row.id), "\(row.id): \(row.name)")
            #expect(row.phone.isEmpty == purged.contains(row.id), "\(row.id): \(row.phone)")
        }
        // Their answers stay (only personal data goes); the attempts lose the contact fingerprint.
        #expect(Self.lines(scratch.path("data/interviews.jsonl")) == records)
        for line in Self.lines(scratch.path("data/calls.jsonl")) {
            let attempt = try CallAttempt(json: try #require(JSONParser.parseObject(Array(line.utf8))))
            if purged.contains(attempt.caseID) { #expect(attempt.contact == nil, "\(line)") }
        }
        let erasures = Self.lines(scratch.path("data/erasures.jsonl"))
        #expect(erasures.count == purged.count && erasures.allSatisfy { $0.contains("\"reason\":\"purge\"") && $0.contains("\"answers\":false") })
        let bad = try await ChildProcess.run([cati, "purge", SimFiles.ccParma, "--finished-before", day, "--data", scratch.path("data")],
                                             directory: scratch.path)
        #expect(bad.status == 1 && bad.stderr.contains("needs --personal"), "\(bad.stderr)")
    }

    @Test func aDoNotCallCaseIsNeverCalledAgainAndCountsAs2112() async throws {
        let scratch = try ScratchFolder("privacy-dnc", under: "/dev/shm")
        try Self.smallSample(scratch, count: 10)
        let cati = try ChildProcess.cati()
        let call = try await ChildProcess.run([cati, "call", SimFiles.ccParma, "--data", scratch.path("data"),
                                               "--sample", scratch.path("sample.csv"), "--case", "R0004",
                                               "--outcome", "do-not-call"], directory: scratch.path)
        #expect(call.status == 0, "\(call.stderr)")
        try await Self.simulateCalls(scratch, days: 20)
        let attempts = Self.lines(scratch.path("data/calls.jsonl")).filter { $0.contains("\"case\":\"R0004\"") }
        #expect(attempts.count == 1, "\(attempts)")
        let outcomes = try await ChildProcess.run([cati, "outcomes", SimFiles.ccParma, "--data", scratch.path("data"),
                                                   "--sample", scratch.path("sample.csv"), "--json"], directory: scratch.path)
        #expect(outcomes.status == 0, "\(outcomes.stderr)")
        let json = try #require(JSONParser.parseObject(Array(outcomes.stdout.utf8)))
        let mine = json["cases"]?.arrayValue?.first { $0["id"]?.stringValue == "R0004" }
        #expect(mine?["aapor"]?.stringValue == "2.112")
        #expect(mine?["final"]?.boolValue == true)
        #expect((json["counts"]?["2.112"]?.intValue ?? 0) >= 1)
    }
}

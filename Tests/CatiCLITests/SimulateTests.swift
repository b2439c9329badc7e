import CatiCore
import CatiStore
import Foundation
import Testing

/// `cati simulate` as a user runs it: the built binary, real processes, several at once,
/// killed with SIGKILL; then the data folder read as jq, R or pandas would read it.
@Suite struct SimulateTests {
    // MARK: - Several processes on one folder

    @Test func severalSimulationsAtOnceAppendWholeLinesAndNeverExceedAQuota() async throws {
        let scratch = try SimScratch("concurrent", inMemory: true)
        let data = scratch.path("data")
        let counts = [40, 35, 30, 45]
        let cati = try ChildProcess.cati()
        let children = try counts.enumerated().map { k, n in
            try ChildProcess([cati, "simulate", SimFiles.everyKind, "--data", data, "-n", "\(n)", "--seed", "\(k + 1)"],
                             directory: scratch.path)
        }
        for child in children {
            let status = try await child.wait()
            #expect(status == 0, "\(child.arguments.joined(separator: " ")): \(child.stderr)")
            #expect(child.stdout.contains("interviews in"), "summary: \(child.stdout)")
        }

        let file = try JSONLFile(data + "/interviews.jsonl")
        #expect(file.endsWithNewline)
        #expect(file.lines.count == counts.reduce(0, +), "one line per interview, no more, no less")
        var ids: [String: Int] = [:]
        var records: [JSON] = []
        for (k, line) in file.lines.enumerated() {
            let independent = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect(independent != nil, "line \(k + 1) is not a JSON object: \(String(decoding: line, as: UTF8.self).prefix(200))")
            guard let record = JSONParser.parseObject(line) else {
                Issue.record("line \(k + 1) does not parse")
                continue
            }
            #expect(line.first == UInt8(ascii: "{") && line.last == UInt8(ascii: "}"))
            #expect(record["survey"]?.stringValue == "every_kind")
            #expect(record["simulated"]?.boolValue == true)
            ids[record["id"]?.stringValue ?? "?", default: 0] += 1
            records.append(record)
        }
        #expect(ids.count == records.count, "ids are unique: \(ids.filter { $0.value > 1 })")

        // Targets are never exceeded by completes, whatever the number of processes.
        let completes = records.filter { $0["status"]?.stringValue == "complete" }
        #expect(!completes.isEmpty)
        var cells: [String: Int] = [:]
        var segments: [Int: Int] = [:]
        for record in completes {
            let answers = record["answers"]
            let segment = answers?["segment"]?.intValue ?? -1
            let region = answers?["region"]?.intValue ?? -1
            segments[segment, default: 0] += 1
            let cell = segment == 1 ? "private,\(region == 1 ? "north" : "south")" : segment == 2 ? "business,*" : "public,*"
            cells[cell, default: 0] += 1
            let segmentName = [1: "private", 2: "business", 3: "public"][segment] ?? "?"
            #expect(record["quota_cells"]?.serialized == #"{"seg_region":"\#(cell)","per_segment":"\#(segmentName)"}"#)
        }
        let targets = ["private,north": 6, "private,south": 6, "business,*": 4, "public,*": 2]
        for (cell, count) in cells { #expect(count <= targets[cell] ?? 0, "seg_region \(cell): \(count) completes") }
        for (segment, count) in segments {
            #expect(count <= ([1: 12, 2: 4, 3: 2][segment] ?? 0), "per_segment \(segment): \(count) completes")
        }
        let statuses = Set(records.compactMap { $0["status"]?.stringValue })
        #expect(statuses.isSubset(of: ["complete", "screened-out", "over-quota"]), "\(statuses)")
        // Every interview ended: no journal, no quota place left behind.
        #expect((try? FileManager.default.contentsOfDirectory(atPath: data + "/journal")) == [])
        #expect((try? FileManager.default.contentsOfDirectory(atPath: data + "/places")) == [])
    }

    // MARK: - kill -9

    @Test func aSimulationKilledAtARandomMomentLosesNothingItAcknowledged() async throws {
        let scratch = try SimScratch("kill")  // a real disk: fsync matters here
        let data = scratch.path("data")
        let folder = DataFolder(path: data)
        let q = try SimFiles.questionnaire(SimFiles.ccParma)
        let cati = try ChildProcess.cati()
        var tornLines: [Int] = []  // torn tails left by earlier rounds (lines in the middle by now)
        var comparedAnswers = 0
        // At least 3 rounds, and more (up to 12) until one kill has landed in the middle of an
        // interview with acknowledged answers: a kill between two interviews proves less.
        var round = -1
        while round < 2 || (comparedAnswers == 0 && round < 11) {
            round += 1
            let trace = scratch.path("trace-\(round).tsv")
            let delay = Int.random(in: 200...1000)
            let child = try ChildProcess(
                [cati, "simulate", SimFiles.ccParma, "--data", data, "-n", "100000", "--seed", "\(100 + round)",
                 "--sample", SimFiles.ccParmaSample, "--trace", trace, "--quiet"],
                directory: scratch.path)
            // Once it is answering (past the start-up of a debug build), a random moment.
            let started = ContinuousClock.now
            while (try? FileManager.default.attributesOfItem(atPath: trace)[.size] as? Int) ?? 0 == 0,
                  ContinuousClock.now - started < .seconds(30) {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(delay))
            // Then the next moment an interview is under way with an answer acknowledged (starting
            // and saving an interview take most of the time; a kill there proves less).
            let aiming = ContinuousClock.now
            while !Trace.endsInTheMiddleOfAnInterview(trace), ContinuousClock.now - aiming < .seconds(2) {
                try await Task.sleep(for: .milliseconds(1))
            }
            child.signal(SIGKILL)
            let status = try await child.wait(timeout: .seconds(20))
            try #require(status == 128 + SIGKILL, "round \(round): ended before the kill after \(delay) ms: \(child.stderr)")
            let context = "round \(round), killed after \(delay) ms"

            let acknowledged = Trace(file: trace)
            let before = try RecordReader(path: folder.interviews).scan()
            // A torn tail (if any) is the only line skipped, besides earlier rounds' tails.
            let lineCount = before.records.count + before.skipped.count
            for skipped in before.skipped where !tornLines.contains(skipped.line) {
                #expect(skipped.line == lineCount && skipped.reason.contains("torn"), "\(context): \(skipped)")
                tornLines.append(skipped.line)
            }
            let ids = before.records.compactMap { $0["id"]?.stringValue }
            let counted = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counted.values.allSatisfy { $0 == 1 }, "\(context): an id twice: \(counted.filter { $0.value > 1 })")
            for (id, status) in acknowledged.saved {
                #expect(counted[id] == 1, "\(context): \(id) was reported saved (\(status)) but is in the file \(counted[id] ?? 0) times")
                let record = before.records.first { $0["id"]?.stringValue == id }
                #expect(record?["status"]?.stringValue == status, "\(context): \(id)")
                #expect(!FileManager.default.fileExists(atPath: folder.journal(id)), "\(context): \(id) saved, journal left")
            }

            // What a restarted interviewer program does: finish what was saved to a
            // journal only, then offer the interrupted interview.
            do {
                let store = try FolderStore(folder: folder)
                let recovered = try store.recoverFinished()
                #expect(Set(recovered).isDisjoint(with: acknowledged.saved.keys), "\(context)")
                let after = try RecordReader(path: folder.interviews).scan()
                let afterIDs = after.records.compactMap { $0["id"]?.stringValue }
                #expect(Set(afterIDs).count == afterIDs.count, "\(context): recovery appended a record twice")
                #expect(Set(afterIDs) == Set(ids).union(recovered), "\(context)")

                let interrupted = try store.interrupted()
                #expect(interrupted.count <= 1, "\(context): one interview at a time was in progress: \(interrupted)")
                // An interview with acknowledged answers and no record must be resumable.
                let open = Set(interrupted.map(\.header.id))
                for id in acknowledged.order where acknowledged.saved[id] == nil && !afterIDs.contains(id) {
                    if !acknowledged.answers(id).isEmpty {
                        #expect(open.contains(id), "\(context): \(id) had acknowledged answers and cannot be resumed")
                    }
                }
                // Journal files nobody can resume hold nothing acknowledged (a header cut by the kill).
                let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.journals)) ?? []
                for name in files where name.hasSuffix(".jsonl") {
                    let id = String(name.dropLast(6))
                    if !open.contains(id) {
                        #expect(acknowledged.answers(id).isEmpty, "\(context): journal \(name) unusable: \(acknowledged.answers(id))")
                    }
                }

                print("kill round \(round) after \(delay) ms: \(acknowledged.saved.count) saved, \(interrupted.count) interrupted, \(recovered.count) recovered")
                for entry in interrupted {
                    let session = try InterviewSession.resume(entry.header.id, questionnaire: q, store: store)
                    let values = session.interview.values
                    for (name, value) in acknowledged.lastValues(entry.header.id) {
                        let resumed = values[name].map { "\($0)" } ?? "absent"
                        #expect(resumed == value, "\(context): \(entry.header.id) \(name) acknowledged \(value), resumed \(resumed)")
                        comparedAnswers += 1
                    }
                    // …and it can be finished, and is saved once.
                    var respondent = RandomRespondent(seed: 999, index: UInt64(round))
                    var outcome = ActionOutcome.moved
                    for _ in 0..<5_000 {
                        outcome = try session.perform(respondent.nextAction(for: session.interview))
                        if case .finished = outcome { break }
                    }
                    guard case .finished = outcome else {
                        Issue.record("\(context): the resumed interview did not finish")
                        session.interrupt()
                        continue
                    }
                    let final = try RecordReader(path: folder.interviews).scan().records
                    #expect(final.filter { $0["id"]?.stringValue == entry.header.id }.count == 1)
                    #expect(!FileManager.default.fileExists(atPath: folder.journal(entry.header.id)))
                }
            }
        }

        #expect(comparedAnswers > 0, "none of \(round + 1) rounds was killed in the middle of an interview with answers")

        // The folder is fine for the next process: it appends on fresh lines.
        let before = try RecordReader(path: folder.interviews).scan()
        let result = try await SimFiles.simulate(SimFiles.ccParma, data: data, n: 4, seed: 7, sample: true, in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        let after = try RecordReader(path: folder.interviews).scan()
        #expect(after.records.count == before.records.count + 4)
        #expect(after.skipped.map(\.line).sorted() == tornLines.sorted(), "\(after.skipped)")
        let ids = after.records.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == ids.count)
    }

    // MARK: - cc_parma: 2,000 interviews, every record by the questionnaire's rules

    @Test func twoThousandCcParmaInterviewsAllFollowTheRoutingAndValidation() async throws {
        let run = try await CcParmaRun.shared.get()
        #expect(run.records.count == 2_000)
        #expect(run.skipped == 0)
        let sample = try SampleCSV(SimFiles.ccParmaSample)
        let rules = CcParmaRules(sha256: run.sha256, sample: sample)
        var problems: [String] = []
        for (k, record) in run.records.enumerated() {
            problems += rules.problems(record).map { "line \(k + 1) (\(record["id"]?.stringValue ?? "?")): \($0)" }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(30).joined(separator: "\n"))")

        let ids = run.records.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == 2_000, "ids are unique")

        // Quota targets: counted from the answers, never exceeded.
        var cells: [String: Int] = [:]
        var types: [Int: Int] = [:]
        for record in run.records where record["status"]?.stringValue == "complete" {
            let tipo = record["answers"]?["tipo"]?.intValue ?? 0
            let motivo = record["answers"]?["motivo"]?.intValue ?? 0
            types[tipo, default: 0] += 1
            cells[tipo == 3 ? "ente,*" : "\(tipo),\(motivo)", default: 0] += 1
        }
        for (cell, count) in cells {
            #expect(count <= CcParmaRules.cellTargets[cell] ?? 0, "tipo_motivo \(cell): \(count) completes")
        }
        for (tipo, count) in types { #expect(count <= [1: 800, 2: 250, 3: 150][tipo] ?? 0, "per_tipo \(tipo): \(count)") }

        // Every status the simulation can reach, reached; the summary line matches the file.
        let statuses = Dictionary(run.records.map { ($0["status"]?.stringValue ?? "?", 1) }, uniquingKeysWith: +)
        #expect(Set(statuses.keys) == ["complete", "screened-out", "over-quota"], "\(statuses)")
        for (status, count) in statuses { #expect(run.summary.contains("\(status) \(count)"), "\(run.summary)") }
        #expect(run.summary.hasPrefix("2000 interviews in "))
        // Random answers exercise the branches: each appears somewhere.
        let keys = Set(run.records.flatMap { $0["answers"]?.objectMembers?.map(\.0) ?? [] })
        for name in ["ragione", "eta", "motivo_other", "chiamate", "perche", "media", "suggerimenti", "studio", "comune", "sede"] {
            #expect(keys.contains(name), "no record has \(name)")
        }
        let missing = run.lines.filter { $0.contains(#"{"missing":"dk"}"#) }.count
        #expect(missing > 0, "some dk answers")
        #expect(run.lines.contains { $0.contains(#"{"missing":"refused"}"#) }, "some refused answers")
        #expect(run.records.contains { ($0["paradata"]?["warnings_confirmed"]?.arrayValue ?? []).count > 0 },
                "some warnings confirmed")
    }

    @Test(.enabled(if: ChildProcess.available("jq"), "jq is installed (it is on the CI machines)"))
    func jqReadsTheFile() async throws {
        let run = try await CcParmaRun.shared.get()
        let scratch = try SimScratch("jq")
        let file = run.folder + "/interviews.jsonl"
        let result = try await ChildProcess.run(
            ["jq", "-c", #"select(.status=="complete") | .answers.tipo"#, file], directory: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        let tipos = result.stdout.split(separator: "\n").map(String.init)
        let expected = run.records.filter { $0["status"]?.stringValue == "complete" }.map { $0["answers"]?["tipo"]?.serialized ?? "null" }
        #expect(tipos.count == expected.count)
        #expect(tipos == expected)
        #expect(tipos.allSatisfy { ["1", "2", "3"].contains($0) })

        let count = try await ChildProcess.run(["jq", "-s", "length", file], directory: scratch.path)
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2000", "\(count.stderr)")
        let cells = try await ChildProcess.run(
            ["jq", "-r", #"select(.status=="complete") | .quota_cells.tipo_motivo"#, file], directory: scratch.path)
        #expect(cells.stdout.split(separator: "\n").count == expected.count)
    }

    // MARK: - The same seed, the same answers

    @Test(arguments: [("cc_parma", true), ("every_kind", false)])
    func theSameSeedGivesTheSameAnswersAndAnotherSeedOthers(_ name: String, _ withSample: Bool) async throws {
        let scratch = try SimScratch("seed-\(name)", inMemory: true)
        let file = RepositoryFiles.file("questionnaires/\(name).cati")
        var runs: [[JSON]] = []
        for (k, seed) in [UInt64(424_242), 424_242, 7].enumerated() {
            let data = scratch.path("data\(k)")
            let result = try await SimFiles.simulate(file, data: data, n: 60, seed: seed, sample: withSample, in: scratch.path)
            #expect(result.status == 0, "\(result.stderr)")
            runs.append(try JSONLFile(data + "/interviews.jsonl").records())
        }
        #expect(runs.map(\.count) == [60, 60, 60])
        let answers = runs.map { $0.map { $0["answers"]?.serialized ?? "" } }
        for k in 0..<min(runs[0].count, runs[1].count) {
            #expect(answers[0][k] == answers[1][k], "interview \(k + 1): same seed, other answers")
            #expect(runs[0][k]["status"]?.stringValue == runs[1][k]["status"]?.stringValue)
            #expect(runs[0][k]["respondent"] == runs[1][k]["respondent"])
            #expect(runs[0][k]["id"] != runs[1][k]["id"], "ids are new in each run")
        }
        #expect(answers[0] != answers[2], "another seed gives other answers")
        let differing = zip(answers[0], answers[2]).filter { $0 != $1 }.count
        #expect(differing > 10, "only \(differing) of 60 interviews differ between seeds")
        // The shown order follows the id, which differs: the answers did not follow it.
        let orders = runs.prefix(2).map { $0.map { $0["paradata"]?["order"]?.serialized ?? "" } }
        #expect(orders[0] != orders[1], "the shown orders should differ between runs (they follow the ids)")
    }
}

// MARK: - Helpers

enum SimFiles {
    static let ccParma = RepositoryFiles.file("questionnaires/cc_parma.cati")
    static let ccParmaSample = RepositoryFiles.file("questionnaires/cc_parma-sample.csv")
    static let everyKind = RepositoryFiles.file("questionnaires/every_kind.cati")

    static func questionnaire(_ path: String) throws -> Questionnaire {
        let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        let result = QuestionnaireChecker.check(SourceText(bytes: [UInt8](bytes)))
        return try #require(result.questionnaire, "\(path) does not check")
    }

    static func simulate(_ file: String, data: String, n: Int, seed: UInt64, sample: Bool,
                         in directory: String) async throws -> ChildProcess.Result {
        var arguments = [try ChildProcess.cati(), "simulate", file, "--data", data, "-n", "\(n)", "--seed", "\(seed)"]
        if sample { arguments += ["--sample", ccParmaSample] }
        return try await ChildProcess.run(arguments, directory: directory)
    }
}

/// interviews.jsonl as bytes and lines.
struct JSONLFile {
    let bytes: [UInt8]
    let lines: [ArraySlice<UInt8>]

    init(_ path: String) throws {
        bytes = [UInt8](try #require(FileManager.default.contents(atPath: path), "cannot read \(path)"))
        lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(bytes.last == 0x0A ? 1 : 0)
    }

    var endsWithNewline: Bool { bytes.last == 0x0A }

    func records() throws -> [JSON] {
        try lines.enumerated().map { k, line in
            try #require(JSONParser.parseObject(line), "line \(k + 1) is not a JSON object")
        }
    }
}

/// The `--trace` file: `id<TAB>variable<TAB>value` per acknowledged answer, `id<TAB>=<TAB>status`
/// per saved interview. A last line without its newline is ignored.
struct Trace {
    var order: [String] = []
    var saved: [String: String] = [:]
    private var entries: [String: [(String, String)]] = [:]

    init(file: String) {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // "" after the last newline, or a torn line
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            if !order.contains(fields[0]) { order.append(fields[0]) }
            if fields[1] == "=" { saved[fields[0]] = fields[2] } else { entries[fields[0], default: []].append((fields[1], fields[2])) }
        }
    }

    func answers(_ id: String) -> [(String, String)] { entries[id] ?? [] }

    /// Whether the last whole line of the trace is an answer (not a save).
    static func endsInTheMiddleOfAnInterview(_ file: String) -> Bool {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasSuffix("\n") else { return false }
        guard let last = text.dropLast().split(separator: "\n").last else { return false }
        let fields = last.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        return fields.count == 3 && fields[1] != "="
    }

    /// Each variable's last acknowledged value (an answer changed after going back counts once).
    func lastValues(_ id: String) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in answers(id) { out[name] = value }
        return out
    }
}

/// One run of 2,000 cc_parma interviews with the sample, shared by the tests that read it.
actor CcParmaRun {
    struct Output: Sendable {
        let folder: String
        let records: [JSON]
        let lines: [String]
        let skipped: Int
        let summary: String
        let sha256: String
    }

    static let shared = CcParmaRun()
    nonisolated(unsafe) static var leftover: String?
    private var task: Task<Output, any Error>?
    private var scratch: SimScratch?

    func get() async throws -> Output {
        if let task { return try await task.value }
        let scratch = try SimScratch("cc-parma-2000", inMemory: true)
        self.scratch = scratch
        // A static lives until exit, so its folder is removed then.
        Self.leftover = scratch.path
        atexit { if let path = CcParmaRun.leftover { try? FileManager.default.removeItem(atPath: path) } }
        let task = Task { () async throws -> Output in
            let data = scratch.path("data")
            let result = try await SimFiles.simulate(SimFiles.ccParma, data: data, n: 2_000, seed: 20_090_301,
                                                     sample: true, in: scratch.path)
            guard result.status == 0 else { throw ChildProcess.Failure.failed("cati simulate: \(result.stderr)") }
            let file = try JSONLFile(data + "/interviews.jsonl")
            let sha = try await ChildProcess.run(["sha256sum", SimFiles.ccParma], directory: scratch.path)
            return Output(folder: data, records: try file.records(),
                          lines: file.lines.map { String(decoding: $0, as: UTF8.self) },
                          skipped: 0, summary: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                          sha256: String(sha.stdout.prefix(64)))
        }
        self.task = task
        return try await task.value
    }
}

/// The sample file as RFC 4180 CSV: id → column → cell.
struct SampleCSV {
    var rows: [String: [String: String]] = [:]

    init(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, afterQuote = false
        for c in text {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": if afterQuote { field.append("\"") }; quoted = true; afterQuote = false
            case ",": record.append(field); field = ""; afterQuote = false
            case "\n", "\r\n": record.append(field); records.append(record); field = ""; record = []; afterQuote = false
            default: field.append(c); afterQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        let header = records.removeFirst()
        for row in records where row.count == header.count {
            rows[row[0]] = Dictionary(uniqueKeysWithValues: zip(header, row))
        }
    }
}

/// cc_parma.cati's routing and validation, written out by hand from the file.
struct CcParmaRules {
    let sha256: String
    let sample: SampleCSV

    static let topKeys = ["survey", "version", "questionnaire_sha256", "id", "respondent", "interviewer", "status",
                          "started", "finished", "answers", "quota_cells", "paradata"]
    /// Every variable in the order of the file (the order of the path); `motivo_other` follows `motivo`.
    static let pathOrder = ["consenso", "tipo", "ragione", "eta", "motivo", "motivo_other", "canali", "chiamate",
                            "attesa", "cortesia", "competenza", "chiarezza", "risoluzione", "orari", "accesso", "voto",
                            "perche", "insoddisfatto", "media", "risolto", "consiglia", "suggerimenti", "sesso",
                            "studio", "residenza", "comune", "sede"]
    static let grid = ["attesa", "cortesia", "competenza", "chiarezza", "risoluzione", "orari", "accesso"]
    static let tipoNames = [1: "privato", 2: "azienda", 3: "ente"]
    static let motivoNames = [1: "anagrafe", 2: "tributi", 3: "scuola", 4: "sociale", 5: "mobilita", 6: "edilizia",
                              7: "ambiente", 8: "generali", 9: "altro"]
    static let cellTargets: [String: Int] = [
        "1,1": 180, "1,2": 140, "1,3": 110, "1,4": 70, "1,5": 100, "1,6": 40, "1,7": 80, "1,8": 50, "1,9": 30,
        "2,1": 15, "2,2": 70, "2,3": 5, "2,4": 5, "2,5": 40, "2,6": 60, "2,7": 35, "2,8": 10, "2,9": 10, "ente,*": 150,
    ]
    static let warnHighVoto = "Voto complessivo molto alto ma tempo di attesa giudicato pessimo:"
    static let warnLowVoto = "Voto complessivo molto basso ma cortesia giudicata ottima:"

    func problems(_ record: JSON) -> [String] {
        var out: [String] = []
        func fail(_ s: String) { out.append(s) }
        let keys = record.objectMembers?.map(\.0) ?? []
        if Array(keys.prefix(12)) != Self.topKeys { fail("keys \(keys)") }
        if !keys.contains("simulated") || record["simulated"] != .bool(true) { fail("not \"simulated\": true") }
        if record["survey"]?.stringValue != "cc_parma" { fail("survey") }
        if record["version"] != .int(1) { fail("version") }
        if record["questionnaire_sha256"]?.stringValue != sha256 { fail("questionnaire_sha256 \(record["questionnaire_sha256"]?.serialized ?? "-")") }
        if record["interviewer"]?.stringValue != "simulator" { fail("interviewer") }
        let id = record["id"]?.stringValue ?? ""
        if id.wholeMatch(of: #/[0-9A-HJKMNP-TV-Z]{26}/#) == nil { fail("id \(id)") }
        let started = record["started"]?.stringValue ?? "", finished = record["finished"]?.stringValue ?? ""
        for stamp in [started, finished] where stamp.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/#) == nil {
            fail("timestamp \(stamp)")
        }
        if finished < started { fail("finished \(finished) before started \(started)") }
        let status = record["status"]?.stringValue ?? ""
        if !["complete", "screened-out", "over-quota"].contains(status) { fail("status \(status)") }

        guard let members = record["answers"]?.objectMembers else { return out + ["no answers object"] }
        let a = Dictionary(members, uniquingKeysWith: { x, _ in x })
        let names = members.map(\.0)
        let positions = names.map { Self.pathOrder.firstIndex(of: $0) ?? -1 }
        if positions.contains(-1) || positions != positions.sorted() || Set(names).count != names.count {
            fail("answers not in path order or unknown: \(names)")
        }

        // The sample row: respondent, and the preloaded tipo/motivo (`preload`: asked
        // only when the cell is empty; a preloaded `altro` has no specification).
        let respondent = record["respondent"]?.stringValue ?? ""
        let motivoPreloaded = !(sample.rows[respondent]?["motivo"] ?? "").isEmpty
        if let row = sample.rows[respondent] {
            let codeOf: (String, [Int: String]) -> Int? = { cell, names in
                Int(cell) ?? names.first { $0.value == cell }?.key
            }
            if let cell = row["tipo"], !cell.isEmpty, let t = a["tipo"], t.intValue != codeOf(cell, Self.tipoNames) {
                fail("tipo \(t.serialized) but the sample says \(cell)")
            }
            if let cell = row["motivo"], !cell.isEmpty, let m = a["motivo"], m.intValue != codeOf(cell, Self.motivoNames) {
                fail("motivo \(m.serialized) but the sample says \(cell)")
            }
        } else {
            fail("respondent \(record["respondent"]?.serialized ?? "-") is not in the sample")
        }

        func code(_ name: String) -> Int? { if case .int(let i)? = a[name] { return i } else { return nil } }
        func isMissing(_ name: String, _ kind: String) -> Bool { a[name] == .object([("missing", .string(kind))]) }
        func codeIn(_ name: String, _ range: ClosedRange<Int>, dk: Bool = false, refused: Bool = false) {
            guard let value = a[name] else { return }
            if let c = code(name), range.contains(c) { return }
            if dk, isMissing(name, "dk") { return }
            if refused, isMissing(name, "refused") { return }
            fail("\(name) = \(value.serialized)")
        }
        func text(_ name: String, max: Int, dk: Bool = false, refused: Bool = false) {
            guard let value = a[name] else { return }
            if let s = value.stringValue, !s.isEmpty, s.count <= max { return }
            if dk, isMissing(name, "dk") { return }
            if refused, isMissing(name, "refused") { return }
            fail("\(name) = \(value.serialized)")
        }
        func present(_ name: String, iff condition: Bool, _ why: String) {
            if (a[name] != nil) != condition { fail("\(name) \(a[name] == nil ? "absent" : "present") but \(why)") }
        }

        // Value domains, whatever the status.
        codeIn("consenso", 1...2)
        codeIn("tipo", 1...3)
        text("ragione", max: 120, refused: true)
        codeIn("eta", 1...5, refused: true)
        codeIn("motivo", 1...9)
        text("motivo_other", max: 10_000)
        codeIn("chiamate", 1...99, dk: true)
        for item in Self.grid { codeIn(item, 1...10, dk: true) }
        codeIn("voto", 1...10, dk: true)
        text("perche", max: 300, dk: true, refused: true)
        codeIn("risolto", 1...3)
        codeIn("consiglia", 1...4, dk: true)
        text("suggerimenti", max: 300)
        codeIn("sesso", 1...2)
        codeIn("studio", 1...4, refused: true)
        codeIn("residenza", 1...2)
        text("comune", max: 60, refused: true)
        codeIn("sede", 1...2)
        if let canali = a["canali"] {
            let codes = canali.arrayValue?.compactMap { j -> Int? in if case .int(let i) = j { return i } else { return nil } } ?? []
            if codes.isEmpty || codes.count != canali.arrayValue?.count || codes != codes.sorted() || Set(codes).count != codes.count
                || !codes.allSatisfy({ (1...4).contains($0) }) {
                fail("canali = \(canali.serialized)")
            }
        }

        // Routing that holds on any path, finished or cut short.
        let tipo = code("tipo"), motivo = code("motivo"), voto = code("voto")
        if a["ragione"] != nil, ![2, 3].contains(tipo) { fail("ragione with tipo \(tipo.map(String.init) ?? "-")") }
        if a["eta"] != nil, tipo != 1 { fail("eta with tipo \(tipo.map(String.init) ?? "-")") }
        if a["motivo_other"] != nil, motivo != 9 || motivoPreloaded {
            fail("motivo_other with motivo \(motivo.map(String.init) ?? "-")\(motivoPreloaded ? " from the sample" : "")")
        }
        let telefono = a["canali"]?.arrayValue?.contains(.int(1)) == true
        if a["chiamate"] != nil, !telefono { fail("chiamate without telefono in canali") }
        if a["perche"] != nil, !(voto.map { $0 <= 5 } ?? false) { fail("perche with voto \(a["voto"]?.serialized ?? "-")") }
        if let consenso = code("consenso"), consenso == 2, status != "screened-out" { fail("consenso no, status \(status)") }

        switch status {
        case "screened-out":
            if code("consenso") != 2 { fail("screened-out without consenso = no") }
            if names.first != "consenso" || !Set(names.dropFirst()).isSubset(of: ["tipo", "motivo"]) {
                fail("screened-out with \(names)")
            }
            if a["tipo"] != nil || a["motivo"] != nil { /* preloaded values are allowed */ }
        case "over-quota":
            // Quotas are checked as soon as tipo (per_tipo) or tipo and motivo have values:
            // before canali; only the opening questions can have been asked.
            if let c = code("consenso"), c != 1 { fail("over-quota after consenso \(c)") }
            let allowed: Set<String> = ["consenso", "tipo", "ragione", "eta", "motivo", "motivo_other"]
            if !Set(names).isSubset(of: allowed) { fail("over-quota with \(names)") }
            if a["tipo"] == nil && !names.isEmpty { fail("over-quota with no tipo: \(names)") }
        case "complete":
            for name in ["consenso", "tipo", "motivo", "canali", "voto", "insoddisfatto", "risolto", "consiglia", "sesso"]
                + Self.grid where a[name] == nil {
                fail("complete without \(name)")
            }
            if code("consenso") != 1 { fail("complete with consenso \(a["consenso"]?.serialized ?? "-")") }
            present("ragione", iff: [2, 3].contains(tipo), "tipo \(tipo ?? 0)")
            present("eta", iff: tipo == 1, "tipo \(tipo ?? 0)")
            present("motivo_other", iff: motivo == 9 && !motivoPreloaded, "motivo \(motivo ?? 0), preloaded: \(motivoPreloaded)")
            present("chiamate", iff: telefono, "canali \(a["canali"]?.serialized ?? "-")")
            present("perche", iff: voto.map { $0 <= 5 } ?? false, "voto \(a["voto"]?.serialized ?? "-")")
            if let voto {
                if a["insoddisfatto"] != .bool(voto <= 5) { fail("insoddisfatto \(a["insoddisfatto"]?.serialized ?? "-") with voto \(voto)") }
            } else if a["insoddisfatto"] != .bool(false) {
                fail("insoddisfatto \(a["insoddisfatto"]?.serialized ?? "-") with voto dk: false expected")
            }
            let marks = Self.grid.compactMap(code)
            present("media", iff: marks.count == 7, "grid \(Self.grid.map { a[$0]?.serialized ?? "-" })")
            if marks.count == 7, let media = a["media"]?.doubleValue,
               abs(media - Double(marks.reduce(0, +)) / 7) > 1e-9 {
                fail("media \(media), marks \(marks)")
            }
            present("studio", iff: tipo == 1, "tipo \(tipo ?? 0)")
            present("residenza", iff: tipo == 1, "tipo \(tipo ?? 0)")
            present("comune", iff: tipo == 1 && code("residenza") == 2, "residenza \(a["residenza"]?.serialized ?? "-")")
            present("sede", iff: tipo != 1, "tipo \(tipo ?? 0)")
            // quota_cells with code names.
            if let tipo, let motivo, let tipoName = Self.tipoNames[tipo], let motivoName = Self.motivoNames[motivo] {
                let cell = tipo == 3 ? "ente,*" : "\(tipoName),\(motivoName)"
                let expected = #"{"tipo_motivo":"\#(cell)","per_tipo":"\#(tipoName)"}"#
                if record["quota_cells"]?.serialized != expected {
                    fail("quota_cells \(record["quota_cells"]?.serialized ?? "absent"), expected \(expected)")
                }
            }
            // Warnings raised on the final answers were confirmed; others were not recorded.
            let confirmed = record["paradata"]?["warnings_confirmed"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let attesa = code("attesa"), cortesia = code("cortesia")
            let high = voto != nil && attesa != nil && voto! >= 9 && attesa! <= 3
            let low = voto != nil && cortesia != nil && voto! <= 3 && cortesia! >= 9
            if confirmed.contains(where: { $0.hasPrefix(Self.warnHighVoto) }) != high { fail("warning (voto alto) \(confirmed)") }
            if confirmed.contains(where: { $0.hasPrefix(Self.warnLowVoto) }) != low { fail("warning (voto basso) \(confirmed)") }
            // The grid was rotated: its shown order is a permutation of the items.
            let order = record["paradata"]?["order"]?["aspetti"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if order.sorted() != Self.grid.sorted() { fail("paradata.order.aspetti \(order)") }
        default:
            break
        }
        if status != "complete", record["quota_cells"] == nil { fail("no quota_cells object") }
        return out
    }
}

import CatiTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cati quotas FILE --data DIR [--json]` (cli.md) on Tests/Fixtures/quotas/table.cati,
/// with interviews.jsonl written by the test: the table, the JSON, torn and damaged
/// lines, and the quota-index.json snapshot, whose results must always equal a fresh
/// count of the file.
@Suite(.serialized) struct QuotaTableCLITests {
    let file = QuotaCLI.fixture("table")

    /// One record line as `cati` writes it (data.md), padded with a text answer to
    /// `width` bytes when asked, so that files of equal size can differ.
    static func line(_ id: String, status: String, tipo: Int?, motivo: Int?, width: Int? = nil,
                     note: String = "") -> String {
        let tipi = [1: "privato", 2: "azienda", 3: "ente"]
        let motivi = [1: "anagrafe", 2: "tributi", 3: "3"]
        var answers = status == "screened-out" ? #""consenso":2"# : #""consenso":1"#
        var cells = ""
        if let tipo {
            answers += #","tipo":\#(tipo)"#
            if let motivo {
                answers += #","motivo":\#(motivo)"#
                let row: String? = tipo == 1 ? (motivo == 3 ? nil : "privato,\(motivi[motivo]!)") : "\(tipi[tipo]!),*"
                if let row { cells = #""tipo_motivo":"\#(row)","# }
            }
            cells += #""per_tipo":"\#(tipi[tipo]!)""#
        }
        if !note.isEmpty { answers += #","nota":"\#(note)""# }
        func build(_ pad: String) -> String {
            #"{"survey":"tavola","version":1,"questionnaire_sha256":"00ff","id":"\#(id)","respondent":null,"#
                + #""interviewer":"maria","status":"\#(status)","started":"2026-11-29T09:12:03Z","#
                + #""finished":"2026-11-29T09:18:44Z","answers":{\#(answers)\#(pad)},"quota_cells":{\#(cells)},"#
                + #""paradata":{"seconds":{"tipo":2.5},"visits":{},"order":{},"warnings_confirmed":[],"notes":[]}}"#
        }
        guard let width else { return build("") }
        let bare = build(#","pad":"""#).utf8.count
        precondition(bare <= width, "line wider than \(width)")
        return build(#","pad":""# + String(repeating: "x", count: width - bare) + #"""#)
    }

    /// The records of the main example: completes, and records that must not count.
    static func exampleLines() -> [String] {
        var lines: [String] = []
        var n = 0
        func add(_ count: Int, _ status: String, _ tipo: Int?, _ motivo: Int?, note: String = "") {
            for _ in 0..<count {
                n += 1
                lines.append(line(String(format: "01JDX4%020d", n), status: status, tipo: tipo, motivo: motivo, note: note))
            }
        }
        add(20, "complete", 2, 1); add(25, "complete", 2, 2); add(12, "complete", 2, 3)   // azienda,*: 57
        add(120, "complete", 1, 1)                                                        // privato,anagrafe: full
        add(30, "complete", 1, 2)
        add(10, "complete", 3, 2)
        add(5, "over-quota", 2, 1)                 // not completes
        add(3, "over-quota", 1, 3)                 // a combination no row covers: per_tipo only
        add(8, "screened-out", nil, nil)
        add(2, "refused", 1, nil)
        add(1, "break-off", 3, 1, note: #"lui ha detto: \"status\":\"complete\", \"quota_cells\":{\"per_tipo\":\"ente\"}"#)
        return lines
    }

    static func write(_ lines: [String], to path: String, tornTail: String? = nil) throws {
        var text = lines.map { $0 + "\n" }.joined()
        if let tornTail { text += tornTail }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    // MARK: - JSON and text

    @Test func jsonAndTextShowTargetsCompletesPlacesAndRemaining() throws {
        let scratch = try ScratchFolder("table")
        let data = scratch.path("data")
        try Self.write(Self.exampleLines(), to: data + "/interviews.jsonl")
        try FileManager.default.createDirectory(atPath: data + "/places", withIntermediateDirectories: true)
        // Two interviews in progress in azienda,* (live processes holding their place
        // files), and the place file of a process that died in ente,*.
        var holders: [QuotaLockHolder] = []
        for id in ["01LIVE0000000000000000000A", "01LIVE0000000000000000000B"] {
            try "per_tipo\tazienda\ntipo_motivo\tazienda,*\n".write(toFile: data + "/places/" + id, atomically: false,
                                                                  encoding: .utf8)
            holders.append(try QuotaLockHolder(data + "/places/" + id))
        }
        try "per_tipo\tente\ntipo_motivo\tente,*\n".write(toFile: data + "/places/01DEAD0000000000000000000C",
                                                        atomically: false, encoding: .utf8)
        defer { holders.forEach { $0.kill9() } }

        let (table, raw, stderr) = try QuotaCLI.quotasJSON(file, data: data)
        #expect(stderr.isEmpty, "\(stderr)")
        // cli.md's own example, byte for byte.
        #expect(raw.contains(#"{"cell":"azienda,*","target":200,"complete":57,"in_progress":2,"remaining":141}"#), "\(raw)")
        #expect(raw.hasPrefix(#"{"quotas":[{"name":"tipo_motivo","#), "\(raw)")
        #expect(table == [
            "tipo_motivo": [
                "privato,anagrafe": ["target": 120, "complete": 120, "in_progress": 0, "remaining": 0],
                "privato,tributi": ["target": 120, "complete": 30, "in_progress": 0, "remaining": 90],
                "azienda,*": ["target": 200, "complete": 57, "in_progress": 2, "remaining": 141],
                "ente,*": ["target": 100, "complete": 10, "in_progress": 0, "remaining": 90],
            ],
            "per_tipo": [
                "privato": ["target": 800, "complete": 150, "in_progress": 0, "remaining": 650],
                "azienda": ["target": 250, "complete": 57, "in_progress": 2, "remaining": 191],
                "ente": ["target": 150, "complete": 10, "in_progress": 0, "remaining": 140],
            ],
        ])
        // Quotas and cells in the order of the questionnaire; each cell has the five
        // fields of cli.md.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
        let quotas = try #require(object["quotas"] as? [[String: Any]])
        #expect(quotas.map { $0["name"] as? String } == ["tipo_motivo", "per_tipo"])
        #expect((quotas[0]["cells"] as? [[String: Any]])?.map { $0["cell"] as? String }
                == ["privato,anagrafe", "privato,tributi", "azienda,*", "ente,*"])
        for quota in quotas {
            for cell in quota["cells"] as? [[String: Any]] ?? [] {
                #expect(Set(cell.keys) == ["cell", "target", "complete", "in_progress", "remaining"])
            }
        }
        #expect(raw.hasSuffix("}\n"))
        #expect(raw.split(separator: "\n").count == 1, "one line of JSON")

        // The text table: one row per cell with target, completes, in progress, remaining.
        let text = try QuotaCLI.run(["quotas", file, "--data", data])
        #expect(text.status == 0)
        #expect(text.stderr.isEmpty)
        let rows = Self.rows(text.stdout)
        #expect(rows["tipo_motivo"]?["privato,anagrafe"] == [120, 120, 0, 0], "\(text.stdout)")
        #expect(rows["tipo_motivo"]?["privato,tributi"] == [120, 30, 0, 90])
        #expect(rows["tipo_motivo"]?["azienda,*"] == [200, 57, 2, 141])
        #expect(rows["tipo_motivo"]?["ente,*"] == [100, 10, 0, 90])
        #expect(rows["per_tipo"]?["privato"] == [800, 150, 0, 650])
        #expect(rows["per_tipo"]?["azienda"] == [250, 57, 2, 191])
        #expect(rows["per_tipo"]?["ente"] == [150, 10, 0, 140])
        let header = text.stdout.split(separator: "\n").first { $0.contains("target") }.map(String.init) ?? ""
        for column in ["target", "complete", "progress", "remain"] {
            #expect(header.contains(column), "column \(column) in \(header)")
        }
        let full = text.stdout.split(separator: "\n").filter { $0.contains("FULL") }
        #expect(full.count == 1 && full[0].contains("privato,anagrafe"), "the full cell stands out: \(full)")
    }

    /// Rows of the text table by quota: the first word of a block's first line is the
    /// quota's name; a row is a cell label followed by four numbers.
    static func rows(_ text: String) -> [String: [String: [Int]]] {
        var out: [String: [String: [Int]]] = [:]
        var quota: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { quota = nil; continue }
            let words = line.split(separator: " ").map(String.init)
            if quota == nil { quota = words.first; continue }
            let numbers = words.dropFirst().prefix(4).compactMap { Int($0) }
            if let label = words.first, numbers.count == 4, let quota { out[quota, default: [:]][label] = numbers }
        }
        return out
    }

    // MARK: - Torn and damaged lines

    @Test func aTornLastLineIsSkippedWithAWarningAndCountedOnceWhole() throws {
        let scratch = try ScratchFolder("torn")
        let data = scratch.path("data")
        let jsonl = data + "/interviews.jsonl"
        let lines = (1...3).map { Self.line("01TORN\($0)", status: "complete", tipo: 2, motivo: 1) }
        let whole = Self.line("01TORN4", status: "complete", tipo: 2, motivo: 2)
        try Self.write(lines, to: jsonl, tornTail: String(whole.prefix(150)))
        for run in ["cold", "warm"] {
            let (table, _, stderr) = try QuotaCLI.quotasJSON(file, data: data)
            #expect(table["tipo_motivo"]?["azienda,*"]?["complete"] == 3, "\(run)")
            #expect(stderr.contains("interviews.jsonl:4"), "\(run): the warning names the file and line: \(stderr)")
            #expect(stderr.contains("warning"), "\(run): \(stderr)")
        }
        // The crashed writer's line stays torn; the next record starts on a new line.
        #expect(try QuotaCLI.run(["simulate", file, "--data", data, "-n", "6", "--seed", "5", "-q"]).status == 0)
        let (table, _, stderr) = try QuotaCLI.quotasJSON(file, data: data)
        let fresh = try QuotaJSONL(path: jsonl)
        #expect(fresh.unreadable == 1)
        #expect(stderr.contains("interviews.jsonl:4"), "\(stderr)")
        #expect(stderr.components(separatedBy: "warning").count - 1 == 1, "one warning, for line 4: \(stderr)")
        Self.expectSame(table, fresh.completes)
    }

    @Test func aDamagedLineInTheMiddleIsReportedOnEveryRun() throws {
        let scratch = try ScratchFolder("damaged")
        let data = scratch.path("data")
        var lines = Self.exampleLines()
        lines[9] = String(lines[9].prefix(80))   // line 10: half a record, then the next record
        try Self.write(lines, to: data + "/interviews.jsonl")
        let fresh = try QuotaJSONL(path: data + "/interviews.jsonl")
        for run in ["cold", "warm"] {
            let (table, _, stderr) = try QuotaCLI.quotasJSON(file, data: data)
            #expect(stderr.contains("interviews.jsonl:10"), "\(run): \(stderr)")
            #expect(table["tipo_motivo"]?["azienda,*"]?["complete"] == 56, "\(run)")
            Self.expectSame(table, fresh.completes)
            #expect(FileManager.default.fileExists(atPath: data + "/quota-index.json"), "\(run)")
        }
    }

    // MARK: - The snapshot

    static func expectSame(_ table: [String: [String: [String: Int]]], _ completes: [String: [String: Int]],
                           _ comment: Comment? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var reported: [String: [String: Int]] = [:]
        for (quota, cells) in table {
            for (cell, fields) in cells where (fields["complete"] ?? 0) > 0 { reported[quota, default: [:]][cell] = fields["complete"] }
        }
        #expect(reported == completes, comment, sourceLocation: sourceLocation)
    }

    /// Two files of the same size, the same first and last records, different counts.
    static func sameSizeFiles() -> (first: [String], second: [String]) {
        var first: [String] = []
        var second: [String] = []
        for k in 0..<300 {
            let id = String(format: "01SAME%020d", k)
            let a = line(id, status: "complete", tipo: 1 + k % 3, motivo: 1 + k % 2, width: 500)
            first.append(a)
            if (10..<290).contains(k) {
                second.append(line(id, status: k % 2 == 0 ? "over-quota" : "complete", tipo: 1 + (k + 1) % 3,
                                   motivo: 2 - k % 2, width: 500))
            } else {
                second.append(a)
            }
        }
        return (first, second)
    }

    @Test(arguments: ["renamed over", "rewritten in place", "replaced by a larger file", "truncated", "appended to"])
    func theSnapshotNeverOutlivesTheFile(change: String) throws {
        let scratch = try ScratchFolder("snapshot")
        let data = scratch.path("data")
        let jsonl = data + "/interviews.jsonl"
        let (first, second) = Self.sameSizeFiles()
        try Self.write(first, to: jsonl)
        let before = try QuotaJSONL(path: jsonl).completes
        let cold = try QuotaCLI.quotasJSON(file, data: data)
        Self.expectSame(cold.table, before)
        #expect(FileManager.default.fileExists(atPath: data + "/quota-index.json"), "the snapshot is written")

        switch change {
        case "renamed over":
            try Self.write(second, to: scratch.path("other.jsonl"))
            #expect(rename(scratch.path("other.jsonl"), jsonl) == 0)
        case "rewritten in place":
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: jsonl))
            try handle.write(contentsOf: Data(second.map { $0 + "\n" }.joined().utf8))
            try handle.close()
        case "replaced by a larger file":
            try Self.write(second + second.prefix(50), to: scratch.path("other.jsonl"))
            #expect(rename(scratch.path("other.jsonl"), jsonl) == 0)
        case "truncated":
            try Self.write(Array(second.prefix(120)), to: jsonl)
        default:
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: jsonl))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(second.prefix(40).map { $0 + "\n" }.joined().utf8))
            try handle.close()
        }
        let expected = try QuotaJSONL(path: jsonl).completes
        if change == "renamed over" || change == "rewritten in place" {
            #expect(try FileManager.default.attributesOfItem(atPath: jsonl)[.size] as? Int == first.count * 501)
            #expect(expected != before, "same size, other counts")
        }
        let after = try QuotaCLI.quotasJSON(file, data: data)
        Self.expectSame(after.table, expected, "\(change): the counts of the file as it is now")
        #expect(after.stderr.isEmpty, "\(after.stderr)")
        let again = try QuotaCLI.quotasJSON(file, data: data)
        Self.expectSame(again.table, expected, "\(change), with the snapshot written after the change")
    }

    @Test(arguments: ["deleted", "garbage", "truncated", "empty", "another file's"])
    func aMissingOrDamagedSnapshotIsRebuilt(damage: String) throws {
        let scratch = try ScratchFolder("index")
        let data = scratch.path("data")
        let jsonl = data + "/interviews.jsonl"
        let index = data + "/quota-index.json"
        try Self.write(Self.exampleLines(), to: jsonl)
        let expected = try QuotaJSONL(path: jsonl).completes
        Self.expectSame(try QuotaCLI.quotasJSON(file, data: data).table, expected)
        let saved = try Data(contentsOf: URL(fileURLWithPath: index))
        switch damage {
        case "deleted": try FileManager.default.removeItem(atPath: index)
        case "garbage": try Data("\u{0}\u{1}garbage{]".utf8).write(to: URL(fileURLWithPath: index))
        case "truncated": try saved.prefix(saved.count / 2).write(to: URL(fileURLWithPath: index))
        case "empty": try Data().write(to: URL(fileURLWithPath: index))
        default:
            // The snapshot of a different data folder of the same survey.
            let other = try ScratchFolder("index-other")
            try Self.write(Array(Self.exampleLines().prefix(40)), to: other.path("data/interviews.jsonl"))
            _ = try QuotaCLI.quotasJSON(file, data: other.path("data"))
            try FileManager.default.removeItem(atPath: index)
            try FileManager.default.copyItem(atPath: other.path("data/quota-index.json"), toPath: index)
        }
        let after = try QuotaCLI.quotasJSON(file, data: data)
        Self.expectSame(after.table, expected, "snapshot \(damage)")
        #expect(FileManager.default.fileExists(atPath: index), "written again")
        Self.expectSame(try QuotaCLI.quotasJSON(file, data: data).table, expected, "warm after \(damage)")
    }
}

import Foundation
import Testing
@testable import CatiCore
@testable import CatiStore

/// Completes per cell read from interviews.jsonl (CompleteCounts with its scanner and
/// the quota-index.json snapshot): what counts, what is skipped and reported, and that
/// the snapshot never changes a result.
struct QuotaCountsTests {
    static func record(_ id: String, _ status: String, _ cells: String = #""q":"a""#, answers: String = #""x":1"#) -> String {
        #"{"survey":"s","version":1,"id":"\#(id)","status":"\#(status)","answers":{\#(answers)},"quota_cells":{\#(cells)},"paradata":{"seconds":{},"notes":[]}}"#
    }

    static func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func append(_ text: String, _ path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    static func counts(_ path: String, index: String? = nil) throws -> CompleteCounts {
        var counts = CompleteCounts(path: path, indexPath: index)
        try counts.refresh()
        return counts
    }

    @Test func onlyTopLevelCompleteRecordsCountInTheirTopLevelCells() throws {
        let temp = try TestFolder("counts")
        let path = temp.file("interviews.jsonl")
        let lines = [
            Self.record("1", "complete", #""q":"a","r":"x,*""#),
            Self.record("2", "over-quota", #""q":"a","r":"x,*""#),
            Self.record("3", "screened-out", ""),
            // status and quota_cells inside answers and texts do not count
            Self.record("4", "break-off", #""q":"b""#,
                        answers: #""t":"\"status\":\"complete\"","o":{"status":"complete","quota_cells":{"q":"z"}}"#),
            // members in another order, spaces, escapes and non-ASCII in names
            #"{ "quota_cells" : { "q" : "a\"b" , "r" : "città,*" } , "status" : "complete" , "id" : "5" }"#,
            // a cell that is not a string is not a cell
            Self.record("6", "complete", #""q":null,"r":"x,*""#),
            "",
            Self.record("7", "complete", #""q":"a""#, answers: #""nested":[[{"a":"]}"}],{"b":[1,2,{}]}],"e":"\\""#),
        ]
        try Self.write(lines.joined(separator: "\n") + "\n", path)
        let counts = try Self.counts(path)
        #expect(counts.counts == ["q": ["a": 2, "a\"b": 1], "r": ["x,*": 2, "città,*": 1]])
        #expect(counts.statusCounts == ["complete": 4, "over-quota": 1, "screened-out": 1, "break-off": 1])
        #expect(counts.skipped.isEmpty)
        #expect(counts.lines == 8)
    }

    @Test func damagedLinesAreSkippedAndNamedByLine() throws {
        let temp = try TestFolder("counts")
        let path = temp.file("interviews.jsonl")
        let good = Self.record("1", "complete")
        let lines = [good, String(good.prefix(60)), good, #"{"status":"complete","quota_cells":{"q":"a"}"#, "not json", good + "x"]
        try Self.write(lines.joined(separator: "\n") + "\n", path)
        let counts = try Self.counts(path)
        #expect(counts.counts == ["q": ["a": 2]])
        #expect(counts.skipped.map(\.line) == [2, 4, 5, 6])
        #expect(counts.skipped.allSatisfy { $0.description.hasPrefix(path + ":") && $0.description.contains("warning") })
        #expect(counts.tornTail == nil)
    }

    @Test func aTornTailIsReportedNotCountedAndReadOnceComplete() throws {
        let temp = try TestFolder("counts")
        let path = temp.file("interviews.jsonl")
        let whole = Self.record("2", "complete")
        try Self.write(Self.record("1", "complete") + "\n" + whole.prefix(40), path)
        var counts = CompleteCounts(path: path)
        try counts.refresh()
        #expect(counts.counts == ["q": ["a": 1]])
        #expect(counts.tornTail?.line == 2)
        #expect(counts.warnings.map(\.line) == [2])
        #expect(counts.tornTail?.description.contains("torn") == true)
        // The writer finishes its line: it counts, once.
        try Self.append(String(whole.dropFirst(40)) + "\n", path)
        try counts.refresh()
        #expect(counts.counts == ["q": ["a": 2]])
        #expect(counts.tornTail == nil && counts.warnings.isEmpty)
        // A crash left half a line, and the next writer started on a new line.
        try Self.append(String(whole.prefix(30)), path)
        try counts.refresh()
        #expect(counts.tornTail?.line == 3)
        try Self.append("\n" + Self.record("3", "complete") + "\n", path)
        try counts.refresh()
        #expect(counts.counts == ["q": ["a": 3]])
        #expect(counts.skipped.map(\.line) == [3])
        #expect(counts.tornTail == nil)
    }

    @Test func appendedRecordsAreReadIncrementally() throws {
        let temp = try TestFolder("counts")
        let path = temp.file("interviews.jsonl")
        var counts = CompleteCounts(path: path)
        try counts.refresh()
        #expect(counts.counts.isEmpty && counts.records == 0, "no file yet: nothing")
        try Self.write("", path)
        for k in 1...50 {
            try Self.append(Self.record("\(k)", k % 5 == 0 ? "over-quota" : "complete", #""q":"c\#(k % 3)""#) + "\n", path)
            if k % 7 == 0 { try counts.refresh() }
        }
        try counts.refresh()
        #expect(counts.counts == (try Self.counts(path)).counts)
        #expect(counts.records == 50)
        #expect(counts.counts["q"]?.values.reduce(0, +) == 40)
    }

    // MARK: - The snapshot

    @Test func theSnapshotIsUsedWhileItMatchesTheFile() throws {
        let temp = try TestFolder("index")
        let path = temp.file("interviews.jsonl"), index = temp.file("quota-index.json")
        try Self.write((1...30).map { Self.record("\($0)", "complete", #""q":"c\#($0 % 4)""#) + "\n" }.joined(), path)
        var first = CompleteCounts(path: path, indexPath: index)
        try first.refresh()
        first.saveSnapshot()
        let end = first.offset
        try Self.append(Self.record("31", "complete", #""q":"c0""#) + "\n", path)
        let second = try Self.counts(path, index: index)
        #expect(second.snapshotOffset == end, "started from the snapshot")
        #expect(second.counts == (try Self.counts(path)).counts)
        #expect(second.lines == 31)
    }

    /// Files above the 1 MiB the fingerprint hashes whole: another file of the same
    /// size, renamed over the old one, is still told apart.
    @Test func aLargeFileRenamedOverIsReadAgain() throws {
        let temp = try TestFolder("index")
        let path = temp.file("interviews.jsonl"), index = temp.file("quota-index.json")
        func file(_ cell: (Int) -> String) -> String {
            (0..<12_000).map { Self.record(String(format: "%08d", $0), "complete", #""q":"\#(cell($0))""#) + "\n" }.joined()
        }
        let original = file { _ in "aa" }
        let other = file { $0 == 6_000 ? "bb" : "aa" }
        #expect(original.utf8.count == other.utf8.count && original.utf8.count > 1 << 20)
        try Self.write(original, path)
        var first = CompleteCounts(path: path, indexPath: index)
        try first.refresh()
        first.saveSnapshot()
        try Self.write(other, temp.file("other"))
        #expect(rename(temp.file("other"), path) == 0)
        let second = try Self.counts(path, index: index)
        #expect(second.counts == ["q": ["aa": 11_999, "bb": 1]])
        #expect(second.snapshotOffset == 0, "the snapshot of the old file is not used")
    }

    @Test func aLongLivedReaderNoticesTheFileWasReplaced() throws {
        let temp = try TestFolder("index")
        let path = temp.file("interviews.jsonl")
        try Self.write((1...10).map { Self.record("\($0)", "complete") + "\n" }.joined(), path)
        var counts = CompleteCounts(path: path)
        try counts.refresh()
        #expect(counts.counts == ["q": ["a": 10]])
        try Self.write((1...12).map { Self.record("\($0)", "complete", #""q":"b""#) + "\n" }.joined(), temp.file("new"))
        #expect(rename(temp.file("new"), path) == 0)
        try counts.refresh()
        #expect(counts.counts == ["q": ["b": 12]])
    }

    @Test func skippedLinesAreReportedAgainFromTheSnapshot() throws {
        let temp = try TestFolder("index")
        let path = temp.file("interviews.jsonl"), index = temp.file("quota-index.json")
        try Self.write([Self.record("1", "complete"), "{broken", Self.record("2", "complete")].joined(separator: "\n") + "\n",
                       path)
        var first = CompleteCounts(path: path, indexPath: index)
        try first.refresh()
        first.saveSnapshot()
        let second = try Self.counts(path, index: index)
        #expect(second.snapshotOffset > 0)
        #expect(second.skipped == first.skipped)
        #expect(second.skipped.map(\.line) == [2])
        #expect(second.counts == ["q": ["a": 2]])
    }

    // MARK: - The scanner against a JSON parser

    /// Random records whose texts hold quotes, backslash runs of every length, brackets
    /// and `"status":"complete"` look-alikes, at every offset from a 64-byte block edge:
    /// the scanner finds exactly the top-level status and quota_cells that
    /// JSONSerialization finds, and rejects every proper prefix (a torn line).
    @Test func theScannerAgreesWithAJSONParser() throws {
        var rng = QuotaRandom(seed: 0x5EED)
        let pieces = [#"\\"#, #"\""#, #"\\\\"#, #"\\\""#, "{", "}", "[", "]", #"\"status\":\"complete\""#, "à", "€", #"\n"#,
                      #"\u00e8"#, ",", ":", "quota_cells", " ", "x", "yy", #"\\\\\\"#]
        func text() -> String {
            var t = ""
            for _ in 0..<rng.next(90) { t += rng.next(3) == 0 ? pieces[rng.next(pieces.count)] : String(repeating: "a", count: rng.next(70)) }
            return t
        }
        func value(_ depth: Int) -> String {
            switch rng.next(depth > 3 ? 3 : 6) {
            case 0: return "\"" + text() + "\""
            case 1: return String(rng.next(100_000))
            case 2: return ["true", "false", "null", "-1.5e3"][rng.next(4)]
            case 3: return "[" + (0..<rng.next(4)).map { _ in value(depth + 1) }.joined(separator: ",") + "]"
            default:
                let keys = ["status", "quota_cells", "k", "a\\\"b", text()]
                return "{" + (0..<rng.next(5)).map { _ in "\"" + keys[rng.next(keys.count)] + "\":" + value(depth + 1) }
                    .joined(separator: ",") + "}"
            }
        }
        var checked = 0
        for round in 0..<600 {
            let status = ["complete", "over-quota", "x\\\"y", text()][rng.next(4)]
            let cells = (0..<rng.next(4)).map { q in "\"q\(q)\":\"" + (rng.next(2) == 0 ? text() : "c,*") + "\"" }
            var members = ["\"survey\":\"s\"", "\"pad\":\"" + String(repeating: "p", count: round % 64) + "\"",
                           "\"answers\":" + value(1), "\"status\":\"" + status + "\"", "\"quota_cells\":{" + cells.joined(separator: ",") + "}",
                           "\"paradata\":" + value(1)]
            if rng.next(2) == 0 { members.swapAt(3, 5) }
            let line = "{" + members.joined(separator: ",") + "}"
            let bytes = Array(line.utf8)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "\(line)")
            let summary = bytes.withUnsafeBufferPointer { RecordSummaryScanner.scan($0) }
            try #require(summary != nil, "\(line)")
            #expect(summary?.status == object["status"] as? String, "\(line)")
            let expected = (object["quota_cells"] as? [String: String]) ?? [:]
            let found = Dictionary(summary?.cells.map { ($0.quota, $0.cell) } ?? [], uniquingKeysWith: { $1 })
            #expect(found == expected, "\(line)")
            for cut in [1, 2, 7, bytes.count / 3, bytes.count / 2, bytes.count - 2, bytes.count - 1] where cut < bytes.count && cut > 0 {
                let torn = Array(bytes[..<cut])
                #expect(torn.withUnsafeBufferPointer { RecordSummaryScanner.scan($0) } == nil, "prefix \(cut) of \(line)")
            }
            checked += 1
        }
        #expect(checked == 600)
    }
}

/// xorshift64*: a seeded sequence for the scanner test.
struct QuotaRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next(_ bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % bound
    }
}

import CatiCore
import CatiTestSupport
import Foundation
import Testing
@testable import CatiStore

/// The erasure's rewrite of one file (`FileRewrite`, docs/privacy.md): streamed in chunks
/// whatever the file's size, every line it does not change kept byte for byte, crash-safe;
/// and the sample file's whole rewrite under its own lock.
extension StoreTests {
    @Suite struct FileRewriteTests {
        /// What `rewriteLines` must write, computed the plain way: the whole file split on
        /// newlines; the torn last line kept and never shown to the transform.
        static func expected(_ bytes: [UInt8], _ transform: (ArraySlice<UInt8>) -> [UInt8]??) -> (bytes: [UInt8], seen: [[UInt8]]) {
            var out: [UInt8] = []
            var seen: [[UInt8]] = []
            var start = 0
            while start < bytes.count {
                guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                    out += bytes[start...]
                    break
                }
                let line = bytes[start..<end]
                seen.append(Array(line))
                switch transform(line) {
                case .none: out += line + [0x0A]
                case .some(.none): break
                case .some(.some(let new)): out += new + [0x0A]
                }
                start = end + 1
            }
            return (out, seen)
        }

        /// The offset of the first byte where two outputs differ (or the shorter's length).
        static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
            zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        }

        /// Drops lines holding "DROP", replaces those holding "CHANGE" by a line with
        /// multi-byte characters, keeps the others.
        static func transform(_ line: ArraySlice<UInt8>) -> [UInt8]?? {
            let text = String(decoding: line, as: UTF8.self)
            if text.contains("DROP") { return .some(nil) }
            if text.contains("CHANGE") { return .some(Array("cambiata → è ok 🙂 \(line.count)".utf8)) }
            return nil
        }

        /// Lines that straddle every chunk boundary: a line longer than several chunks,
        /// 2-, 3- and 4-byte UTF-8 characters, empty lines, CRLF, changes at the first
        /// and last line.
        static let body: String = {
            var lines = ["CHANGE at the very start", "{\"respondent\":\"R1\",\"t\":\"perché è così\"}", "",
                         String(repeating: "lunga è → 🙂 ", count: 40) + "DROP", "kept è", "CHANGE è → 🙂",
                         String(repeating: "x", count: 300), "\r", "àèìòù€𝄞", "DROP", "DROP", "ultima CHANGE"]
            for k in 0..<12 { lines.append(String(repeating: "é", count: k) + (k % 3 == 0 ? "DROP" : "keep \(k)")) }
            return lines.joined(separator: "\n")
        }()

        func rewrite(_ bytes: [UInt8], chunkSize: Int, in test: TestFolder, label: String) throws -> (bytes: [UInt8], seen: [[UInt8]], touched: Int) {
            let path = test.file(label)
            try test.write(path, bytes)
            var seen: [[UInt8]] = []
            let touched = try FileRewrite.rewriteLines(path, chunkSize: chunkSize) { line in
                seen.append(Array(line))
                return Self.transform(line)
            }
            #expect(!Platform.exists(path + ".erasing"), "no temporary file is left")
            return (test.bytes(path), seen, touched)
        }

        @Test func everyChunkSizeGivesTheSameBytesAsTheWholeFileRewrite() throws {
            let test = try TestFolder("rewrite-chunks")
            let files: [(String, [UInt8])] = [
                ("with a final newline", Array((Self.body + "\n").utf8)),
                ("without a final newline (a torn last line)", Array((Self.body + "\nCHANGE torn è").utf8)),
                ("a torn last line longer than a chunk", Array((Self.body + "\n" + String(repeating: "🙂", count: 200)).utf8)),
                ("only one line, longer than every chunk", Array((String(repeating: "è", count: 700) + " CHANGE\n").utf8)),
                ("only newlines", [0x0A, 0x0A, 0x0A]),
            ]
            // Chunks of 1 to 40 bytes put a boundary at every offset of the first lines, in
            // the middle of every multi-byte character among them; 4096 and 1 MiB hold a line whole.
            for (name, bytes) in files {
                let want = Self.expected(bytes, Self.transform)
                let changes = want.seen.filter { Self.transform($0[...]) != nil }.count
                for chunk in Array(1...40) + [97, 1000, 4096, 1 << 20] {
                    let got = try rewrite(bytes, chunkSize: chunk, in: test, label: "f")
                    let same = got.bytes == want.bytes, sameLines = got.seen == want.seen
                    #expect(same, "\(name), chunks of \(chunk): bytes differ from \(Self.firstDifference(got.bytes, want.bytes)) on")
                    #expect(sameLines, "\(name), chunks of \(chunk): the transform saw other lines")
                    #expect(got.touched == changes, "\(name), chunks of \(chunk)")
                }
            }
            // Every line that went to the transform was valid UTF-8 (no character cut).
            let got = try rewrite(Array((Self.body + "\n").utf8), chunkSize: 3, in: test, label: "f")
            for line in got.seen { #expect(String(validating: line, as: UTF8.self) != nil) }
        }

        @Test func anEmptyFileAndAFileWithNothingToChangeAreNotWritten() throws {
            let test = try TestFolder("rewrite-nothing")
            let empty = test.file("empty")
            try test.write(empty, [])
            var calls = 0
            #expect(try FileRewrite.rewriteLines(empty, chunkSize: 4) { _ in calls += 1; return .some(nil) } == 0)
            #expect(calls == 0 && test.bytes(empty).isEmpty && Platform.exists(empty))
            // Nothing changes: the file is the same file (no rename), and no temporary file.
            let kept = test.file("kept")
            let bytes = Array("a è\nb 🙂\nc\n".utf8)
            try test.write(kept, bytes)
            let before = try #require(Platform.identity(kept))
            #expect(try FileRewrite.rewriteLines(kept, chunkSize: 2) { _ in nil } == 0)
            // A replacement by the same bytes counts as touched but writes nothing.
            #expect(try FileRewrite.rewriteLines(kept, chunkSize: 2) { Array($0) } == 3)
            #expect(try #require(Platform.identity(kept)).sameFile(as: before))
            #expect(test.bytes(kept) == bytes && !Platform.exists(kept + ".erasing"))
            // A missing file: nothing, and it is not made.
            #expect(try FileRewrite.rewriteLines(test.file("missing")) { _ in .some(nil) } == 0)
            #expect(!Platform.exists(test.file("missing")))
        }

        @Test func aFailedRewriteLeavesTheFileAsItWasAndNoTemporaryFile() throws {
            let test = try TestFolder("rewrite-fail")
            let path = test.file("f.jsonl")
            let bytes = Array((Self.body + "\n").utf8)
            try test.write(path, bytes)
            for operation in [FaultInjector.Operation.write, .fsync] {
                #expect(throws: StoreError.self) {
                    try test.withFault(operation, 5 /* EIO */) {
                        try FileRewrite.rewriteLines(path, chunkSize: 16, Self.transform)
                    }
                }
                #expect(test.bytes(path) == bytes, "after a failed \(operation)")
                #expect(!Platform.exists(path + ".erasing"))
            }
            #expect(try FileRewrite.rewriteLines(path, chunkSize: 16, Self.transform) > 0)
            #expect(test.bytes(path) == Self.expected(bytes, Self.transform).bytes)
        }

        /// A `kill -9` before the rename leaves `<file>.erasing` beside an untouched file
        /// (PrivacyCLITests kills a real erase at every step); the next erase, even one
        /// naming no case, completes the recorded request and clears the temporary file.
        @Test func aRewriteCutBeforeItsRenameIsCompletedByTheNextErase() throws {
            let test = try TestFolder("rewrite-cut")
            let store = try test.store()
            let lines = (1...9).map { "{\"id\":\"I\($0)\",\"respondent\":\"R\($0 % 3)\",\"status\":\"complete\",\"t\":\"è → \($0)\"}" }
            let old = Array((lines.joined(separator: "\n") + "\n").utf8)
            try test.write(test.interviews, old)
            // The request was recorded, the rewrite of interviews.jsonl had written half of
            // its temporary file when the process died.
            try test.write(test.folder.path + "/erasures.jsonl",
                           Array("{\"case\":\"R1\",\"answers\":true,\"reason\":\"erase\",\"at\":\"2026-12-07T00:00:00Z\"}\n".utf8))
            try test.write(test.interviews + ".erasing", Array(old[..<(old.count / 2)]))
            #expect(test.bytes(test.interviews) == old, "the file itself is as it was")
            #expect(try store.erasedCases() == ["R1"] && store.takenCases().contains("R1"))

            let report = try store.erase(ErasureRequest(cases: [], answers: false, personalColumns: ["name", "phone"]))
            #expect(report.records == 3)
            let want = lines.filter { !$0.contains("\"R1\"") }.joined(separator: "\n") + "\n"
            #expect(test.bytes(test.interviews) == Array(want.utf8))
            #expect(!Platform.exists(test.interviews + ".erasing"))
        }

        /// Two erasures naming the same sample file at once: without a lock both read the
        /// old file and the second rename undoes the first (and both write the same
        /// temporary file). Under the sample's lock each waits for the other.
        @Test func wholeRewritesOfOneFileAtOnceTakeTurnsAndLoseNothing() throws {
            let test = try TestFolder("rewrite-whole")
            let path = test.file("sample.csv")
            try test.write(path, Array("id,name\n".utf8))
            try Platform.setMode(path, 0o640)
            let writers = 6
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: writers) { k in
                do {
                    _ = try FileRewrite.rewriteWhole(path) { old -> (bytes: [UInt8], result: Int)? in
                        // A slow transform: without the lock, every writer would read the old file.
                        Thread.sleep(forTimeInterval: 0.05)
                        return (old + Array("R\(k),\n".utf8), k)
                    }
                } catch { failures.add("\(error)") }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")
            let rows = String(decoding: test.bytes(path), as: UTF8.self).split(separator: "\n").dropFirst()
            #expect(Set(rows) == Set((0..<writers).map { "R\($0)," }), "\(rows)")
            #expect(Platform.mode(path) == 0o640, "the sample keeps its permissions")
            #expect(!Platform.exists(path + ".erasing"))
            // No change: nothing written, the file stays the same file.
            let before = try #require(Platform.identity(path))
            #expect(try FileRewrite.rewriteWhole(path) { _ -> (bytes: [UInt8], result: Int)? in nil } == nil)
            #expect(try #require(Platform.identity(path)).sameFile(as: before))
        }
    }
}

/// Errors collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

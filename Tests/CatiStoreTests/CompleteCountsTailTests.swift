import Foundation
import Testing
@testable import CatiStore

/// A complete record whose newline never made it to disk (a crash between the two) is
/// counted at once, so a quota cell cannot take one complete too many; once the line is
/// finished it is not counted twice.
struct CompleteCountsTailTests {
    func record(_ id: String, _ cell: String) -> String {
        #"{"id":"\#(id)","status":"complete","answers":{},"quota_cells":{"q":"\#(cell)"}}"#
    }

    @Test func aRecordMissingOnlyItsNewlineCountsOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("interviews.jsonl").path
        try (record("A", "x") + "\n" + record("B", "x")).write(toFile: path, atomically: false, encoding: .utf8)
        var counts = CompleteCounts(path: path)
        try counts.refresh()
        #expect(counts.complete("q", "x") == 2)
        #expect(counts.allCounts["q"]?["x"] == 2)
        #expect(counts.tornTail == nil)

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("\n" + record("C", "x") + "\n").utf8))
        try handle.close()
        try counts.refresh()
        #expect(counts.complete("q", "x") == 3)

        // a truly torn tail (half a record) is not counted, and is reported
        let h2 = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h2.seekToEnd()
        try h2.write(contentsOf: Data(String(record("D", "x").prefix(20)).utf8))
        try h2.close()
        try counts.refresh()
        #expect(counts.complete("q", "x") == 3)
        #expect(counts.tornTail != nil)
    }
}

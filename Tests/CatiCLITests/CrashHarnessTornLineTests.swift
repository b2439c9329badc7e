import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

extension CrashHarnessTests {
    // MARK: - The last line torn at every byte

    @Test func aRecordLineTornAtEveryByteIsSkippedWithItsLineAndTheNextRecordStartsOnAFreshLine() async throws {
        let every = ProcessInfo.processInfo.environment["CATI_CRASH_EVERY_BYTE"] == "1"
        let scratch = try ScratchFolder("torn-every-byte", under: "/dev/shm", keepIf: "CATI_CRASH_KEEP")
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
        let goodCounts = CompletesOracle.completes(good)
        let withNext = CompletesOracle.completes(good + [next])
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
        #expect(wholeCounts.counts == CompletesOracle.completes(good + [torn]) || wholeCounts.warnings.map(\.line) == [n],
                "counted or warned about, never silently dropped: \(wholeCounts.warnings)")
        try RecordLog(path: path).append(next)
        #expect(try RecordReader(path: path).scan().records.map(\.serialized) == good + [torn, next])
        var wholeAfter = CompleteCounts(path: path)
        try wholeAfter.refresh()
        #expect(wholeAfter.counts == CompletesOracle.completes(good + [torn, next]) && wholeAfter.warnings.isEmpty)
        print("torn tail: \(checked) cut positions of a \(tornBytes.count)-byte record checked in process, "
              + "\(viaCLI) through cati quotas")
    }
}

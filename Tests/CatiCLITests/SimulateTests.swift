import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

/// `cati simulate` as a user runs it: the built binary, real processes, several at once,
/// killed with SIGKILL; then the data folder read as jq, R or pandas would read it.
@Suite struct SimulateTests {
    // MARK: - Several processes on one folder

    @Test func severalSimulationsAtOnceAppendWholeLinesAndNeverExceedAQuota() async throws {
        let scratch = try ScratchFolder("concurrent", under: "/dev/shm")
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
}

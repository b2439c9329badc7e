import CatiCore
@testable import CatiStore
import Foundation
import Testing

extension StoreTests {
    /// What the supervisor screen reads from a data folder: records appended since the
    /// last refresh (a torn last line read once whole; a file replaced or shrunk read
    /// again with a message), the byte scanner against the JSON parser, interviews in
    /// progress with their current question, and places held.
    @Suite struct MonitorReaderTests {
        static func line(_ id: Int, status: String = "complete", interviewer: String = "maria", cell: String = "si") -> String {
            #"{"id":"I\#(id)","interviewer":"\#(interviewer)","status":"\#(status)","started":"2026-11-29T09:12:03Z","#
                + #""finished":"2026-11-29T09:18:44Z","answers":{"status":"refused","t":"a \"quoted\" }{ text"},"#
                + #""quota_cells":{"per_consenso":"\#(cell)"},"paradata":{"seconds":{"a":1.5}}}"#
        }

        static func append(_ path: String, _ text: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        }

        @Test func onlyWhatWasAppendedIsReadAndATornLineWaitsForItsNewline() throws {
            let test = try TestFolder("monitor-feed")
            try test.folder.prepare()
            let path = test.folder.interviews
            try (Self.line(1) + "\n" + Self.line(2, status: "screened-out") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
            var feed = MonitorFeed(store: try test.store())
            #expect(try feed.refresh())
            #expect(feed.tally.records == 2)
            #expect(feed.tally.completes["per_consenso"]?["si"] == 1)
            #expect(feed.tally.interviewers["maria"]?.total.medianSeconds == 401)
            let half = Self.line(3)
            try Self.append(path, String(half.prefix(40)))
            #expect(try !feed.refresh())
            #expect(feed.tally.records == 2 && feed.tornTail)
            try Self.append(path, String(half.dropFirst(40)) + "\n")
            #expect(try feed.refresh())
            #expect(feed.tally.records == 3 && !feed.tornTail)
            #expect(feed.tally.completes["per_consenso"]?["si"] == 2)
            try Self.append(path, "not json\n")
            try feed.refresh()
            #expect(feed.skippedLines == 1 && feed.tally.records == 3)
            #expect(feed.restarted == nil)
        }

        @Test func aFileReplacedOrShrunkIsReadAgainWithAMessage() throws {
            let test = try TestFolder("monitor-replace")
            try test.folder.prepare()
            let path = test.folder.interviews
            try (1...5).map { Self.line($0) + "\n" }.joined().write(toFile: path, atomically: false, encoding: .utf8)
            var feed = MonitorFeed(store: try test.store())
            try feed.refresh()
            #expect(feed.tally.records == 5)
            // Renamed over (another inode), with more lines than before.
            try (1...7).map { Self.line($0, cell: "no") + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
            try feed.refresh()
            #expect(feed.restarted?.contains("replaced") == true)
            #expect(feed.tally.records == 7 && feed.tally.completes["per_consenso"]?["no"] == 7)
            #expect(feed.tally.completes["per_consenso"]?["si"] == nil)
            // Truncated in place to fewer lines.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64((Self.line(1, cell: "no") + "\n").utf8.count * 2))
            try handle.close()
            try feed.refresh()
            #expect(feed.restarted?.contains("shrank") == true)
            #expect(feed.tally.records == 2)
            try feed.refresh()
            #expect(feed.restarted == nil)
            // Rewritten in place, same inode, longer: the bytes before the offset changed.
            try (Self.line(1, interviewer: "zoe") + "\n" + Self.line(2, interviewer: "zoe") + "\n" + Self.line(3) + "\n")
                .write(toFile: path, atomically: false, encoding: .utf8)
            try feed.refresh()
            #expect(feed.restarted?.contains("rewritten") == true)
            #expect(feed.tally.interviewers["zoe"]?.total.interviews == 2 && feed.tally.records == 3)
            // Removed: zeros, not a failure.
            try FileManager.default.removeItem(atPath: path)
            try feed.refresh()
            #expect(feed.tally.records == 0)
        }

        @Test func theByteScannerAgreesWithTheJSONParser() throws {
            let lines = [Self.line(1), Self.line(2, status: "over-quota", interviewer: "lu\\u00e0", cell: "no"),
                         #"{"status":"refused","interviewer":"x","quota_cells":{},"started":"bad"}"#,
                         #"  { "quota_cells" : { "a" : "b,\"c\"" , "n": 3 } , "status" : "complete" }  "#]
            var scanner = MonitorLineScanner()
            for line in lines {
                let bytes = Array(line.utf8)
                let fast = bytes.withUnsafeBufferPointer { scanner.record($0) }
                let slow = JSONParser.parseObject(bytes).flatMap(MonitorRecord.init(json:))
                #expect(fast == slow, "\(line)")
                #expect(fast != nil)
            }
            for bad in [#"{"status":"complete""#, "[1]", #"{"interviewer":"x"}"#, "{}"] {
                #expect(Array(bad.utf8).withUnsafeBufferPointer { scanner.record($0) } == nil, "\(bad)")
            }
        }

        @Test func interviewsInProgressShowTheirQuestionAndWhetherTheirProcessHoldsThem() throws {
            let test = try TestFolder("monitor-live")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            var reader = LiveInterviewReader(store: store, questionnaire: q)
            #expect(reader.read().isEmpty)
            let a = try InterviewSession.start(questionnaire: q, store: store, sample: SampleRecord(id: "R7", fields: [:], line: 2),
                                               interviewer: "maria")
            try a.perform(.answer("1"))
            let b = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "luca")
            try b.perform(.answer("1"))
            try b.perform(.answer("42"))
            var live = reader.read().sorted { $0.interviewer < $1.interviewer }
            #expect(live.map(\.state) == [.active, .active])
            #expect(live.map(\.question) == ["nome", "eta"])
            #expect(live[1].respondent == "R7")
            #expect(reader.places()["per_consenso"]?["si"] == 2)
            try b.suspend()
            a.interrupt()
            live = reader.read().sorted { $0.interviewer < $1.interviewer }
            #expect(live.map(\.state) == [.suspended, .interrupted])
            #expect(reader.places().isEmpty)
            // The journals and places are as they were: the reader changed nothing.
            #expect(Platform.exists(test.folder.journal(a.id)) && Platform.exists(test.folder.journal(b.id)))
        }
    }
}

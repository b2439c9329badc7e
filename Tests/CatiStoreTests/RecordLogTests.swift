import CatiCore
import CatiStore
import Foundation
import Testing

/// Runs one interview of the fixture to `complete` and returns its session.
@discardableResult
func completeInterview(_ store: any InterviewStore, _ questionnaire: Questionnaire, name: String = "Anna",
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> InterviewSession {
    let session = try InterviewSession.start(questionnaire: questionnaire, store: store, sample: nil, interviewer: "maria")
    try session.answer("1", "42", name, "1 3", "7", sourceLocation: sourceLocation)
    #expect(session.screenName == "(ending complete)", sourceLocation: sourceLocation)
    let outcome = try session.perform(.answer(""))
    #expect(outcome == .finished(.complete), sourceLocation: sourceLocation)
    return session
}

extension StoreTests {
    @Suite struct DataFolderTests {
        @Test func theFolderIsCreatedPrivateAndEveryFileInItIs0600() throws {
            let test = try TestFolder("modes", nested: "not/yet/there")
            #expect(!FileManager.default.fileExists(atPath: test.folder.path))
            let store = try test.store()
            for folder in [test.folder.path, test.folder.journals, test.folder.places] {
                #expect(Platform.mode(folder) == 0o700, "mode of \(folder): \(String(Platform.mode(folder) ?? -1, radix: 8))")
            }
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1")
            // In progress: its journal, its quota place and the folder's quota lock.
            for file in [test.folder.journal(session.id), test.folder.place(session.id), test.folder.quotaLock] {
                #expect(Platform.exists(file), "\(file) missing")
                #expect(Platform.mode(file) == 0o600, "mode of \(file): \(String(Platform.mode(file) ?? -1, radix: 8))")
            }
            try session.answer("42", "Anna", "2", "8")
            #expect(try session.perform(.answer("")) == .finished(.complete))
            #expect(Platform.mode(test.interviews) == 0o600)
            // Whatever else the folder holds now is private too.
            for name in try FileManager.default.subpathsOfDirectory(atPath: test.folder.path) {
                let path = test.folder.path + "/" + name
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                #expect(Platform.mode(path) == (isFolder.boolValue ? 0o700 : 0o600), "mode of \(path)")
            }
        }
    }

    @Suite struct RecordLogTests {
        /// Record lines of real finished interviews (one with accents and quotes).
        func realRecords(_ count: Int) throws -> [String] {
            let test = try TestFolder("lines")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let names = ["Anna", "Perè \"Nino\" d'Àvila \\ è", "Zoë"]
            return try (0..<count).map { k in
                try #require(completeInterview(store, q, name: names[k % names.count]).savedRecord)
            }
        }

        @Test func appendedRecordsReadBackOnePerLineInOrder() throws {
            let test = try TestFolder("roundtrip")
            _ = try test.store()
            let lines = try realRecords(3) + [#"{"id":"X","text":"tab\tnewline\nquote\" € 𝄞","n":[1,2.5,-3],"b":null}"#]
            let log = RecordLog(path: test.interviews)
            for line in lines { try log.append(line) }
            #expect(test.bytes(test.interviews) == Array(lines.map { $0 + "\n" }.joined().utf8),
                    "one write of the whole line each, a newline after each")
            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.skipped.isEmpty)
            #expect(scan.records.map(\.serialized) == lines, "the same objects, keys in the same order")
            #expect(scan.records[3]["text"]?.stringValue == "tab\tnewline\nquote\" € 𝄞")
            #expect(scan.endOffset == test.bytes(test.interviews).count)
            #expect(Platform.mode(test.interviews) == 0o600)
        }

        @Test func aMissingFileReadsAsNoRecords() throws {
            let test = try TestFolder("missing")
            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.records.isEmpty && scan.skipped.isEmpty)
        }

        /// A crash in the middle of writing the third record, cut at `percent` of its
        /// bytes (-1: inside a two-byte UTF-8 character).
        @Test(arguments: [-1, 0, 2, 30, 50, 90, 100])
        func aTornLastLineIsSkippedWithAWarningAndTheNextRecordStartsOnAFreshLine(percent: Int) throws {
            let test = try TestFolder("torn")
            _ = try test.store()
            let records = try realRecords(4)
            let third = Array(records[1].utf8)  // the one with accents
            let cut: Int
            if percent < 0 {
                let lead = try #require(third.firstIndex { $0 >= 0xC2 && $0 <= 0xDF }, "no two-byte character")
                cut = lead + 1
            } else {
                cut = min(max(1, third.count * percent / 100), third.count - 1)
            }
            let before = Array((records[0] + "\n" + records[2] + "\n").utf8)
            try test.write(test.interviews, before + third[..<cut])

            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.records.map(\.serialized) == [records[0], records[2]], "every earlier record is kept")
            #expect(scan.skipped.count == 1)
            let warning = try #require(scan.skipped.first)
            #expect(warning.line == 3)
            #expect(warning.path == test.interviews)
            #expect(warning.description.hasPrefix("\(test.interviews):3: warning: "), "\(warning)")
            #expect(warning.description.contains("torn"), "\(warning)")
            #expect(scan.endOffset == before.count, "the torn tail is not consumed")

            try RecordLog(path: test.interviews).append(records[3])
            let bytes = test.bytes(test.interviews)
            #expect(bytes == before + third[..<cut] + Array(("\n" + records[3] + "\n").utf8),
                    "the new record starts on a line of its own")
            let after = try RecordReader(path: test.interviews).scan()
            #expect(after.records.map(\.serialized) == [records[0], records[2], records[3]])
            #expect(after.skipped.map(\.line) == [3], "the torn line is still counted, once")
            #expect(after.skipped.first?.description.hasPrefix("\(test.interviews):3:") == true)
        }

        /// A last line with the whole object but no newline (the newline is all that is
        /// missing) is a record; the next one still goes on its own line.
        @Test func aCompleteLastLineWithoutItsNewlineIsKept() throws {
            let test = try TestFolder("nonewline")
            _ = try test.store()
            let records = try realRecords(2)
            try test.write(test.interviews, Array(records[0].utf8))
            #expect(try RecordReader(path: test.interviews).scan().records.map(\.serialized) == [records[0]])
            try RecordLog(path: test.interviews).append(records[1])
            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.records.map(\.serialized) == records)
            #expect(scan.skipped.isEmpty)
        }

        @Test func badLinesInTheMiddleAreSkippedCountedAndNamedByLine() throws {
            let test = try TestFolder("bad")
            _ = try test.store()
            let r = try realRecords(4)
            let text = [r[0], "", "this is not json", r[1], #"{"id":"cut"#, r[2], "[1,2,3]", "\u{1}garbage{}", r[3]]
                .joined(separator: "\n") + "\n"
            try test.write(test.interviews, Array(text.utf8))
            let scan = try RecordReader(path: test.interviews).scan()
            #expect(scan.records.map(\.serialized) == r)
            #expect(scan.skipped.map(\.line) == [3, 5, 7, 8], "line numbers count every line, blank ones too")
            #expect(scan.skipped.allSatisfy { $0.path == test.interviews && !$0.reason.contains("torn") })
            #expect(scan.skipped.map(\.description).allSatisfy { $0.contains("line skipped") })
            // The writer goes on after damage in the middle without touching it.
            try RecordLog(path: test.interviews).append(r[0].replacingOccurrences(of: "\"maria\"", with: "\"luca\""))
            let again = try RecordReader(path: test.interviews).scan()
            #expect(again.records.count == 5)
            #expect(again.skipped.map(\.line) == [3, 5, 7, 8])
        }

        @Test func readingFromAnOffsetGoesOnWithTheLineNumbers() throws {
            let test = try TestFolder("offset")
            _ = try test.store()
            let r = try realRecords(3)
            let log = RecordLog(path: test.interviews)
            try log.append(r[0])
            let first = try RecordReader(path: test.interviews).scan()
            try test.write(test.interviews, test.bytes(test.interviews) + Array("oops\n".utf8))
            try log.append(r[1])
            let next = try RecordReader(path: test.interviews).scan(from: first.endOffset, startLine: 2)
            #expect(next.records.map(\.serialized) == [r[1]])
            #expect(next.skipped.map(\.line) == [2])
        }
    }
}

import CatiCore
import CatiTestSupport
import Foundation
import Testing

/// `cati export` options and file handling, as a user meets them.
@Suite(.serialized) struct ExportCommandTests {
    @Test func jsonlIsTheRecordsByteForByteFilteredByStatus() async throws {
        let fixture = try await ExportFixture("export-jsonl", n: 40)
        let all = try await fixture.export(["--format", "jsonl", "--status", "all"])
        #expect(all.status == 0, "\(all.stderr)")
        let original = try String(contentsOfFile: fixture.jsonl, encoding: .utf8)
        #expect(all.stdout == original)
        let completes = try await fixture.export(["--format", "jsonl"])
        let expected = original.split(separator: "\n").filter { $0.contains(#""status":"complete""#) }
        #expect(completes.stdout.split(separator: "\n") == expected)
        #expect(!expected.isEmpty)
        #expect(completes.stderr.contains("of another status left out"))
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() async throws {
        let fixture = try await ExportFixture("export-force", n: 10)
        let out = fixture.scratch.path("cc.csv")
        try fixture.scratch.write("cc.csv", "keep me\n")
        let refused = try await fixture.export(["--out", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("exists; add --force"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "one line: \(refused.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")
        let forced = try await fixture.export(["--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("id,respondent,interviewer,status,started,finished,"))
    }

    @Test func anOutFolderGetsTheCSVAndBothCodebooksWithOwnerOnlyModes() async throws {
        let fixture = try await ExportFixture("export-folder", n: 10)
        let folder = fixture.scratch.path("exports/")
        let run = try await fixture.export(["--out", folder])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["cc_parma-codebook.csv", "cc_parma-codebook.md", "cc_parma.csv"])
        for name in names {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + name)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(name) holds personal data")
        }
    }

    @Test func aFailedWriteLeavesNoHalfFileAndKeepsTheOldOne() async throws {
        let fixture = try await ExportFixture("export-fail", n: 10)
        let folder = fixture.scratch.path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "old\n".write(toFile: folder + "/cc_parma.csv", atomically: true, encoding: .utf8)
        let run = try await fixture.export(["--format", "spss", "--out", folder, "--force"],
                                           environment: ["CATI_FAULTS": "write:ENOSPC"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(!run.stderr.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names == ["cc_parma.csv"], "no temporary or partial file left: \(names)")
        #expect(try String(contentsOfFile: folder + "/cc_parma.csv", encoding: .utf8) == "old\n")
    }

    @Test func excelDelimiterMissingEmptyAndParadataOptions() async throws {
        let fixture = try await ExportFixture("export-options", n: 30)
        let out = fixture.scratch.path("x.csv")
        let run = try await fixture.export(["--out", out, "--excel", "--delimiter", ";", "--missing", "empty", "--paradata"])
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark for Excel")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let header = String(text.prefix { $0 != "\r\n" && $0 != "\n" })
        #expect(header.hasPrefix("id;respondent;interviewer;status;started;finished;consenso;tipo;"))
        #expect(header.hasSuffix(";seconds;notes;seconds_intro;seconds_consenso;seconds_tipo;seconds_ragione;seconds_eta;"
                                 + "seconds_motivo;seconds_canali;seconds_chiamate;seconds_aspetti;seconds_voto;seconds_perche;"
                                 + "seconds_risolto;seconds_consiglia;seconds_suggerimenti;seconds_sesso;seconds_studio;"
                                 + "seconds_residenza;seconds_comune;seconds_sede;seconds_fine"))
        #expect(text.contains("\r\n"), "rows end in CRLF")
        // With --missing empty, no 98 (don't know of a 1..10 mark) is left in the marks.
        let rows = text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty && !$0.hasPrefix("TRICKY") }
        let columns = header.components(separatedBy: ";")
        let voto = try #require(columns.firstIndex(of: "voto"))
        var checked = 0
        for row in rows {
            let cells = row.components(separatedBy: ";")
            guard cells.count == columns.count else { continue }   // a piece of a multi-line cell
            #expect(cells[voto] != "98")
            checked += 1
        }
        #expect(checked >= 10)
        // And without it, don't know is 98 somewhere among 30 interviews' grid marks or votes.
        let coded = try await fixture.export(["--status", "complete"])
        #expect(coded.stdout.contains(",98,"))
    }

    @Test func aTornLastLineIsReportedAndTheOtherRecordsExported() async throws {
        let fixture = try await ExportFixture("export-torn", n: 10)
        let handle = try #require(FileHandle(forWritingAtPath: fixture.jsonl))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"survey":"cc_parma","id":"TORN","status":"comp"#.utf8))
        try handle.close()
        let lines = try JSONLFile(fixture.jsonl).lines.count
        let run = try await fixture.export(["--status", "all"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("interviews.jsonl:\(lines): warning: torn last line"), "\(run.stderr)")
        let rows = run.stdout.split(separator: "\r\n").filter { $0.hasPrefix("01") || $0.hasPrefix("TRICKY") }
        #expect(rows.count == lines - 1, "every whole record, not the torn one")
        #expect(!run.stdout.contains("TORN"))
    }

    @Test(arguments: [
        (["--status", "finished"], "unknown status 'finished'"),
        (["--missing", "blank"], "--missing takes 'empty'"),
        (["--delimiter", "ab"], "--delimiter takes one ASCII character"),
    ])
    func badOptionsAreOneLineAndExitOne(arguments: [String], message: String) async throws {
        let scratch = try ScratchFolder("export-bad", under: "/dev/shm")
        let run = try await ChildProcess.run([try ChildProcess.cati(), "export", SimFiles.ccParma, "--data", scratch.path("d")]
                                             + arguments, directory: scratch.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }
}

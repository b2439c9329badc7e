import Foundation
import Testing
@testable import CatiCore

/// Record lines to CSV rows: quoting, formula neutralising, missing codes, multi columns,
/// and refusal of a damaged line.
@Suite struct DelimitedRowWriterTests {
    static let source = """
    survey s "S"
    version 1
    single sex "Sex?" allow refused
      1 m "Male"
      2 f "Female"
    multi media "Media?" allow dk
      1 tv "TV"
      2 web "Web"
      3 other "Other" other
    number spend "Spend?" range 0..500 decimals 2
    text why "Why?" allow dk, refused
    compute big = spend > 100
    """

    static func layout(paradata: Bool = false) throws -> ExportLayout {
        let q = try EngineRun.questionnaire(source)
        return ExportLayout(codebook: Codebook(questionnaire: q), questionnaire: q, multi: .columnPerCode, paradata: paradata)
    }

    static func record(_ answers: String, paradata: String = #"{"seconds":{"sex":1.5,"media":2.25},"notes":[{"at":"sex","text":"x"}]}"#) -> String {
        #"{"survey":"s","version":1,"id":"I1","respondent":null,"interviewer":"maria","status":"complete","#
            + #""started":"2026-11-29T09:12:03Z","finished":"2026-11-29T09:18:44Z","answers":\#(answers),"#
            + #""quota_cells":{},"paradata":\#(paradata)}"#
    }

    /// The header and the row written for one line, as text.
    static func rows(_ line: String, options: DelimitedRowWriter.Options = .init(), paradata: Bool = false) throws -> [String] {
        let layout = try layout(paradata: paradata)
        var writer = DelimitedRowWriter(layout: layout, options: options)
        let scanner = RecordRowScanner(layout: layout)
        var row = RecordRow(layout: layout)
        var out: [UInt8] = []
        writer.writeHeader(into: &out)
        let bytes = Array(line.utf8)
        let ok = bytes.withUnsafeBufferPointer { p in
            guard scanner.scan(p, into: &row) else { return false }
            writer.writeRow(row, line: p, into: &out)
            return true
        }
        #expect(ok, "the line scans")
        let text = String(decoding: out, as: UTF8.self)
        return text.components(separatedBy: options.crlf ? "\r\n" : "\n").filter { !$0.isEmpty }
    }

    @Test func headerHasRecordFieldsVariablesMultiCodesOtherAndParadata() throws {
        let lines = try Self.rows(Self.record("{}"), paradata: true)
        #expect(lines[0] == "id,respondent,interviewer,status,started,finished,sex,media_1,media_2,media_3,media_other,"
                + "spend,why,big,seconds,notes,seconds_sex,seconds_media,seconds_spend,seconds_why")
    }

    @Test func answersBecomeCodesZeroOneColumnsAndNumbers() throws {
        let line = Self.record(#"{"sex":2,"media":[1,3],"media_other":"radio","spend":120.5,"why":"ok","big":true}"#)
        let lines = try Self.rows(line, paradata: true)
        #expect(lines[1] == "I1,,maria,complete,2026-11-29T09:12:03Z,2026-11-29T09:18:44Z,2,1,0,1,radio,120.5,ok,1,3.8,1,1.5,2.25,,")
    }

    @Test func dontKnowAndRefusedBecomeTheirCodesOrEmpty() throws {
        let line = Self.record(#"{"sex":{"missing":"refused"},"media":{"missing":"dk"},"spend":0,"why":{"missing":"dk"}}"#)
        #expect(try Self.rows(line)[1].hasSuffix(",9,8,8,8,,0,[dk],,3.8,1"))
        var options = DelimitedRowWriter.Options()
        options.missingEmpty = true
        #expect(try Self.rows(line, options: options)[1].hasSuffix(",,,,,,0,,,3.8,1"))
    }

    @Test(arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+39 0521 40521", "'+39 0521 40521"), ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("'quoted", "''quoted"), ("-5", "-5"), ("+3.5", "+3.5"),
        ("plain = fine", "plain = fine"),
    ])
    func textCellsThatASpreadsheetWouldRunGetAnApostrophe(text: String, cell: String) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: [text], options: .fragmentsAllowed), as: UTF8.self)
        let value = String(json.dropFirst().dropLast())
        let lines = try Self.rows(Self.record(#"{"why":\#(value)}"#))
        let why = lines[1].split(separator: ",", omittingEmptySubsequences: false)[12]
        #expect(String(why) == cell)
        #expect(FormulaNeutraliser.restore(String(why)) == text)
    }

    @Test func quotesCommasNewlinesAndAccentsAreQuotedAndKeptExactly() throws {
        let line = Self.record(#"{"why":"Perché, \"davvero\"\nsì\r\nok \u00e8 \ud83d\ude00"}"#)
        var options = DelimitedRowWriter.Options()
        options.crlf = false
        let layout = try Self.layout()
        var writer = DelimitedRowWriter(layout: layout, options: options)
        var row = RecordRow(layout: layout)
        var out: [UInt8] = []
        Array(line.utf8).withUnsafeBufferPointer { p in
            #expect(RecordRowScanner(layout: layout).scan(p, into: &row))
            writer.writeRow(row, line: p, into: &out)
        }
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains(",\"Perché, \"\"davvero\"\"\nsì\r\nok è 😀\","))
    }

    @Test func delimiterAndSPSSLineBreaksAreOptions() throws {
        var options = DelimitedRowWriter.Options()
        options.delimiter = UInt8(ascii: ";")
        options.lineBreaksAsControls = true
        options.neutralise = false
        options.crlf = false
        let lines = try Self.rows(Self.record(#"{"why":"a;b\nc","spend":1.25}"#), options: options)
        #expect(lines[0].hasPrefix("id;respondent;"))
        #expect(lines[1].contains(";1.25;\"a;b\u{1E}c\";"))
    }

    @Test(arguments: [
        #"{"id":"I1","answers":{"sex":1}"#,                 // torn: no closing brace
        #"{"id":"I1","answers":{"sex":1}} x"#,              // trailing bytes
        #"{"id":"I1","answers":{"why":"open"#,              // torn inside a string
        #"not json"#,
        #"{"id":"I1","answers":{"sex":01x}}"#,
    ])
    func aDamagedLineIsRefusedWhole(line: String) throws {
        let layout = try Self.layout()
        var row = RecordRow(layout: layout)
        let ok = Array(line.utf8).withUnsafeBufferPointer { RecordRowScanner(layout: layout).scan($0, into: &row) }
        #expect(!ok)
    }

    @Test func unknownKeysAndMembersInAnyOrderAreFine() throws {
        let line = #"{"paradata":{"notes":[],"seconds":{}},"answers":{"zzz":[1,{"a":2}],"sex":1},"status":"complete","id":"I9","extra":{"k":[true,null]}}"#
        let lines = try Self.rows(line)
        #expect(lines[1].hasPrefix("I9,,,complete,,,1,"))
    }
}

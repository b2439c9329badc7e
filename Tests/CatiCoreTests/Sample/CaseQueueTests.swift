import CatiCore
import Testing

/// The order in which the next-interview screen's n and `cati simulate --sample` go
/// through the sample (issue 11: n got stuck on one case after one pass).
struct CaseQueueTests {
    static let rows = (1...5).map { SampleRecord(id: "R\($0)", fields: [:], line: $0 + 1) }

    @Test func nGoesRoundEveryFreeCaseWhenSomeAreTaken() {
        var queue = CaseQueue(rows: Self.rows)
        let taken: Set = ["R1", "R4"]
        var shown = queue.next(excluding: taken)
        var seen = [shown?.id ?? "-"]
        var skips: [CaseQueue.Skip] = []
        for _ in 0..<6 {
            let skip = queue.skip(shown?.id, excluding: taken)
            skips.append(skip)
            switch skip {
            case .next(let r), .wrapped(let r), .onlyOne(let r): shown = r
            case .none: shown = nil
            }
            seen.append(shown?.id ?? "-")
        }
        #expect(seen == ["R2", "R3", "R5", "R2", "R3", "R5", "R2"])
        #expect(skips[2] == .wrapped(Self.rows[1]) && skips[5] == .wrapped(Self.rows[1]))
        #expect(skips[0] == .next(Self.rows[2]))
    }

    @Test func theOnlyCaseLeftAndNoneLeftAreSaid() {
        var queue = CaseQueue(rows: Self.rows)
        #expect(queue.skip("R3", excluding: ["R1", "R2", "R4", "R5"]) == .onlyOne(Self.rows[2]))
        #expect(queue.skip("R3", excluding: Set(Self.rows.map(\.id))) == .none)
        #expect(queue.next(excluding: Set(Self.rows.map(\.id))) == nil)
    }

    @Test func afterACaseIsDoneTheNextOneInFileOrderIsOffered() {
        var queue = CaseQueue(rows: Self.rows)
        _ = queue.skip("R1", excluding: [])      // shown: R2
        _ = queue.skip("R2", excluding: [])      // shown: R3, which is then interviewed
        #expect(queue.next(excluding: ["R3"])?.id == "R4")
        #expect(queue.next(excluding: ["R3"], preferring: "R1")?.id == "R1", "--respondent comes first")
    }
}

/// Bytes that are not UTF-8 in a sample file: the row is named and left out, the rest kept.
struct SampleTextTests {
    @Test func aLatin1ByteIsFoundByLineAndByteAndOnlyItsRowIsLeftOut() throws {
        let q = try #require(QuestionnaireChecker.check(SourceText(bytes: Array(#"""
            survey s "S"
            number a "A?" range 1..9

            """#.utf8))).questionnaire)
        // Row R2 spans lines 3 and 4 (a quoted line break); its bad byte is on line 4.
        let bytes = Array("id,nome\nR1,Anna\nR2,\"Nicol".utf8) + [0xF2] + Array("\nCant".utf8) + [0xF9]
            + Array("\"\nR3,Ok\n".utf8)
        let text = SampleText(bytes: bytes)
        #expect(text.badBytes == [3: .init(position: 10, value: 0xF2), 4: .init(position: 5, value: 0xF9)])
        let sample = try SampleFile.parse(text.text, for: q, file: "s.csv", badBytes: text.badBytes)
        #expect(sample.rows.map(\.id) == ["R1", "R3"])
        #expect(sample.problems == ["s.csv:3: byte 0xF2 (byte 10 of the line) is not UTF-8 text (save the file as UTF-8); row left out"])
    }
}

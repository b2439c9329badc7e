import Testing
@testable import CatiCore

/// `rotate`: an order per interview, reproducible from its id, spread evenly over
/// interviews, `fixed` entries in place, recorded in `paradata.order`.
struct RotationTests {
    static let source = """
    survey r "Rotation"
    multi canali "Canali" rotate
      1 tel "Telefono"
      2 mail "E-mail"
      3 fax "Fax"
      4 sms "SMS"
      8 altro "Altro" other fixed
      9 nessuno "Nessuno" exclusive fixed
    grid aspetti "Aspetti" scale 1..5 rotate
      attesa "Attesa"
      cortesia "Cortesia"
      chiarezza "Chiarezza"
      nel_complesso "Nel complesso" fixed
    single sesso "Sesso"
      1 m "Maschio"
      2 f "Femmina"
      3 x "Altro"
    single zona "Zona" rotate if sesso = x
      1 "Nord"
      2 "Sud"
    """

    static func codes(_ run: EngineRun) -> [Int] { run.prompt?.options.map(\.code) ?? [] }

    @Test func sameIdSameOrder() throws {
        let first = try EngineRun(Self.source, id: "01JDX4ABC")
        let again = try EngineRun(Self.source, id: "01JDX4ABC")
        #expect(Self.codes(first) == Self.codes(again))
        #expect(Self.codes(first).sorted() == [1, 2, 3, 4, 8, 9], "every option is shown once")
    }

    @Test func orderIsSpreadEvenlyOverInterviews() throws {
        let questionnaire = try EngineRun.questionnaire(Self.source)
        var orders: Set<[Int]> = []
        var first: [Int: Int] = [:]
        var gridFirst: [String: Int] = [:]
        let n = 2000
        for k in 0..<n {
            let interview = try Interview(questionnaire: questionnaire, id: "interview-\(k)", interviewer: "maria",
                                          startedAt: 0)
            guard case .question(let p) = interview.screen else { Issue.record("no question"); return }
            let codes = p.options.map(\.code)
            orders.insert(codes)
            first[codes[0], default: 0] += 1
            #expect(Array(codes.suffix(2)) == [8, 9], "fixed options keep their places")
            let grid = questionnaire.question(named: "aspetti")!
            let items = interview.shownOrder(of: grid).map { grid.gridItems[$0].name }
            #expect(items.last == "nel_complesso", "a fixed grid item keeps its place")
            gridFirst[items[0], default: 0] += 1
        }
        #expect(orders.count >= 4, "different ids give different orders")
        #expect(Set(first.keys) == [1, 2, 3, 4], "only movable options start the list")
        for (code, count) in first {
            #expect(abs(count - n / 4) < n / 20, "option \(code) starts the list \(count) times of \(n)")
        }
        #expect(Set(gridFirst.keys) == ["attesa", "cortesia", "chiarezza"])
        for (item, count) in gridFirst {
            #expect(abs(count - n / 3) < n / 20, "item \(item) comes first \(count) times of \(n)")
        }
    }

    /// An interview id whose grid does not start with its first item.
    static func rotatedGridID() throws -> String {
        let questionnaire = try EngineRun.questionnaire(source)
        let grid = try #require(questionnaire.question(named: "aspetti"))
        return try #require((0..<50).map { "I-\($0)" }.first { id in
            let interview = try? Interview(questionnaire: questionnaire, id: id, interviewer: "maria", startedAt: 0)
            return interview.map { $0.shownOrder(of: grid).first != 0 } ?? false
        })
    }

    @Test func orderShownIsRecordedAndCodesKeepTheirMeaning() throws {
        var run = try EngineRun(Self.source, id: Self.rotatedGridID())
        let shown = Self.codes(run)
        try run.answers("tel 3")
        let items = run.prompt?.items.map(\.name) ?? []
        var asked: [String] = []
        for value in ["1", "2", "3", "4"] {
            asked.append(run.at)
            #expect(run.prompt?.currentItem == asked.count - 1, "the highlight moves down the rows shown")
            try run.answers(value)
        }
        #expect(asked == items, "grid items are answered in turn, in the order shown")
        try run.answers("1")
        #expect(run.at == "end:complete")
        let record = try run.finish()
        #expect(record["answers"]?["canali"] == .array([.int(1), .int(3)]))
        #expect(record["paradata"]?["order"] == .object([
            ("canali", .array(shown.map { .int($0) })),
            ("aspetti", .array(items.map { .string($0) })),
        ]), "codes for options, item names for grids; unrotated and skipped questions are not listed")
    }

    @Test func backThroughARotatedGridKeepsTheItemsAbove() throws {
        var run = try EngineRun(Self.source, id: Self.rotatedGridID())
        try run.answers("1")
        let items = run.prompt?.items.map(\.name) ?? []
        try run.answers("1", "2", "3", "4")
        #expect(run.at == "sesso")
        try run.back()
        #expect(run.at == items[3])
        #expect(run.prompt?.prefill == "4")
        try run.back()
        #expect(run.at == items[2])
        #expect(run.prompt?.prefill == "3")
        #expect(run.prompt?.items.map(\.value) == ["1", "2", nil, nil])
        try run.answers("5")
        #expect(run.at == items[3])
        try run.answers("4", "1")
        let answers = try run.finish()["answers"]
        #expect(answers?[items[0]] == .int(1))
        #expect(answers?[items[1]] == .int(2))
        #expect(answers?[items[2]] == .int(5))
        #expect(answers?[items[3]] == .int(4))
    }
}

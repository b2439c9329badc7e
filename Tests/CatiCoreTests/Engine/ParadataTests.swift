import Testing
@testable import CatiCore

/// `paradata`: seconds per question summed over visits, visits when more than one,
/// interviewer notes with the question they were taken at.
struct ParadataTests {
    static let source = """
    survey p "Paradata"
    single tipo "Tipo"
      1 privato "Privato"
      8 altro "Altro" other
    scale voto "Voto" 1..10
    grid aspetti "Aspetti" scale 1..5
      attesa "Attesa"
      cortesia "Cortesia"
    info fine "Fine"
    """

    @Test func secondsAreSummedOverVisits() throws {
        var run = try EngineRun(Self.source)
        try run.answer("1", after: 3)
        try run.answer("x", after: 2)      // refused: the time still counts for voto
        try run.back(after: 4)             // voto: 2 + 4
        try run.answer("1", after: 2.5)    // tipo: 3 + 2.5
        try run.answer("7", after: 1.5)    // voto: 6 + 1.5
        try run.answer("4", after: 10)
        try run.answer("5", after: 20)
        try run.answer("", after: 1)
        try run.answer("", after: 100)     // the ending screen counts for no question
        let paradata = try #require(run.record["paradata"])
        #expect(paradata["seconds"] == .object([
            ("tipo", .double(5.5)), ("voto", .double(7.5)), ("attesa", .double(10)), ("cortesia", .double(20)),
            ("fine", .double(1)),
        ]))
        #expect(paradata["visits"] == .object([("tipo", .int(2)), ("voto", .int(2))]), "visits only when more than one")
        #expect(run.record["started"] == .string("1970-01-12T13:46:40Z"))
        #expect(run.record["finished"] == .string("1970-01-12T13:49:04Z"))
    }

    @Test func theSpecificationCountsForItsQuestion() throws {
        var run = try EngineRun(Self.source)
        try run.answer("8", after: 2)
        try run.answer("", after: 1)
        try run.answer("via web", after: 4)
        #expect(run.at == "voto")
        #expect(run.paradata["seconds"]?["tipo"] == .double(7))
        #expect(run.paradata["visits"] == .object([]), "the specification is not a second visit")
    }

    @Test func noVisitsWhenEveryQuestionWasSeenOnce() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1", "7", "4", "5", "")
        _ = try run.finish()
        #expect(run.paradata["visits"] == .object([]))
    }

    @Test func notesRecordWhereTheyWereTaken() throws {
        var run = try EngineRun(Self.source)
        #expect(try run.perform(.note("richiamare dopo le 18")) == .moved)
        #expect(run.at == "tipo", "a note does not move the interview")
        try run.perform(.note("   "))
        try run.answers("1", "7", "4")
        try run.perform(.note(" parla piano "))
        try run.answers("5", "")
        let record = try run.finish()
        #expect(record["paradata"]?["notes"] == .array([
            .object([("at", .string("tipo")), ("text", .string("richiamare dopo le 18"))]),
            .object([("at", .string("cortesia")), ("text", .string("parla piano"))]),
        ]), "an empty note is not kept")
    }

    @Test func paradataMembersInOrder() throws {
        var run = try EngineRun(Self.source)
        try run.answers("1", "7", "4", "5", "")
        let record = try run.finish()
        #expect(EngineRun.keys(record["paradata"]) == ["seconds", "visits", "order", "warnings_confirmed", "notes"])
    }
}

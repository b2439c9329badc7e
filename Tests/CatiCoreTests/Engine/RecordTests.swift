import Testing
@testable import CatiCore

/// The interview record of data.md, as `record()` builds it.
struct RecordTests {
    static let source = """
    survey cc_parma "Soddisfazione degli utenti"
    version 3
    single consenso "Consenso"
      1 si "Sì"
      2 no "No"
    multi canali "Canali" allow refused
      1 "Telefono"
      2 "E-mail"
      3 "Fax"
    number spesa "Spesa" range 0..100 decimals 2
    number eta "Età" range 18..99
    number figli "Figli" range 0..10 allow refused
    scale attesa "Attesa" 1..10 allow dk
    text perche "Perché" max 50
    single motivo "Motivo"
      1 "Anagrafe"
      9 "Altro" other
    compute media = (attesa + eta) / 2
    compute contento = attesa >= 8
    compute meta = eta / 2
    info fine "Fine"
    """
    /// `printf '%s' "$source" | sha256sum`
    static let sha256 = "8d1f62ad70e5a87f9a3d568c1c5bc448e0917be3d57459d5ddc4b2a8d1790992"

    static let started = 1_795_943_523.4   // 2026-11-29T09:12:03.4Z

    func interview() throws -> EngineRun {
        var run = try EngineRun(Self.source, id: "01JDX4ABCD", interviewer: "maria", startedAt: Self.started)
        _ = try run.play(["1", "3 1", "12,5", "41", "F4", "F3", "è \"lento\"", "9", "passaporto", ""])
        return run
    }

    @Test func wholeRecord() throws {
        var run = try interview()
        let record = try run.finish()
        #expect(record.serialized == """
            {"survey":"cc_parma","version":3,"questionnaire_sha256":"\(Self.sha256)",\
            "id":"01JDX4ABCD","respondent":null,"interviewer":"maria","status":"complete",\
            "started":"2026-11-29T09:12:03Z","finished":"2026-11-29T09:12:14Z",\
            "answers":{"consenso":1,"canali":[1,3],"spesa":12.5,"eta":41,"figli":{"missing":"refused"},\
            "attesa":{"missing":"dk"},"perche":"è \\"lento\\"","motivo":9,"motivo_other":"passaporto",\
            "contento":false,"meta":20.5},\
            "quota_cells":{},\
            "paradata":{"seconds":{"consenso":1,"canali":1,"spesa":1,"eta":1,"figli":1,"attesa":1,"perche":1,\
            "motivo":2,"fine":1},"visits":{},"order":{},"warnings_confirmed":[],"notes":[]}}
            """)
        #expect(!record.serialized.contains("\n"), "one record, one line")
    }

    @Test func keysInTheOrderOfDataMd() throws {
        var run = try interview()
        let record = try run.finish()
        #expect(EngineRun.keys(record) == ["survey", "version", "questionnaire_sha256", "id", "respondent",
                                           "interviewer", "status", "started", "finished", "answers",
                                           "quota_cells", "paradata"])
    }

    @Test func versionDefaultsToOne() throws {
        var run = try EngineRun("survey s \"S\"\ninfo fine \"Fine\"")
        try run.answers("")
        #expect(try run.finish()["version"] == .int(1))
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_709_251_199.999, "2024-02-29T23:59:59Z"),
        (1_795_943_523.4, "2026-11-29T09:12:03Z"),
        (4_102_444_800, "2100-01-01T00:00:00Z"),
    ])
    func timestampsAreRFC3339InUTC(seconds: Double, text: String) throws {
        var run = try EngineRun("survey s \"S\"\ninfo fine \"Fine\"", startedAt: seconds)
        run.step = 0
        try run.answers("")
        let record = try run.finish()
        #expect(record["started"] == .string(text))
        #expect(record["finished"] == .string(text))
    }

    @Test(arguments: [
        ("number q \"Q\" range 0..100", "7", "7"),
        ("number q \"Q\" range -10..10", "-3", "-3"),
        ("number q \"Q\" range 0..100 decimals 1", "7,5", "7.5"),
        ("number q \"Q\" range 0..100 decimals 1", "7", "7"),
        ("number q \"Q\" range 0..100000", "100000", "100000"),
        ("multi q \"Q\"\n  10 \"A\"\n  2 \"B\"\n  7 \"C\"", "10 7 2", "[2,7,10]"),
        ("scale q \"Q\" 0..10", "0", "0"),
        ("text q \"Q\"", "a\\b/c", #""a\\b/c""#),
        ("single q \"Q\" allow dk\n  1 \"A\"", "F3", #"{"missing":"dk"}"#),
        ("text q \"Q\" allow refused", "F4", #"{"missing":"refused"}"#),
    ])
    func valuesAsJSON(question: String, typed: String, json: String) throws {
        var run = try EngineRun("survey s \"S\"\n\(question)\ninfo fine \"Fine\"")
        try run.press(typed)
        #expect(run.at == "fine")
        #expect(run.answersJSON == #"{"q":\#(json)}"#)
    }

    @Test(arguments: [(InterviewStatus.refused, "refused"), (InterviewStatus.breakOff, "break-off")])
    func endedByTheInterviewer(status: InterviewStatus, text: String) throws {
        var run = try EngineRun(Self.source)
        try run.answers("1")
        #expect(try run.perform(.end(status, reason: " non ha tempo ")) == .finished(status))
        let record = run.record
        #expect(record["status"] == .string(text))
        #expect(record["answers"]?.serialized == #"{"consenso":1}"#)
        #expect(record["paradata"]?["end_reason"] == .string("non ha tempo"))
        #expect(try run.answer("2") == .finished(status), "a finished interview takes no more answers")
    }

    @Test func onlyRefusedOrBreakOffCanBeChosen() throws {
        var run = try EngineRun(Self.source)
        #expect(try run.perform(.end(.complete, reason: "")) != .finished(.complete))
        #expect(run.interview.status == nil)
        #expect(run.at == "consenso")
    }
}

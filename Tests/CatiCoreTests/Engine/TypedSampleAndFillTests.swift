import Testing
@testable import CatiCore

/// Typed sample variables (extension): `number` with `range`/`decimals`, `text` with
/// `max`/`pattern`, checked when the sample file is loaded (row and column named, the
/// other rows kept); fills of `{NAME_other}` and of code labels.
struct TypedSampleAndFillTests {
    static let typed = """
    survey t "Typed sample"
    sample contatti number "Contatti" range 0..99
    sample spesa number "Spesa" range 0..1000 decimals 2
    sample operatore text "Operatore" max 5 pattern "[A-Z]{2}[0-9]+"
    sample libero text "Note"
    single q "Q?"
      1 a "A"
    """

    static func load(_ rows: [String]) throws -> SampleFile {
        let text = (["id,contatti,spesa,operatore,libero"] + rows).joined(separator: "\n") + "\n"
        return try SampleFile.parse(text, for: EngineRun.questionnaire(Self.typed), file: "s.csv")
    }

    @Test func cellsThatFitAreKeptWithTheirValues() throws {
        let sample = try Self.load(["R1,12,10.5,AB12,anything at all", "R2,,,,", "R3,0,\"1000,00\",XY1,"])
        #expect(sample.problems == [])
        #expect(sample.rows.map(\.id) == ["R1", "R2", "R3"])
        var run = try EngineRun(Self.typed, sample: sample.row(id: "R1")!.fields.merging(["id": "R1"]) { $1 })
        try run.answers("1")
        #expect(run.answersJSON.contains(#""contatti":12,"spesa":10.5,"operatore":"AB12""#), "\(run.answersJSON)")
    }

    /// Each bad cell is named by line and column with what is wrong; the row is left
    /// out and every other row stays usable.
    @Test(arguments: [
        ("R9,abc,,,", "s.csv:3: column 'contatti': 'abc' is not a number; row left out"),
        ("R9,100,,,", "s.csv:3: column 'contatti': 100 is outside the range 0..99; row left out"),
        ("R9,5,2.555,,", "s.csv:3: column 'spesa': '2.555' has 3 decimals; at most 2 allowed; row left out"),
        ("R9,5,1000.01,,", "s.csv:3: column 'spesa': 1000.01 is outside the range 0..1000; row left out"),
        ("R9,,,ABCDEF1,", "s.csv:3: column 'operatore': the text has 7 characters; at most 5 allowed; row left out"),
        ("R9,,,ab12,", "s.csv:3: column 'operatore': 'ab12' does not match the pattern \"[A-Z]{2}[0-9]+\"; row left out"),
    ])
    func aBadCellIsNamedAndItsRowLeftOut(row: String, problem: String) throws {
        let sample = try Self.load(["R1,1,1,AB1,", row, "R3,2,2,CD2,"])
        #expect(sample.problems == [problem])
        #expect(sample.rows.map(\.id) == ["R1", "R3"])
    }

    @Test func theAttributesAreCheckedByCatiCheck() {
        let bad = QuestionnaireChecker.check("""
        survey t "T"
        sample n number "N" max 5
        sample s text "S" range 1..2
        sample p text "P" pattern "(["
        sample d number "D" range 1..2 range 1..3
        """)
        let messages = bad.diagnostics.map { "\($0.location.line): \($0.message)" }
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains("2: 'max' does not apply to a sample number question"), "\(messages)")
        #expect(messages.contains("3: 'range' does not apply to a sample text question"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("4: invalid pattern") }, "\(messages)")
        #expect(messages.contains("5: 'range' is given twice; keep one"), "\(messages)")
    }

    // MARK: - Fills

    static let fills = """
    survey f "Fills"
    sample regione single "Regione"
      1 nord "Nord-Est"
      2 sud "Sud e isole"
    single motivo "Motivo?"
      1 tributi "Tributi"
      9 altro "Altro" other
    multi canali "Canali?"
      1 tel "Telefono"
      2 mail "E-mail"
      8 altro "Altro canale" other
    info eco "Motivo: {motivo} ({motivo_other}); canali: {canali}; altro canale: {canali_other}; regione: {regione}."
    warn motivo = altro "Controllare: {motivo_other} ({regione})"
    terminate "Grazie, {regione}: {motivo}." if canali has mail
    """

    @Test func otherSpecificationsAndCodeLabelsAreFilled() throws {
        var run = try EngineRun(Self.fills, sample: ["id": "R1", "regione": "sud"])
        try run.answers("9", "ritiro rifiuti ingombranti", "1 8", "fax")
        #expect(run.prompt?.text == "Motivo: Altro (ritiro rifiuti ingombranti); canali: Telefono, Altro canale; "
                + "altro canale: fax; regione: Sud e isole.")
        try run.answers("")
        #expect(run.rule?.message == "Controllare: ritiro rifiuti ingombranti (Sud e isole)")
    }

    @Test func anOtherSpecificationGoneWithItsAnswerFillsEmpty() throws {
        var run = try EngineRun(Self.fills, sample: ["id": "R1", "regione": "nord"])
        try run.answers("9", "ingombranti")
        try run.back()
        try run.back()
        try run.answers("1", "1 2")
        #expect(run.prompt?.text == "Motivo: Tributi (); canali: Telefono, E-mail; altro canale: ; regione: Nord-Est.")
        try run.answers("")
        #expect(run.at == "end:screened-out")
        #expect(run.ending?.text == "Grazie, Nord-Est: Tributi.")
    }

    @Test func anOtherFillNeedsAQuestionWithAnOtherOption() {
        let result = QuestionnaireChecker.check("""
        survey f "F"
        single q "Q?"
          1 a "A"
        info i "{q_other}"
        """)
        #expect(result.diagnostics.map(\.message) == ["the fill {q_other} names no question"], "\(result.diagnostics)")
    }
}

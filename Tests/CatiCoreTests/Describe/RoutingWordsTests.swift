import CatiCore
import Testing

/// The routing of `cati doc` in words: every arm of an if/elseif/else, nested blocks,
/// a question's own `if`, terminate conditions and formulas.
@Suite struct RoutingWordsTests {
    static let source = """
    survey t "Routing"
    version 1
    single a "A?"
      1 x "Ics"
      2 y "Ipsilon"
      3 z "Zeta"
    multi m "M?"
      1 uno "Uno"
      2 due "Due"
    if a = x
      number n1 "N1" range 1..5
    elseif a = y
      number n2 "N2" range 1..5 allow dk
      if n2 > 3
        text t1 "Why {n2}?" max 10
      end
    else
      number n3 "N3" range 1..5 if m has due and not dk(a)
    end
    terminate "Bye" if a in (y, z) and n2 <= 2
    compute total = (n1 + n3) / 2 - n2 * 3
    number last "L" range 0..9
    """

    static func doc() throws -> QuestionnaireDoc {
        let checked = QuestionnaireChecker.check(source)
        return QuestionnaireDoc(try #require(checked.questionnaire, "\(checked.diagnostics)"))
    }

    static func askedIf(_ doc: QuestionnaireDoc, _ name: String) -> [String]? {
        for step in doc.steps { if case .question(let q) = step, q.name == name { return q.askedIf } }
        return nil
    }

    @Test func everyArmCarriesItsConditionAndTheEarlierArmsNegated() throws {
        let doc = try Self.doc()
        #expect(Self.askedIf(doc, "a") == [])
        #expect(Self.askedIf(doc, "n1") == ["a is “Ics”"])
        #expect(Self.askedIf(doc, "n2") == ["a is not “Ics” (or not answered)", "a is “Ipsilon”"])
        #expect(Self.askedIf(doc, "t1") == ["a is not “Ics” (or not answered)", "a is “Ipsilon”", "n2 is more than 3"])
        #expect(Self.askedIf(doc, "n3") == ["a is not “Ics” (or not answered)", "a is not “Ipsilon” (or not answered)",
                                           "m includes “Due” and a is not “don't know”"])
        #expect(Self.askedIf(doc, "last") == [], "after the block: always asked")
    }

    @Test func endingsFormulasAndFillsInWords() throws {
        let doc = try Self.doc()
        var ending: String?
        var formula: String?
        var t1Text: String?
        for step in doc.steps {
            switch step {
            case .ending(let text, let condition, _): ending = "\(text) if \(condition ?? "")"
            case .compute(let name, let f, _) where name == "total": formula = f
            case .question(let q) where q.name == "t1": t1Text = q.text
            default: break
            }
        }
        #expect(ending == "Bye if a is “Ipsilon” or “Zeta” and n2 is 2 or less")
        #expect(formula == "(n1 + n3) / 2 - n2 * 3")
        #expect(t1Text == "Why {n2}?")
    }

    /// `{NAME_other}` is written with the question's name, as typed, not its number.
    @Test func anOtherFillIsWrittenByTheQuestionsName() throws {
        let checked = QuestionnaireChecker.check("""
        survey t "Other"
        version 1
        number n "N" range 1..5
        single motivo "Perché?"
          1 a "A"
          2 altro "Altro" other
        info eco "Lei ha detto: {motivo} ({motivo_other}), {n}."
        """)
        let doc = QuestionnaireDoc(try #require(checked.questionnaire, "\(checked.diagnostics)"))
        var text: String?
        for step in doc.steps { if case .question(let q) = step, q.name == "eco" { text = q.text } }
        #expect(text == "Lei ha detto: {motivo} ({motivo_other}), {n}.")
    }

    /// A loop round's `{LOOP}` fill is written as the round's label in `cati doc`.
    @Test func aLoopRoundsFillIsWrittenAsItsLabel() throws {
        let checked = QuestionnaireChecker.check("""
        survey t "Loops"
        version 1
        multi servizi "Quali servizi?"
          1 anagrafe "Anagrafe"
          2 tributi "Tributi"
        loop servizio over servizi
          number voto "Voto al servizio {servizio}?" range 1..10
        end
        """)
        let doc = QuestionnaireDoc(try #require(checked.questionnaire, "\(checked.diagnostics)"))
        var texts: [String: String] = [:]
        for step in doc.steps { if case .question(let q) = step { texts[q.name] = q.text } }
        #expect(texts["voto_2"] == "Voto al servizio Tributi?", "\(texts)")
        #expect(texts["voto_1"] == "Voto al servizio Anagrafe?", "\(texts)")
    }
}

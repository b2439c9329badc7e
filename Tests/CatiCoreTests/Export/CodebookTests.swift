import Foundation
import Testing
@testable import CatiCore

/// The codebook of the bundled survey, as a researcher reads it: texts, kinds, codes,
/// missing codes and routing conditions taken from the questionnaire.
@Suite struct CodebookTests {
    static func ccParma() throws -> Questionnaire {
        let bytes = try CorpusFiles.bytes("cc_parma.cati", in: CorpusFiles.questionnairesFolder)
        return try #require(QuestionnaireChecker.check(SourceText(bytes: bytes)).questionnaire)
    }

    @Test func everyAnsweredVariableHasOneEntryInQuestionnaireOrder() throws {
        let q = try Self.ccParma()
        let book = Codebook(questionnaire: q)
        #expect(book.entries.map(\.name) == q.answerableVariables.map(\.name))
        #expect(book.entries.first?.name == "consenso")
        #expect(book.entry(named: "intro") == nil, "an info screen holds no value")
    }

    @Test func singleQuestionCarriesItsTextCodesAndLabels() throws {
        let book = Codebook(questionnaire: try Self.ccParma())
        let tipo = try #require(book.entry(named: "tipo"))
        #expect(tipo.kind == .single)
        #expect(tipo.questionText == "Lei ha contattato il Contact Center come...")
        #expect(tipo.values.map(\.code) == [1, 2, 3])
        #expect(tipo.values.map(\.label) == ["Privato cittadino", "Azienda / professionista", "Ente pubblico o associazione"])
        #expect(tipo.values.map(\.codeName) == ["privato", "azienda", "ente"])
        #expect(tipo.missing.isEmpty, "tipo allows neither don't know nor refused")
        let motivo = try #require(book.entry(named: "motivo"))
        #expect(motivo.otherTextName == "motivo_other")
    }

    @Test func scaleGridAndNumberGetMissingCodesAboveTheirRange() throws {
        let book = Codebook(questionnaire: try Self.ccParma())
        let voto = try #require(book.entry(named: "voto"))
        #expect(voto.kind == .scale)
        #expect(voto.range == 1...10)
        #expect(voto.values.map(\.code) == [1, 10] && voto.values.map(\.label) == ["Pessimo", "Ottimo"])
        #expect(voto.missing.dk == "98" && voto.missing.refused == nil)
        #expect(voto.missing.dkLabel == "Non sa")
        let attesa = try #require(book.entry(named: "attesa"))
        #expect(attesa.kind == .gridItem && attesa.grid == "aspetti")
        #expect(attesa.itemText == "Tempo di attesa prima di parlare con un operatore")
        #expect(attesa.questionText.hasPrefix("Ora le leggerò alcuni aspetti del servizio."))
        #expect(attesa.questionText.hasSuffix(" — Tempo di attesa prima di parlare con un operatore"))
        #expect(attesa.missing.dk == "98")
        let chiamate = try #require(book.entry(named: "chiamate"))
        #expect(chiamate.kind == .number && chiamate.range == 1...99)
        #expect(chiamate.missing.dk == "998", "99 is a valid answer, so don't know is 998")
        let consiglia = try #require(book.entry(named: "consiglia"))
        #expect(consiglia.missing.dk == "8")
        let eta = try #require(book.entry(named: "eta"))
        #expect(eta.missing.dk == nil && eta.missing.refused == "9")
        let perche = try #require(book.entry(named: "perche"))
        #expect(perche.missing.dk == "[dk]" && perche.missing.refused == "[ref]")
        #expect(perche.maxLength == 300)
    }

    @Test(arguments: [(1, "8", "9"), (7, "8", "9"), (8, "98", "99"), (10, "98", "99"), (97, "98", "99"),
                      (98, "998", "999"), (99, "998", "999"), (5000, "9998", "9999")])
    func missingCodesNeverClashWithACode(highest: Int, dk: String, refused: String) {
        let pair = MissingCodes.numericPair(above: highest)
        #expect(pair.0 == dk && pair.1 == refused)
        #expect(Int(pair.0)! > highest)
    }

    @Test func routingConditionsComeFromIfBlocksAndQuestionConditions() throws {
        let book = Codebook(questionnaire: try Self.ccParma())
        #expect(book.entry(named: "ragione")?.condition == "tipo in (azienda, ente)")
        #expect(book.entry(named: "eta")?.condition == "not (tipo in (azienda, ente))")
        #expect(book.entry(named: "chiamate")?.condition == "canali has telefono")
        #expect(book.entry(named: "perche")?.condition == "voto <= 5")
        #expect(book.entry(named: "comune")?.condition == "tipo = privato and residenza = altro")
        #expect(book.entry(named: "sede")?.condition == "not (tipo = privato)")
        #expect(book.entry(named: "voto")?.condition == nil)
        #expect(book.entry(named: "attesa")?.condition == nil)
        #expect(book.entry(named: "media")?.computeExpression
                == "(attesa + cortesia + competenza + chiarezza + risoluzione + orari + accesso) / 7")
        #expect(book.entry(named: "insoddisfatto")?.kind == .computedCondition)
    }

    @Test func elseIfChainsNegateEveryEarlierArm() throws {
        let q = try EngineRunless.questionnaire("""
        survey s "S"
        version 1
        number age "Age?" range 0..120
        if age < 18
          text a "A?"
        elseif age < 65
          text b "B?"
        else
          text c "C?"
        end
        """)
        let book = Codebook(questionnaire: q)
        #expect(book.entry(named: "a")?.condition == "age < 18")
        #expect(book.entry(named: "b")?.condition == "not (age < 18) and age < 65")
        #expect(book.entry(named: "c")?.condition == "not (age < 18) and not (age < 65)")
    }

    @Test func markdownAndCSVShowTheEntriesTheBriefAsksFor() throws {
        let q = try Self.ccParma()
        let layout = ExportLayout(codebook: Codebook(questionnaire: q), questionnaire: q, multi: .columnPerCode, paradata: false)
        let md = CodebookWriters.markdown(layout)
        #expect(md.contains("## `canali`"))
        #expect(md.contains("- columns: `canali_1`, `canali_2`, `canali_3`, `canali_4`"))
        #expect(md.contains("## `aspetti` (grid)"))
        #expect(md.contains("### `attesa`"))
        #expect(md.contains("- asked when: `canali has telefono`"))
        #expect(md.contains("| 98 | Non sa (missing: don't know) |"))
        let csv = String(decoding: CodebookWriters.csv(layout, options: .init()), as: UTF8.self)
        #expect(csv.hasPrefix("variable,columns,kind,grid,question,range,code,label,missing,condition\r\n"))
        #expect(csv.contains("\r\nvoto,voto,scale,,\"Considerando tutti gli aspetti, che voto darebbe nel complesso al Contact Center, da 1 a 10?\",1..10,98,Non sa,dk,\r\n"))
    }
}

/// Checks a questionnaire source without an interview.
enum EngineRunless {
    static func questionnaire(_ source: String) throws -> Questionnaire {
        try EngineRun.questionnaire(source)
    }
}

@Suite struct ExportLayoutNameTests {
    @Test func anSPSSReservedWordGetsAnUnderscoreAndADuplicateASuffix() throws {
        let q = try EngineRun.questionnaire("""
        survey s "S"
        version 1
        number with "With?" range 0..9
        number seconds "Seconds?" range 0..9
        """)
        let book = Codebook(questionnaire: q)
        let spss = ExportLayout(codebook: book, questionnaire: q, multi: .columnPerCode, paradata: false,
                                reserved: SPSSSyntax.reservedWords)
        #expect(spss.columns.map(\.name).suffix(4) == ["with_", "seconds", "seconds_2", "notes"])
        let csv = ExportLayout(codebook: book, questionnaire: q, multi: .columnPerCode, paradata: false)
        #expect(csv.columns.map(\.name).suffix(4) == ["with", "seconds", "seconds_2", "notes"])
    }
}

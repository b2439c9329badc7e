import CatiTestSupport
import Foundation
import Testing
@testable import CatiCore

/// The quota table of `cati quotas` and the monitor (cli.md), and the cell labels and
/// rules of language.md "Quotas", without files.
struct QuotaTableTests {
    static let source = """
    survey tavola "Quote"
    single tipo "Tipo"
      1 privato "Privato"
      2 azienda "Azienda"
      3 ente "Ente"
      4 "Altro"
    single motivo "Motivo"
      1 anagrafe "Anagrafe"
      2 tributi "Tributi"
      3 "Altro"
    quota tipo_motivo "Quote per tipologia di utente e motivo della chiamata" by tipo, motivo
      privato, anagrafe: 120
      1, 2:              120
      privato, 3:        10
      azienda, *:        200
      4, *:              5
      ente, 1:           100
    end
    quota per_tipo by tipo
      privato: 800
      azienda: 250
      ente:    150
    end
    """

    static func questionnaire(_ source: String = source) throws -> Questionnaire {
        try QuestionnaireText.check(source)
    }

    @Test func cellLabelsUseCodeNamesNumbersAndStars() throws {
        let q = try Self.questionnaire()
        #expect(q.quotas.map(\.name) == ["tipo_motivo", "per_tipo"])
        #expect(q.quotas[0].cells.map(\.label)
                == ["privato,anagrafe", "privato,tributi", "privato,3", "azienda,*", "4,*", "ente,anagrafe"])
        #expect(q.quotas[0].cells.map(\.target) == [120, 120, 10, 200, 5, 100])
        #expect(q.quotas[1].cells.map(\.label) == ["privato", "azienda", "ente"])
        #expect(q.quotas[0].title == "Quote per tipologia di utente e motivo della chiamata")
    }

    @Test(arguments: [([1, 1], "privato,anagrafe"), ([1, 2], "privato,tributi"), ([1, 3], "privato,3"),
                      ([2, 1], "azienda,*"), ([2, 3], "azienda,*"), ([4, 2], "4,*"), ([3, 1], "ente,anagrafe")])
    func eachCombinationFallsInItsOneCell(values: [Int], label: String) throws {
        let quota = try Self.questionnaire().quotas[0]
        #expect(quota.cell(for: values)?.label == label)
        #expect(quota.cells.filter { $0.matches(values) }.count == 1, "cells never overlap")
    }

    @Test(arguments: [[3, 2], [3, 3]])
    func aCombinationNoRowCoversHasNoCell(values: [Int]) throws {
        #expect(try Self.questionnaire().quotas[0].cell(for: values) == nil)
    }

    @Test func overlappingCellsAreACheckErrorAtTheLaterRow() throws {
        let source = """
        survey s "S"
        single tipo "Tipo"
          1 privato "Privato"
          2 azienda "Azienda"
        single motivo "Motivo"
          1 anagrafe "Anagrafe"
          2 tributi "Tributi"
        quota q by tipo, motivo
          privato, anagrafe: 10
          *, anagrafe: 5
        end
        """
        let result = QuestionnaireChecker.check(source)
        let errors = result.diagnostics.filter { $0.description.contains("error") }
        #expect(result.questionnaire == nil)
        #expect(errors.count == 1)
        #expect(errors.first?.description.hasPrefix("10:") == true, "\(errors.map(\.description))")
    }

    @Test func theJSONIsCliMdsWithCellsInQuestionnaireOrder() throws {
        let table = QuotaTable(questionnaire: try Self.questionnaire(),
                               complete: ["tipo_motivo": ["azienda,*": 57, "privato,anagrafe": 130, "gone,*": 4],
                                          "per_tipo": ["azienda": 57]],
                               inProgress: ["tipo_motivo": ["azienda,*": 2, "privato,3": 10]])
        let json = table.json.serialized
        #expect(json.hasPrefix(#"{"quotas":[{"name":"tipo_motivo","#))
        #expect(json.contains(#"{"cell":"azienda,*","target":200,"complete":57,"in_progress":2,"remaining":141}"#))
        #expect(json.contains(#"{"cell":"privato,anagrafe","target":120,"complete":130,"in_progress":0,"remaining":0}"#),
                "remaining is never below 0, even when a target was lowered under its completes")
        #expect(json.contains(#"{"cell":"privato,3","target":10,"complete":0,"in_progress":10,"remaining":0}"#))
        #expect(!json.contains("gone"), "only declared cells are listed")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let quotas = try #require(object["quotas"] as? [[String: Any]])
        #expect(quotas.map { $0["name"] as? String } == ["tipo_motivo", "per_tipo"])
        #expect((quotas[0]["cells"] as? [[String: Any]])?.compactMap { $0["cell"] as? String }
                == ["privato,anagrafe", "privato,tributi", "privato,3", "azienda,*", "4,*", "ente,anagrafe"])
        let perTipo = try #require(quotas[1]["cells"] as? [[String: Any]])
        #expect(perTipo.first { $0["cell"] as? String == "azienda" }?["remaining"] as? Int == 193)
        #expect(table.quotas[0].cells.first { $0.cell == "privato,anagrafe" }?.isFull == true)
        #expect(table.quotas[0].cells.first { $0.cell == "privato,3" }?.isFull == true,
                "a cell whose places are all held is full")
        #expect(table.quotas[0].cells.first { $0.cell == "azienda,*" }?.isFull == false)
    }

    @Test func theTextHasARowPerCellWithItsFourNumbers() throws {
        let table = QuotaTable(questionnaire: try Self.questionnaire(),
                               complete: ["tipo_motivo": ["azienda,*": 57, "privato,anagrafe": 120]],
                               inProgress: ["tipo_motivo": ["azienda,*": 2]])
        let lines = table.text.split(separator: "\n").map(String.init)
        func row(_ label: String) -> [String]? {
            lines.map { $0.split(separator: " ").map(String.init) }.first { $0.first == label }
        }
        #expect(row("azienda,*")?.prefix(5) == ["azienda,*", "200", "57", "2", "141"])
        #expect(row("privato,anagrafe")?.prefix(5) == ["privato,anagrafe", "120", "120", "0", "0"])
        #expect(row("privato,anagrafe")?.last == "FULL")
        #expect(row("4,*")?.prefix(5) == ["4,*", "5", "0", "0", "5"])
        #expect(lines.first?.hasPrefix("tipo_motivo") == true)
        #expect(lines.contains { $0.hasPrefix("per_tipo") })
    }
}

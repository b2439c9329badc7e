import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// `cati doc` on the bundled questionnaire, read as the client would read it.
@Suite struct DocCommandTests {
    static func doc(_ format: String) async throws -> String {
        let scratch = try ScratchFolder("doc")
        let result = try await ChildProcess.run([try ChildProcess.cati(), "doc", SimFiles.ccParma, "--format", format],
                                                directory: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        return result.stdout
    }

    @Test func markdownHasEveryQuestionItsRoutingChecksAndQuotas() async throws {
        let md = try await Self.doc("markdown")
        let q = try SimFiles.questionnaire(SimFiles.ccParma)
        for (k, question) in q.questions.enumerated() {
            #expect(md.contains("### \(k + 1). \(question.name) — "), "question \(question.name) listed")
        }
        // Routing in words, under the question it guards.
        func section(_ name: String) -> String {
            guard let start = md.range(of: ". \(name) — ") else { return "" }
            let rest = md[start.upperBound...]
            return String(rest.prefix(upTo: rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex))
        }
        #expect(section("ragione").contains("*Asked if:* tipo is “Azienda / professionista” or “Ente pubblico o associazione”"))
        #expect(section("eta").contains("*Asked if:* tipo is neither “Azienda / professionista” nor “Ente pubblico o associazione”"))
        #expect(section("chiamate").contains("*Asked if:* canali includes “Telefono”"))
        #expect(section("chiamate").contains("- Valid answer: from 1 to 99, whole numbers."))
        #expect(section("chiamate").contains("- Allowed besides an answer: don't know."))
        #expect(section("comune").contains("*Asked if:* tipo is “Privato cittadino”; and residenza is “No, in un altro comune”"))
        #expect(section("sede").contains("*Asked if:* tipo is not “Privato cittadino”"))
        #expect(section("perche").contains("> Lei ha dato un voto di {voto} su 10. Per quale motivo?"), "fills marked")
        #expect(section("perche").contains("*Asked if:* voto is 5 or less"))
        #expect(section("motivo").contains("| 9 | altro | Altro | asks to specify |"))
        #expect(section("consenso").contains("**The interview ends if consenso is “No”**: “La ringrazio comunque per la disponibilità. Buona giornata.”"))
        #expect(md.contains("**Warning** (shown when this holds; the interviewer may confirm): voto is 9 or more and attesa is 3 or less"))
        #expect(md.contains("> Voto complessivo molto alto ma tempo di attesa giudicato pessimo: rileggere i due voti"))
        #expect(md.contains("*Computed:* `media` = (attesa + cortesia + competenza + chiarezza + risoluzione + orari + accesso) / 7"))
        // Quotas as tables with their targets.
        #expect(md.contains("### tipo_motivo — Quote per tipologia di utente e motivo della chiamata"))
        #expect(md.contains("| privato,anagrafe | 180 |") && md.contains("| ente,* | 150 |") && md.contains("| **total** | 1200 |"))
        #expect(md.contains("| azienda | 250 |"))
    }

    @Test func htmlIsOnePageWithFillsMarked() async throws {
        let html = try await Self.doc("html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("src="))
        #expect(html.contains("Lei ha dato un voto di <span class=\"fill\">{voto}</span> su 10."))
        #expect(html.contains("Asked if: tipo is “Azienda / professionista” or “Ente pubblico o associazione”"))
        #expect(html.contains("<tr><td>privato,anagrafe</td><td>180</td></tr>"))
    }
}

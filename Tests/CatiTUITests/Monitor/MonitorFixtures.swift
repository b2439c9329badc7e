import CatiCore
@testable import CatiTUI
import Testing

/// A small survey with one quota of three cells, records made by hand, and the
/// figures and screens built from them at a fixed time (UTC, so "today" is the UTC day).
enum MonitorFixtures {
    static let source = """
        survey mon "Monitor test"
        version 1
        single tipo "Tipo?"
          1 privato "Privato cittadino"
          2 azienda "Azienda"
          3 ente "Ente pubblico"
        number voto "Voto?" range 1..10
        quota per_tipo "Per tipo" by tipo
          privato: 20
          azienda: 4
          ente: 10
        end
        """

    static let noQuotas = """
        survey plain "No quotas"
        version 1
        number voto "Voto?" range 1..10
        """

    static func questionnaire(_ text: String = source) throws -> Questionnaire {
        try ScreenRun.questionnaire(text)
    }

    /// 2026-12-06 10:00:00 UTC.
    static let now = 1_796_551_200.0

    static func record(_ interviewer: String, _ status: InterviewStatus = .complete, tipo: String? = "privato",
                       endedMinutesAgo: Double, seconds: Double = 300) -> MonitorRecord {
        let finished = now - endedMinutesAgo * 60
        return MonitorRecord(interviewer: interviewer, status: status.rawValue, started: finished - seconds,
                             finished: finished,
                             cells: tipo.map { [QuotaCellName(quota: "per_tipo", cell: $0)] } ?? [])
    }

    static func figures(_ records: [MonitorRecord], live: [LiveInterview] = [], places: [String: [String: Int]] = [:],
                        questionnaire text: String = source, until: Double? = nil) throws -> MonitorFigures {
        var tally = MonitorTally()
        for r in records { tally.add(r) }
        return MonitorFigures(questionnaire: try questionnaire(text), tally: tally, live: live, places: places,
                              now: now, until: until)
    }

    static func live(_ interviewer: String, _ state: LiveInterview.State, question: String? = "voto",
                     startedMinutesAgo: Double = 4) -> LiveInterview {
        LiveInterview(id: "01\(interviewer.uppercased())", interviewer: interviewer, respondent: "R-\(interviewer)",
                      question: question, started: now - startedMinutesAgo * 60, lastActivity: now - 30, state: state)
    }
}

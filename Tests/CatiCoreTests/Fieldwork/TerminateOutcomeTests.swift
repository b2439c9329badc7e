import Testing
@testable import CatiCore

/// `terminate … as OUTCOME`: the ending's call outcome, in the record and for calls.jsonl.
struct TerminateOutcomeTests {
    static let source = """
    survey demo "Esempio"
    single consenso "Possiamo farle alcune domande?"
      1 si "Sì"
      2 no "No"
    terminate "La ringrazio comunque." as refusal-hard if consenso = no
    number eta "Età?" range 0..120
    terminate "Solo maggiorenni." if eta < 18
    """

    func run(_ answers: [String]) throws -> Interview {
        let q = try #require(QuestionnaireChecker.check(Self.source).questionnaire)
        var i = try Interview(questionnaire: q, id: "T1", interviewer: "maria", startedAt: 1000)
        for (k, a) in answers.enumerated() { try i.perform(.answer(a), at: 1001 + Double(k)) }
        return i
    }

    @Test func aTerminateAsRefusalHardIsAHardRefusalInTheRecordAndTheCallLog() throws {
        let i = try run(["2", ""])
        #expect(i.status == .screenedOut, "the record's status stays a data.md status")
        #expect(i.callOutcome == .refusalHard)
        let record = i.record()
        #expect(record["outcome"] == .string("refusal-hard"))
        #expect(CallOutcome(record: record) == .refusalHard)
        #expect(CallOutcome.refusalHard.aapor == "2.112")
    }

    @Test func aPlainTerminateIsScreenedOutAndACompleteIsComplete() throws {
        let minor = try run(["1", "15", ""])
        #expect(minor.callOutcome == .screenedOut)
        #expect(minor.record()["outcome"] == nil)
        #expect(CallOutcome(record: minor.record()) == .screenedOut)
        let adult = try run(["1", "40", ""])
        #expect(adult.callOutcome == .complete)
    }

    @Test(arguments: ["complete", "appointment", "quota-filled", "maybe"])
    func anOutcomeATerminateCannotMeanIsAnError(name: String) {
        let source = Self.source.replacingOccurrences(of: "as refusal-hard", with: "as \(name)")
        let result = QuestionnaireChecker.check(source)
        #expect(result.questionnaire == nil)
        #expect(result.diagnostics.contains { $0.description.contains("'\(name)' is not an outcome a 'terminate' can mean") })
    }
}

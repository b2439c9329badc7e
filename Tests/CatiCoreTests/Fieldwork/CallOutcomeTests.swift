import Testing
@testable import CatiCore

/// fieldwork.md's outcome table: name, AAPOR code, final; and the calls.jsonl line.
struct CallOutcomeTests {
    static let table: [(String, String, Bool)] = [
        ("complete", "1.1", true), ("break-off", "2.12", true), ("refusal-soft", "2.11", false),
        ("refusal-hard", "2.112", true), ("do-not-call", "2.112", true), ("appointment", "2.21", false),
        ("answering-machine", "2.221", false), ("answering-machine-message", "2.222", false),
        ("no-answer", "3.13", false), ("busy", "3.12", false), ("language", "2.33", true),
        ("unable", "2.32", true), ("fax", "4.20", true), ("disconnected", "4.30", true),
        ("wrong-number", "4.10", true), ("not-eligible", "4.70", true), ("screened-out", "4.70", true),
        ("over-quota", "4.80", true), ("quota-filled", "4.80", true),
    ]

    @Test(arguments: table)
    func eachOutcomeHasItsCodeAndFinality(name: String, code: String, final: Bool) throws {
        let outcome = try #require(CallOutcome(rawValue: name))
        #expect(outcome.aapor == code)
        #expect(outcome.isFinal == final)
    }

    @Test func theTableCoversEveryOutcome() {
        #expect(Set(Self.table.map(\.0)) == Set(CallOutcome.allCases.map(\.rawValue)))
    }

    @Test(arguments: [(InterviewStatus.complete, "complete"), (.screenedOut, "screened-out"), (.overQuota, "over-quota"),
                      (.refused, "refusal-hard"), (.breakOff, "break-off")])
    func anInterviewsEndingIsAnOutcome(status: InterviewStatus, name: String) {
        #expect(CallOutcome(status).rawValue == name)
    }

    @Test(arguments: [("1.1", AAPORGroup.interview), ("1.2", .partial), ("2.11", .refusal), ("2.112", .refusal),
                      ("2.12", .refusal), ("2.21", .nonContact), ("2.222", .nonContact), ("2.32", .other),
                      ("3.11", .unknownHousehold), ("3.13", .unknownHousehold), ("3.21", .unknownOther),
                      ("3.9", .unknownOther), ("4.10", .notEligible), ("4.80", .notEligible)])
    func codesFallInTheirRateGroups(code: String, group: AAPORGroup) {
        #expect(AAPORGroup(code: code) == group)
    }

    @Test func theSpecExampleLineIsWrittenFieldForField() throws {
        let at = try #require(Timestamp.parse("2026-11-29T09:12:03Z"))
        let attempt = CallAttempt(caseID: "R0017", attempt: 3, interviewer: "maria", at: at, outcome: .appointment,
                                  appointment: Timestamp.parse("2026-11-30T15:30:00Z"), note: "richiamare dopo le 15")
        #expect(attempt.line == #"{"case":"R0017","attempt":3,"interviewer":"maria","at":"2026-11-29T09:12:03Z","#
            + #""outcome":"appointment","aapor":"2.21","final":false,"appointment":"2026-11-30T15:30:00Z","#
            + #""interview":null,"note":"richiamare dopo le 15"}"#)
        let back = try CallAttempt(json: try #require(JSONParser.parseObject(Array(attempt.line.utf8))))
        #expect(back == attempt)
    }

    @Test func aLineWithAnUnknownOutcomeIsRefused() throws {
        let json = try #require(JSONParser.parseObject(Array(#"{"case":"R1","attempt":1,"at":"2026-11-29T09:12:03Z","outcome":"maybe"}"#.utf8)))
        #expect(throws: CallAttempt.ParseError.unknownOutcome("maybe")) { try CallAttempt(json: json) }
    }
}

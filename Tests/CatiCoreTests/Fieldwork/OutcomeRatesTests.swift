import Testing
@testable import CatiCore

/// AAPOR rates against examples worked by hand here (fieldwork.md: I = 1.1, P = 1.2,
/// R = 2.1x, NC = 2.2x, O = 2.3x, UH = 3.1x, UO = 3.2x–3.9x, NE = 4.x).
struct OutcomeRatesTests {
    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test func aMixedFieldworkGivesTheHandWorkedRates() {
        // I = 40; P = 0; R = 10 + 5 + 5 = 20; NC = 10; O = 5 → eligible 75.
        // UH = 20 + 10 = 30; UO = 0; NE = 15 + 5 = 20.
        let rates = AAPORRates(counts: ["1.1": 40, "2.11": 10, "2.112": 5, "2.12": 5, "2.21": 10, "2.32": 5,
                                        "3.11": 20, "3.13": 10, "4.70": 15, "4.80": 5])
        let e = 75.0 / 95.0
        #expect(close(rates.e, e))
        #expect(close(rates.rr1, 40.0 / 105.0))
        #expect(close(rates.rr2, 40.0 / 105.0))
        #expect(close(rates.rr3, 40.0 / (75.0 + e * 30.0)))
        #expect(close(rates.rr4, 40.0 / (75.0 + e * 30.0)))
        #expect(close(rates.coop1, 40.0 / 65.0))
        #expect(close(rates.ref1, 20.0 / 105.0))
        #expect(close(rates.con1, 65.0 / 105.0))
    }

    @Test func partialsCountInRR2AndRR4Only() {
        // I = 6, P = 2, R = 2, NC = 0, O = 0, UH = 0, UO = 4 (3.21), NE = 0.
        let rates = AAPORRates(counts: ["1.1": 6, "1.2": 2, "2.11": 2, "3.21": 4])
        #expect(close(rates.e, 1.0))
        #expect(close(rates.rr1, 6.0 / 14.0))
        #expect(close(rates.rr2, 8.0 / 14.0))
        #expect(close(rates.rr3, 6.0 / 14.0))
        #expect(close(rates.rr4, 8.0 / 14.0))
        #expect(close(rates.coop1, 6.0 / 10.0))
        #expect(close(rates.con1, 10.0 / 14.0))
    }

    @Test func aZeroDenominatorIsNull() {
        let never = AAPORRates(counts: ["3.11": 12])
        #expect(never.e == nil)
        #expect(close(never.rr1, 0))
        #expect(never.rr3 == nil, "e unknown and unknown-eligibility cases present")
        #expect(never.coop1 == nil)
        let empty = AAPORRates(counts: [:])
        #expect(empty.named.allSatisfy { $0.1 == nil })
        let report = OutcomeReport(cases: [])
        #expect(report.json.serialized == #"{"cases":[],"counts":{},"e":null,"rates":{"RR1":null,"RR2":null,"RR3":null,"RR4":null,"COOP1":null,"REF1":null,"CON1":null}}"#)
    }

    @Test func theReportListsEveryCaseOnceWithItsLastCode() {
        var book = CaseBook(ids: ["R1", "R2", "R3"])
        book.apply(CallAttempt(caseID: "R1", attempt: 1, interviewer: "maria", at: 0, outcome: .noAnswer))
        book.apply(CallAttempt(caseID: "R1", attempt: 2, interviewer: "luca", at: 7200, outcome: .complete, interview: "I1"))
        book.apply(CallAttempt(caseID: "R2", attempt: 1, interviewer: "maria", at: 0, outcome: .busy))
        let report = OutcomeReport(book: book, settings: FieldworkSettings())
        #expect(report.cases.map(\.id) == ["R1", "R2", "R3"])
        #expect(report.cases.map(\.aapor) == ["1.1", "3.12", "3.11"])
        #expect(report.cases.map(\.attempts) == [2, 1, 0])
        #expect(report.cases.map(\.final) == [true, false, false])
        #expect(report.counts.map(\.code) == ["1.1", "3.11", "3.12"])
        // I = 1, UH = 2: RR1 = 1/3; no NE: e = 1.
        #expect(report.json.serialized.hasSuffix(#""counts":{"1.1":1,"3.11":1,"3.12":1},"e":1,"rates":{"RR1":0.3333,"RR2":0.3333,"RR3":0.3333,"RR4":0.3333,"COOP1":1,"REF1":0,"CON1":0.3333}}"#))
        let groups = report.byInterviewer()
        #expect(groups.map(\.interviewer) == ["", "luca", "maria"])
        #expect(groups.map { $0.report.cases.map(\.id) } == [["R3"], ["R1"], ["R2"]])
    }

    @Test func theAttemptLimitClosesACaseWithItsLastCode() {
        var settings = FieldworkSettings()
        settings.maxAttempts = 3
        var book = CaseBook(ids: ["R1"])
        for k in 1...3 { book.apply(CallAttempt(caseID: "R1", attempt: k, interviewer: "m", at: Double(k) * 10_000, outcome: .noAnswer)) }
        let report = OutcomeReport(book: book, settings: settings)
        #expect(report.cases[0].final)
        #expect(report.cases[0].aapor == "3.13")
    }
}

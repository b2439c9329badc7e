import CatiCore
import Testing

/// The report's model on hand-made records: thresholds of other scales, missing answers,
/// quartiles, weights of an empty cell, figures that cannot be computed.
@Suite struct ReportModelTests {
    static let source = """
    survey s "Scales"
    version 3
    single g "Group?"
      1 a "A"
      2 b "B"
    scale five "Five?" 1..5 allow dk, refused
    scale eleven "Eleven?" 0..10
    number k "K?" range 0..100
    quota q "Q" by g
      a: 10
      b: 30
    end
    """

    static func report(_ answers: [String], options: ReportOptions = ReportOptions()) throws -> Report {
        let q = try #require(QuestionnaireChecker.check(source).questionnaire)
        let plan = try ReportPlan(questionnaire: q, options: options)
        var tally = ReportTally(plan: plan)
        var values = RecordValues(slots: plan.slotNames.count)
        for a in answers {
            let record = try #require(JSONParser.parse(#"{"version":3,"status":"complete","answers":{\#(a)}}"#))
            values.fill(from: record, plan: plan)
            tally.add(status: "complete", values)
        }
        return Report(tally: tally)
    }

    @Test func theLowerHalfOfEachScaleIsDissatisfiedUnlessAThresholdIsGiven() throws {
        let r = try Self.report([#""g":1,"five":1,"eleven":4"#, #""g":1,"five":2,"eleven":5"#,
                                 #""g":2,"five":3,"eleven":0"#, #""g":2,"five":{"missing":"dk"},"eleven":10"#])
        #expect(r.scales.map(\.dissatisfiedMax) == [2, 4], "1–5: 1 and 2; 0–10: 0 to 4")
        let five = r.scales[0].figures
        #expect(five.n == 3 && five.asked == 4 && five.dk == 1)
        #expect(five.dissatisfiedPct == 100 * 2.0 / 3.0)
        #expect(five.missingPct == 25)
        #expect(r.scales[1].figures.dissatisfiedPct == 50, "0 and 4 of 0, 4, 5, 10")
        let given = try Self.report([#""five":1,"eleven":4"#, #""five":3,"eleven":7"#],
                                    options: ReportOptions(dissatisfiedMax: 3))
        #expect(given.scales.map(\.dissatisfiedMax) == [3, 3])
        #expect(given.scales[0].figures.dissatisfiedPct == 100)
    }

    @Test func oneAnswerHasAMeanButNoInterval() throws {
        let r = try Self.report([#""g":1,"five":4"#])
        let f = r.scales[0].figures
        #expect(f.mean == 4 && f.ci95 == nil && f.sd == nil)
        #expect(r.scales[1].figures.n == 0 && r.scales[1].figures.mean == nil && r.scales[1].figures.missingPct == nil,
                "never asked: nothing, not 0% and not NaN")
        #expect(r.json.serialized.contains(#""name":"eleven","n":0,"mean":null,"ci95":null,"dissatisfied_pct":null,"dk_pct":null"#))
    }

    @Test func quartilesInterpolateBetweenOrderStatistics() throws {
        let r = try Self.report([1, 2, 3, 4, 10].map { #""k":\#($0)"# })
        let k = try #require(r.numbers.first)
        #expect(k.n == 5 && k.mean == 4 && k.median == 3 && k.q1 == 2 && k.q3 == 4 && k.min == 1 && k.max == 10)
        let even = try Self.report([1, 2, 3, 4].map { #""k":\#($0)"# }).numbers[0]
        #expect(even.median == 2.5 && even.q1 == 1.75 && even.q3 == 3.25)
    }

    @Test func weightsFollowTheTargetsAndACellWithoutCompletesIsNamed() throws {
        // Targets a:b = 1:3; completes 2 a and 2 b → a weighs 0.5, b 1.5.
        let r = try Self.report([#""g":1,"five":1"#, #""g":1,"five":1"#, #""g":2,"five":5"#, #""g":2,"five":5"#])
        let w = try #require(r.weighting)
        #expect(w.cells.map(\.weight) == [0.5, 1.5])
        #expect(r.scales[0].weighted?.mean == (0.5 * 1 * 2 + 1.5 * 5 * 2) / 4)
        #expect(w.effectiveN == 16.0 / 5.0, "(Σw)² / Σw² = 16 / (0.25·2 + 2.25·2)")
        let lonely = try Self.report([#""g":2,"five":5"#, #""g":2,"five":4"#])
        #expect(lonely.weighting?.cells.map(\.weight) == [nil, 1])
        #expect(lonely.notices.contains { $0.hasPrefix("Weights: 1 cell has no complete yet (a)") })
    }
}

import CatiTestSupport
import Foundation
import Testing

/// Typed sample variables (extension) as a field manager meets them: a sample file with
/// a bad cell is loaded, the bad row is named by line and column on stderr, and the
/// other rows are interviewed.
struct TypedSampleCLITests {
    @Test func aBadTypedCellNamesItsRowAndColumnAndTheOtherRowsAreUsed() async throws {
        let scratch = try ScratchFolder("typed-sample")
        let file = scratch.path("typed.cati")
        try """
            survey typed "Typed sample"
            sample contatti number "Contatti" range 0..99
            sample operatore text "Operatore" max 4 pattern "[A-Z]+[0-9]"
            single q "Q?"
              1 a "A"
            info eco "{contatti} {operatore}"

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let sample = scratch.path("sample.csv")
        try "id,contatti,operatore\nR1,5,AB1\nR2,500,AB1\nR3,7,ab1\nR4,8,CD2\n"
            .write(toFile: sample, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run(
            [try ChildProcess.cati(), "simulate", file, "--data", scratch.path("data"), "-n", "5", "--seed", "3",
             "--sample", sample], directory: scratch.path)
        #expect(result.stderr.contains("\(sample):3: column 'contatti': 500 is outside the range 0..99; row left out"),
                "\(result.stderr)")
        #expect(result.stderr.contains("\(sample):4: column 'operatore': 'ab1' does not match the pattern \"[A-Z]+[0-9]\"; row left out"),
                "\(result.stderr)")
        let lines = try String(contentsOfFile: scratch.path("data/interviews.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let respondents = Set(lines.compactMap { line -> String? in
            guard let range = line.range(of: #""respondent":"R[0-9]""#, options: .regularExpression) else { return nil }
            return String(line[range].suffix(3).prefix(2))
        })
        #expect(!respondents.isEmpty && respondents.isSubset(of: ["R1", "R4"]), "only the good rows: \(respondents)")
        #expect(lines.allSatisfy { !$0.contains("\"contatti\":500") })
    }
}

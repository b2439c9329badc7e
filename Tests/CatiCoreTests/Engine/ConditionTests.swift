import Testing
@testable import CatiCore

/// Conditions as the interview evaluates them, through a boolean `compute` (stored as
/// JSON true/false): missing operands (absent, dk, refused) make a comparison false and
/// its `not` true; `in` with ranges, `has`, the functions, precedence.
struct ConditionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let condition: String
        /// Keys for n (number), m (multi), t (text), s (single): "F3" dk, "F4" refused,
        /// "" left empty (absent).
        let n: String, m: String, t: String, s: String
        let holds: Bool
        var testDescription: String { "\(condition) with n=\(n) m=\(m) t=\(t) s=\(s) → \(holds)" }
    }

    static func c(_ condition: String, n: String = "", m: String = "", t: String = "", s: String = "1",
                  _ holds: Bool) -> Case {
        Case(condition: condition, n: n, m: m, t: t, s: s, holds: holds)
    }

    static let cases: [Case] = [
        c("n = 5", n: "5", true),
        c("n = 5", n: "6", false),
        c("n <> 5", n: "6", true),
        // a comparison with a missing operand is false, whatever the operator
        c("n <> 5", n: "F3", false),
        c("n <> 5", n: "", false),
        c("n <> 5", n: "F4", false),
        c("n < 5", n: "F4", false),
        c("n >= 5", n: "F3", false),
        // and its `not` is true
        c("not (n = 5)", n: "F3", true),
        c("not n = 5", n: "", true),
        c("not (n < 5)", n: "F4", true),
        c("not not n = 5", n: "F3", false),
        // in, with values and ranges
        c("n in (1..10, 50)", n: "50", true),
        c("n in (1..10, 50)", n: "7", true),
        c("n in (1..10, 50)", n: "1", true),
        c("n in (1..10, 50)", n: "10", true),
        c("n in (1..10, 50)", n: "11", false),
        c("n in (1..10, 50)", n: "F3", false),
        c("not (n in (1..10))", n: "F3", true),
        c("s in (uno)", s: "1", true),
        c("s in (due, 3)", s: "3", true),
        c("s in (due, 3)", s: "uno", false),
        c("s = due", s: "2", true),
        c("s = 2", s: "due", true),
        c("s <> due", s: "F3", false),
        // has
        c("m has mail", m: "1 2", true),
        c("m has 3", m: "3", true),
        c("m has mail", m: "1", false),
        c("m has mail", m: "F3", false),
        c("m has mail", m: "", false),
        c("not (m has mail)", m: "F3", true),
        // functions
        c("count(m) = 2", m: "1 3", true),
        c("count(m) >= 1", m: "F3", false),
        c("answered(n)", n: "5", true),
        c("answered(n)", n: "F3", false),
        c("answered(n)", n: "F4", false),
        c("answered(n)", n: "", false),
        c("dk(n)", n: "F3", true),
        c("dk(n)", n: "F4", false),
        c("refused(n)", n: "F4", true),
        c("refused(n)", n: "", false),
        c("len(t) = 3", t: "àèì", true),
        c("len(t) > 0", t: "", false),
        c("not (len(t) > 0)", t: "F3", true),
        c(#"t = "ciao""#, t: "ciao", true),
        c(#"t <> "ciao""#, t: "", false),
        // arithmetic with a missing operand or a division by zero is missing
        c("n + 1 > 5", n: "F3", false),
        c("not (n + 1 > 5)", n: "F3", true),
        c("n * 2 = 10", n: "5", true),
        c("n / 2 = 2.5", n: "5", true),
        c("n / 0 = 0", n: "5", false),
        c("not (n / 0 = 0)", n: "5", true),
        c("n - 10 < 0", n: "5", true),
        c("-n < 0", n: "5", true),
        c("2 + n * 2 = 12", n: "5", true),
        c("(2 + n) * 2 = 14", n: "5", true),
        // and, or, not, precedence
        c("n > 3 and s = uno", n: "5", s: "1", true),
        c("n > 3 and s = uno", n: "5", s: "2", false),
        c("n > 3 or s = uno", n: "F3", s: "1", true),
        c("n > 3 or s = due", n: "F3", s: "1", false),
        c("n = 1 or n = 2 and s = due", n: "1", s: "1", true),
        c("(n = 1 or n = 2) and s = due", n: "1", s: "1", false),
        c("not n = 5 and s = uno", n: "5", s: "1", false),
        c("not n = 5 and s = uno", n: "4", s: "1", true),
        c("n < 5 or dk(n)", n: "F3", true),
    ]

    static let source = """
    survey c "Conditions"
    number n "N" range 0..100 allow dk, refused optional
    multi m "M" allow dk optional
      1 tel "Telefono"
      2 mail "E-mail"
      3 fax "Fax"
    text t "T" max 20 allow dk optional
    single s "S" allow dk
      1 uno "Uno"
      2 due "Due"
      3 tre "Tre"
    """

    @Test(arguments: cases)
    func condition(_ c: Case) throws {
        let source = Self.source + "\ncompute c = \(c.condition)\ninfo si \"holds\" if c\n"
        var run = try EngineRun(source)
        _ = try run.play([c.n, c.m, c.t, c.s])
        #expect(run.interview.values["c"] == .bool(c.holds))
        #expect(run.at == (c.holds ? "si" : "end:complete"), "the condition routes as it evaluates")
        #expect(run.answersJSON.hasSuffix(#""c":\#(c.holds)}"#))
    }
}

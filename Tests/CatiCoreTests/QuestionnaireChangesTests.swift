import Testing
@testable import CatiCore

/// `cati check NEW --against OLD` (extension): what changed between two versions, and
/// whether interviews in progress under the old one can be resumed under the new one.
struct QuestionnaireChangesTests {
    static let old = """
    survey s "S"
    version 1
    single q "Quale?"
      1 a "Uno"
      2 b "Due"
    number n "Quanti?" range 1..99 allow dk
    text t "Perché?" max 100
    grid g "Voti" scale 1..10
      x "X"
      y "Y"
    info fine "Fine, {q}."
    """

    static func changes(_ new: String) throws -> QuestionnaireChanges {
        QuestionnaireChanges(from: try EngineRun.questionnaire(Self.old), to: try EngineRun.questionnaire(new))
    }

    static func edit(_ pairs: (String, String)...) -> String {
        pairs.reduce(Self.old) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    @Test func textsLabelsAndAddedQuestionsOrCodesAreCompatible() throws {
        let c = try Self.changes(Self.edit(
            ("version 1", "version 2"), ("\"Quale?\"", "\"Quale dei due?\""), ("\"Due\"", "\"Due (2)\""),
            ("  2 b \"Due (2)\"", "  2 b \"Due (2)\"\n  3 c \"Tre\""),
            ("info fine", "number m \"Nuova?\" range 1..5\ninfo fine"), ("range 1..99", "range 0..120"),
            ("max 100", "max 200"), ("  y \"Y\"", "  y \"Y\"\n  z \"Z\"")))
        #expect(c.compatible, "\(c.changes)")
        let texts = c.changes.map(\.text)
        #expect(texts.contains("version 1 → 2"))
        #expect(texts.contains("text of 'q' changed"))
        #expect(texts.contains("text of 'q 2' changed"))
        #expect(texts.contains("'q': code 3 added"))
        #expect(texts.contains("question 'm' added"))
        #expect(texts.contains("grid item 'z' added"))
        #expect(texts.contains("'n': range widened"))
    }

    @Test(arguments: [
        (("  2 b \"Due\"\n", ""), "'q': code 2 removed", "q"),
        (("  2 b \"Due\"", "  2 bb \"Due\""), "'q': code 2 renamed from 'b' to 'bb'", "q"),
        (("text t \"Perché?\" max 100\n", ""), "question 't' removed", "t"),
        (("number n \"Quanti?\" range 1..99 allow dk", "text n \"Quanti?\""), "'n' is now a question of another kind (was a number, now a text)", "n"),
        (("range 1..99", "range 1..50"), "'n': range narrowed from 1..99 to 1..50", "n"),
        ((" allow dk", ""), "'n': 'allow dk' removed", "n"),
        (("max 100", "max 50"), "'t': max length lowered from 100 to 50", "t"),
        (("  y \"Y\"\n", ""), "grid item 'y' removed", "y"),
        (("scale 1..10", "scale 1..5"), "'x': scale narrowed from 1..10 to 1..5", "x"),
    ] as [((String, String), String, String)])
    func removedOrRecodedQuestionsAreNotAndAreNamed(edit: (String, String), change: String, blocking: String) throws {
        let c = try Self.changes(Self.edit(edit))
        #expect(!c.compatible)
        #expect(c.changes.contains { $0.text == change && !$0.compatible }, "\(c.changes)")
        #expect(c.blocking.contains(blocking))
    }

    @Test func theSameFileHasNoChange() throws {
        #expect(try Self.changes(Self.old).changes.isEmpty)
    }

    @Test func aChangedFileWithTheSameVersionIsPointedOut() throws {
        let c = try Self.changes(Self.edit(("\"Quale?\"", "\"Quale dei due?\"")))
        #expect(c.changes.first?.text == "the file changed but its version is still 1: raise 'version' so records tell them apart")
        #expect(c.compatible)
    }
}

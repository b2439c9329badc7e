import CatiTestSupport
import Testing
@testable import CatiCore

/// "Did you mean": the pruned search gives what the plain definition gives.
struct SuggestTests {
    /// The definition: every candidate in alphabetical order, full edit distance.
    static func plain(_ word: String, _ candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3 + 1))
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let d = Suggest.distance(Array(word.lowercased()), Array(candidate.lowercased()), atMost: .max)!
            if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    @Test func examples() {
        #expect(Suggest.closest(to: "tipp", in: ["motivo", "tipo", "voto"]) == "tipo")
        #expect(Suggest.closest(to: "singel", in: ["single", "multi", "scale"]) == "single")
        #expect(Suggest.closest(to: "età", in: ["eta", "etàx"]) == "eta", "ties go to the first alphabetically")
        #expect(Suggest.closest(to: "zzzzzz", in: ["tipo", "voto"]) == nil)
        #expect(Suggest.closest(to: "Voto", in: ["voto"]) == "voto", "case does not count")
        #expect(Suggest.distance(Array("kitten"), Array("sitting"), atMost: 3) == 3)
        #expect(Suggest.distance(Array("kitten"), Array("sitting"), atMost: 2) == nil)
    }

    @Test func agreesWithThePlainDefinitionOnRandomWords() {
        var g = SplitMix64(seed: 42)
        let alphabet = Array("abcè_1ÀT")
        func word() -> String { String((0..<Int.random(in: 0...7, using: &g)).map { _ in alphabet.randomElement(using: &g)! }) }
        for _ in 0..<2_000 {
            let candidates = (0..<Int.random(in: 0...12, using: &g)).map { _ in word() }
            let w = word()
            #expect(Suggest.closest(to: w, in: candidates) == Self.plain(w, candidates), "\(w) in \(candidates)")
        }
    }
}

/// A file with thousands of unknown names is reported at once: the first 50 get a
/// suggestion, the rest the plain error.
struct SuggestionLimitTests {
    @Test func theFirstFiftyUnknownNamesGetASuggestionTheRestTheError() {
        var lines = ["survey s \"S\""]
        for i in 0..<60 { lines += ["single voto\(i) \"Q\"", "  1 \"a\""] }
        for i in 0..<60 { lines += ["info i\(i) \"x\" if vot\(i) = 1"] }
        let result = QuestionnaireChecker.check(lines.joined(separator: "\n") + "\n")
        let messages = result.diagnostics.map(\.message)
        #expect(messages.count == 60)
        #expect(messages.prefix(50).allSatisfy { $0.contains("did you mean") }, "\(messages.prefix(50))")
        #expect(messages[0].hasPrefix("unknown name 'vot0'"))
        #expect(messages.suffix(10) == (50..<60).map { "unknown name 'vot\($0)'" })
    }
}

/// The messages about loops (extension; docs/language.md, "Loops").
extension Message {
    static let loopInLoop = Message("a loop cannot stand inside another loop; ask the inner questions in the outer loop's body")
    static func loopNameTaken(_ name: String) -> Message {
        Message("'\(name)' is already a name of the questionnaire; give the loop a name of its own")
    }
    static func loopSourceKind(_ name: String) -> Message {
        Message("a loop goes over a 'multi' or a 'number' question, and '\(name)' is neither")
    }
    static func loopNumberRange(_ name: String, limit: Int) -> Message {
        Message("a loop over the number '\(name)' needs a whole-number range whose upper end is 1..\(limit)")
    }
    static func loopNegativeCode(_ code: Int, question: String) -> Message {
        Message("a loop's rounds are named by code, and '\(question)' has the negative code \(code); use codes from 0")
    }
    static func notInLoop(_ word: String) -> Message {
        Message("'\(word)' cannot stand inside a loop; put it before or after the loop")
    }
    static func loopBodyNameOutside(_ name: String, loop: String, example: String) -> Message {
        Message("'\(name)' is asked once per round of loop '\(loop)'; outside the loop name one round, like '\(example)'")
    }
}

import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

// MARK: - The questionnaire

enum CrashFiles {
    /// Small targets, quotas early, no check or warn (a respondent never goes back, so the
    /// trace is the interview's whole story); `neither` is in no quota and runs to the end.
    static let text = """
        survey crash "Crash harness: small quotas"
        version 1

        single consent "May I ask you a few questions?"
          1 yes   "Yes"
          2 later "Yes, but quickly"
          3 no    "No"
        terminate "Thank you anyway. Goodbye." if consent = 3

        single kind "Are you calling as a private person, for a business, or neither?"
          1 private  "Private person"
          2 business "Business"
          3 neither  "Neither"

        single area "Which area do you live in?" if kind in (private, business)
          1 north "North"
          2 south "South"

        quota kind_area by kind, area full "We have all the interviews we need from people like you. Goodbye."
          private, north: 5
          private, south: 5
          business, *:    4
        end

        quota per_area by area
          north: 6
          south: 6
        end

        number age "How old are you?" range 18..99 allow refused

        multi channels "Which of these have you used to contact us?" pick 1..3 rotate
          1 phone "Telephone"
          2 email "E-mail"
          3 web   "Web form"
          8 other "Something else" other fixed
          9 none  "None of these" exclusive fixed

        number calls "How many times did you phone us last month?" range 1..50 allow dk if channels has phone

        scale overall "All in all, how satisfied are you, from 0 to 10?" 0..10 allow dk

        grid aspects "Rate each of these from 1 (poor) to 5 (excellent)" scale 1..5 allow dk rotate
          speed    "Speed"
          courtesy "Courtesy"
          clarity  "Clarity"

        text why "Why do you give that mark?" max 100 allow refused if overall <= 4

        number household "How many people live in your household?" range 1..15 allow refused

        text nickname "What should we call you? (optional)" max 20 optional

        info bye "That is all. Thank you very much!"

        """

    static let targets = ["kind_area private,north": 5, "kind_area private,south": 5, "kind_area business,*": 4,
                          "per_area north": 6, "per_area south": 6]

    static func write(in scratch: ScratchFolder) throws -> String {
        let path = scratch.path("crash.cati")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// "quota cell" → completes, every cell of the questionnaire (0 when none).
    static func flat(_ counts: [String: [String: Int]]) -> [String: Int] {
        var out: [String: Int] = [:]
        for key in targets.keys {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            out[key] = counts[parts[0]]?[parts[1]] ?? 0
        }
        return out
    }

    struct Cell: Equatable { let target: Int; let complete: Int; let inProgress: Int }

    /// `cati quotas --json` as "quota cell" → numbers.
    static func quotaTable(_ json: String) throws -> [String: Cell] {
        let object = try #require(JSONParser.parseObject(Array(json.utf8)), "not JSON: \(json)")
        var out: [String: Cell] = [:]
        for quota in object["quotas"]?.arrayValue ?? [] {
            let name = quota["name"]?.stringValue ?? "?"
            for cell in quota["cells"]?.arrayValue ?? [] {
                out["\(name) \(cell["cell"]?.stringValue ?? "?")"] = Cell(
                    target: cell["target"]?.intValue ?? -1, complete: cell["complete"]?.intValue ?? -1,
                    inProgress: cell["in_progress"]?.intValue ?? -1)
            }
        }
        return out
    }

    /// One interview answered by hand with accented, non-Latin and astral characters; its record line.
    static func accentedRecord(_ q: Questionnaire, store: FolderStore) throws -> String {
        let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "Zoë Müller")
        let answers = ["consent": "1", "kind": "3", "age": "42", "channels": "1 8", "calls": "2", "overall": "3",
                       "speed": "4", "courtesy": "2", "clarity": "5", "why": "perché è così — «bof» 𝄞 こんにちは",
                       "household": "2", "nickname": "Zoë Ñandú 𝄞"]
        for _ in 0..<100 {
            let action: Action
            switch session.interview.screen {
            case .question(let prompt): action = .answer(answers[prompt.variableName] ?? "")
            case .specifyOther: action = .answer("über-Straße №5 ✓")
            case .ending: action = .answer("")
            case .checkFailed, .warning: action = .answer("")
            }
            if case .finished = try session.perform(action) { break }
        }
        return try #require(session.savedRecord, "the accented interview did not finish: \(session.interview.screen)")
    }
}

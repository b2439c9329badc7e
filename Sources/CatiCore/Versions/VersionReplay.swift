/// Replaying an interview journaled under an earlier version of the questionnaire on a
/// compatible later one (extension). The journal holds actions as typed ("2", F3, F2),
/// not answers by name, so the actions are applied to both versions side by side: each
/// one must meet the same step in both (the same question, grid item, specification,
/// check or ending). Where they part (a question added before the point reached, or
/// routing changed), the replay stops with the step that differs, and the interview is
/// left for a person to look at.
public struct VersionReplay: Sendable {
    public struct Misaligned: Error, CustomStringConvertible, Equatable {
        public let old: String
        public let new: String
        public var description: String {
            "the new version asks '\(new)' where the interview had '\(old)'"
        }
    }

    public struct Incompatible: Error, CustomStringConvertible, Equatable {
        public let blocking: [String]
        public var description: String {
            "the new version changes " + blocking.map { "'\($0)'" }.joined(separator: ", ")
        }
    }

    /// The interview under the earlier version, kept in step.
    public private(set) var shadow: Interview

    /// Fails when the change from `old` to the interview's questionnaire is not
    /// compatible (see `QuestionnaireChanges`).
    public init(old: Questionnaire, for interview: Interview) throws {
        let changes = QuestionnaireChanges(from: old, to: interview.questionnaire)
        guard changes.compatible else { throw Incompatible(blocking: changes.blocking) }
        shadow = try Interview(questionnaire: old, id: interview.id, sample: interview.sample,
                               interviewer: interview.interviewer, startedAt: interview.startedAt)
    }

    /// Applies `action` to the earlier version, after checking that both stand at the
    /// same step; the caller applies it to the new one.
    public mutating func step(_ action: Action, at time: Double, new: Interview) throws {
        let (a, b) = (Self.stepName(shadow.screen), Self.stepName(new.screen))
        guard a == b else { throw Misaligned(old: a, new: b) }
        _ = try shadow.perform(action, at: time)
    }

    public mutating func pauseClock(at t: Double) { shadow.pauseClock(at: t) }
    public mutating func restartClock(at t: Double) { shadow.restartClock(at: t) }

    /// Where an interview stands, by name: the variable asked (a grid item's name),
    /// `NAME_other`, `check`, `warn` or `end:STATUS`.
    public static func stepName(_ screen: Screen) -> String {
        switch screen {
        case .question(let p): return p.variableName
        case .specifyOther(let o): return o.question + "_other"
        case .checkFailed: return "check"
        case .warning: return "warn"
        case .ending(let e): return "end:" + e.status.rawValue
        }
    }
}

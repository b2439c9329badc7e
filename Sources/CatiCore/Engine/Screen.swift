/// What the interviewer is shown at one step of an interview: a plain value, drawn by
/// the screen code and checked directly by tests.
public enum Screen: Sendable, Equatable {
    case question(QuestionPrompt)
    /// The specification of an `other` option, asked right after its question.
    case specifyOther(OtherPrompt)
    /// A hard `check` failed: the interview cannot go on until an answer is corrected.
    case checkFailed(RulePrompt)
    /// A `warn` was raised: confirm (Enter) or go back and correct.
    case warning(RulePrompt)
    /// The interview is about to end: Enter saves it with this status, F2 goes back.
    case ending(EndingPrompt)

    public var isEnding: Bool {
        if case .ending = self { return true } else { return false }
    }
}

public struct QuestionPrompt: Sendable, Equatable {
    public struct ShownOption: Sendable, Equatable {
        public let code: Int
        public let codeName: String?
        public let label: String
        public let other: Bool
        public let exclusive: Bool
        /// The option's interviewer instruction, fills done (extension).
        public var instruction: String? = nil
    }

    public struct ShownItem: Sendable, Equatable {
        public let name: String
        public let text: String
        /// The value given so far, as shown ("7", "dk", "refused"), or nil.
        public let value: String?
        public var instruction: String? = nil
    }

    public let question: Question
    public let name: String
    public let text: String
    /// Options in the order shown (rotated where asked).
    public let options: [ShownOption]
    /// Grid items in the order shown, and the one being asked.
    public let items: [ShownItem]
    public let currentItem: Int?
    /// Scale anchors as "1 = Pessimo".
    public let anchors: [(value: Int, label: String)]
    /// The earlier answer, as it would be typed: Enter keeps it.
    public let prefill: String
    /// The question's number on the path so far (1-based).
    public let position: Int
    /// What the answer must look like, e.g. "1–10", "18–99", "max 300 characters".
    public let hint: String
    /// The interviewer instruction, fills done: shown, not read aloud (extension).
    public var instruction: String? = nil

    public static func == (a: QuestionPrompt, b: QuestionPrompt) -> Bool {
        a.name == b.name && a.text == b.text && a.options == b.options && a.items == b.items
            && a.currentItem == b.currentItem && a.prefill == b.prefill && a.position == b.position
            && a.instruction == b.instruction
            && a.anchors.map(\.value) == b.anchors.map(\.value) && a.anchors.map(\.label) == b.anchors.map(\.label)
    }

    /// The variable the answer goes to: the question's own, or the grid item's.
    public var variableName: String { currentItem.map { items[$0].name } ?? name }
}

public struct OtherPrompt: Sendable, Equatable {
    public let question: String
    /// The question's text, filled as it was asked (in a loop, with its round's
    /// `{LOOP}`): the specification screen says which question and round it is about.
    public let text: String
    /// The labels of the chosen `other` options.
    public let labels: [String]
    public let prefill: String
    public let position: Int

    public init(question: String, text: String = "", labels: [String], prefill: String, position: Int) {
        self.question = question
        self.text = text
        self.labels = labels
        self.prefill = prefill
        self.position = position
    }
}

public struct RulePrompt: Sendable, Equatable {
    public struct Involved: Sendable, Equatable {
        public let variable: String
        public let text: String
        public let answer: String
        /// False for sample and preloaded values, which cannot be changed here.
        public let canGoTo: Bool
    }

    public let message: String
    public let involved: [Involved]
    public let position: Int
}

public struct EndingPrompt: Sendable, Equatable {
    public let status: InterviewStatus
    /// The closing text to read (terminate, quota full), or nil for a complete interview.
    public let text: String?
    public let quota: String?
}

public enum InterviewStatus: String, Sendable, Codable, CaseIterable {
    case complete
    case screenedOut = "screened-out"
    case overQuota = "over-quota"
    case refused
    case breakOff = "break-off"
}

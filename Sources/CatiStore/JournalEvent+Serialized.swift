import CatiCore

/// The journal's header and events as one line of JSON each, for stores that keep them
/// elsewhere than in a journal file (a database row): the same text the folder writes.
extension JournalHeader {
    public var serialized: String { json.serialized }

    public init?(serialized: String) {
        guard let json = JSONParser.parseObject(Array(serialized.utf8)) else { return nil }
        self.init(json)
    }
}

extension JournalEvent {
    public var serialized: String { json.serialized }

    public init?(serialized: String) {
        guard let json = JSONParser.parseObject(Array(serialized.utf8)) else { return nil }
        self.init(json)
    }

    /// Whether the event is an accepted action (counted in `InterviewInProgress.actions`).
    public var isAction: Bool { if case .action = self { true } else { false } }

    /// When it happened, if it says.
    public var time: Double? {
        switch self {
        case .action(_, let t), .suspended(let t, _), .resumed(let t): return t
        case .finishing: return nil
        }
    }
}

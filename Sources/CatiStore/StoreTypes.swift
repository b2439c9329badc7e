import CatiCore

/// A finished interview's record, as data.md writes it (one JSON object).
public struct InterviewRecord: Sendable, Equatable {
    public let id: String
    public let status: String?
    /// The record as one line, without its newline.
    public let line: String

    public init(_ json: JSON) {
        self.id = json["id"]?.stringValue ?? ""
        self.status = json["status"]?.stringValue
        self.line = json.serialized
    }

    /// A record already serialised (recovered from a journal, copied from a store).
    public init?(line: String) {
        guard let json = JSONParser.parseObject(Array(line.utf8)), let id = json["id"]?.stringValue else { return nil }
        self.id = id
        self.status = json["status"]?.stringValue
        self.line = line
    }
}

/// The name the resume list used before interviews in progress had a state.
public typealias InterruptedInterview = InterviewInProgress

/// An interview started and not finished.
public struct InterviewInProgress: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// A live process holds it.
        case held
        /// Its process died or let go without suspending it.
        case interrupted
        /// Suspended by the interviewer, to be taken up later.
        case suspended
    }

    public let header: JournalHeader
    public let state: State
    /// When its last event was recorded (seconds since 1970).
    public let lastActivity: Double
    /// Accepted actions recorded (answers, back, notes …).
    public let actions: Int
    /// Who holds it, when `state` is `held` and the store knows (issue 22).
    public let holder: InterviewHolder?

    public init(header: JournalHeader, state: State, lastActivity: Double, actions: Int,
                holder: InterviewHolder? = nil) {
        self.header = header
        self.state = state
        self.lastActivity = lastActivity
        self.actions = actions
        self.holder = holder
    }

    public var respondent: String? { header.sample?.id }
    public var isHeld: Bool { state == .held }
    public var suspended: Bool { state == .suspended }
}

/// Counts for the quota table and the monitor.
public struct QuotaCounts: Sendable, Equatable {
    /// Completes per quota and cell (cells as data.md's `quota_cells` writes them).
    public var complete: [String: [String: Int]]
    /// Places held by interviews in progress, per quota and cell.
    public var inProgress: [String: [String: Int]]
    /// Records per status.
    public var statuses: [String: Int]
    /// Records that could not be read (line-numbered where the store has lines).
    public var warnings: [String]

    public init(complete: [String: [String: Int]] = [:], inProgress: [String: [String: Int]] = [:],
                statuses: [String: Int] = [:], warnings: [String] = []) {
        self.complete = complete
        self.inProgress = inProgress
        self.statuses = statuses
        self.warnings = warnings
    }
}

/// Where a reader of the record stream is. Opaque to callers: a store puts its own
/// position in it (the folder: a byte offset and the file's identity).
public struct RecordCursor: Sendable, Equatable, Hashable {
    /// How far the stream was read (the folder: a byte offset).
    public var position: Int
    /// Lines (or rows) passed, for numbering warnings.
    public var line: Int
    /// Which incarnation of the store was read (the folder: the file's device and inode).
    public var generation: String
    /// A store that reads in the order its writers committed puts that order here (0
    /// otherwise). PostgreSQL: the transaction id of the last row read.
    public var commitOrder: UInt64

    public init(position: Int = 0, line: Int = 0, generation: String = "", commitOrder: UInt64 = 0) {
        self.position = position
        self.line = line
        self.generation = generation
        self.commitOrder = commitOrder
    }

    /// Before the first record.
    public static let start = RecordCursor()
}

/// Records read from the stream.
public struct RecordBatch: Sendable {
    /// The records, parsed, in stored order.
    public var records: [JSON]
    /// Stored records that could not be read, worded with their place.
    public var warnings: [String]
    /// Where to continue from.
    public var cursor: RecordCursor
    /// The store was replaced or shrank since the cursor was taken: these records start
    /// again from the beginning.
    public var restarted: Bool
    /// More records may follow right away (the batch stopped at its limit).
    public var more: Bool

    public init(records: [JSON] = [], warnings: [String] = [], cursor: RecordCursor, restarted: Bool = false,
                more: Bool = false) {
        self.records = records
        self.warnings = warnings
        self.cursor = cursor
        self.restarted = restarted
        self.more = more
    }
}

/// Call attempts read from the store.
public struct AttemptBatch: Sendable {
    public var attempts: [CallAttempt]
    /// Attempts that could not be read, worded with their place.
    public var warnings: [SkippedLine]
    public var cursor: RecordCursor
    /// The attempts were rewritten since the cursor was taken (an erasure): these start
    /// again from the first.
    public var restarted = false

    public init(attempts: [CallAttempt] = [], warnings: [SkippedLine] = [], cursor: RecordCursor) {
        self.attempts = attempts
        self.warnings = warnings
        self.cursor = cursor
    }
}

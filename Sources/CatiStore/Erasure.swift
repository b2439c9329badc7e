import CatiCore

/// What an erasure (`InterviewStore.erase`, docs/privacy.md) asks and removed.
public struct ErasureRequest: Sendable, Equatable {
    /// The sample cases (respondent ids).
    public var cases: [String]
    /// Also their answers: records, interviews in progress and call attempts.
    public var answers: Bool
    /// The columns that identify a respondent (`Questionnaire.personalColumns`).
    public var personalColumns: [String]
    /// Why: `erase` (the respondent asked) or `purge` (the survey's retention ended).
    public var reason: String

    public init(cases: [String], answers: Bool, personalColumns: [String], reason: String = "erase") {
        self.cases = cases
        self.answers = answers
        self.personalColumns = personalColumns
        self.reason = reason
    }
}

/// What an erasure removed, counted (for the audit trail: no ids, no personal data).
public struct ErasureReport: Sendable, Equatable {
    public var records = 0
    public var attempts = 0
    public var journals = 0
    public init() {}
}

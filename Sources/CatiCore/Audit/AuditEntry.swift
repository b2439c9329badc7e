/// One line of the audit trail (`audit.jsonl`, docs/data-folder.md): who did what to
/// the survey, from which login and host, when.
public struct AuditEntry: Sendable, Equatable {
    /// What was done: see `AuditAction`.
    public var action: String
    /// The survey's name.
    public var survey: String
    /// The login of the process (from the kernel) and its user id.
    public var login: String
    public var uid: Int
    public var host: String
    public var pid: Int
    /// Seconds since 1970.
    public var at: Double
    /// What it was done to (an interview or case id, a file written), and how, as extra
    /// members of the line.
    public var detail: [(String, JSON)]

    public init(action: AuditAction, survey: String, login: String, uid: Int, host: String, pid: Int, at: Double,
                detail: [(String, JSON)] = []) {
        self.action = action.rawValue
        self.survey = survey
        self.login = login
        self.uid = uid
        self.host = host
        self.pid = pid
        self.at = at
        self.detail = detail
    }

    public static func == (a: AuditEntry, b: AuditEntry) -> Bool {
        a.action == b.action && a.survey == b.survey && a.login == b.login && a.uid == b.uid && a.host == b.host && a.pid == b.pid
            && a.at == b.at && JSON.object(a.detail) == JSON.object(b.detail)
    }
}

/// The actions the audit trail records.
public enum AuditAction: String, Sendable, CaseIterable {
    /// `cati init` made the folder.
    case initialised = "init"
    case settingsChanged = "settings"
    case report
    case export
    /// A supervisor released another interviewer's interview or case (`cati release`).
    case release
    /// A case (an interview's record) was changed.
    case caseChanged = "case-change"
    case shiftStarted = "shift-start"
    case shiftEnded = "shift-end"
    /// Respondents forgotten (`cati erase`) or a survey's personal data purged (`cati purge`).
    case erase
    case purge
}

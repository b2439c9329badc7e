import CatiCore

/// Who runs this process, as the kernel knows it: the login (effective user id →
/// passwd), its groups, the host and the process id. Never an environment variable.
public struct Person: Sendable, Equatable {
    public let login: String
    public let uid: Int
    public let groups: [String]
    public let host: String
    public let pid: Int

    public init(login: String, uid: Int, groups: [String], host: String, pid: Int) {
        self.login = login
        self.uid = uid
        self.groups = groups
        self.host = host
        self.pid = pid
    }

    /// This process's login.
    public static var current: Person {
        Person(login: Platform.loginName, uid: Platform.userID, groups: Platform.processGroups,
               host: Platform.hostName, pid: Int(Platform.processID))
    }

    /// An audit entry for something this person does now.
    public func audit(_ action: AuditAction, survey: String, _ detail: [(String, JSON)] = []) -> AuditEntry {
        AuditEntry(action: action, survey: survey, login: login, uid: uid, host: host, pid: pid, at: Platform.now, detail: detail)
    }
}

/// The interviewer an interview is recorded under, and which kind of identity that is.
public struct InterviewerIdentity: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The login of the process: the kernel's word.
        case login
        /// A name given with `--interviewer` (a shared account, or `simulate`); the login
        /// that ran the process is kept beside it.
        case declared
    }

    /// The name recorded as `interviewer`.
    public let name: String
    /// The login of the process that started the interview.
    public let login: String
    public let kind: Kind

    public init(name: String, login: String, kind: Kind) {
        self.name = name
        self.login = login
        self.kind = kind
    }

    /// `name` as given, with this process's login beside it: `login` when it is the
    /// login itself, else `declared`.
    public static func naming(_ name: String?) -> InterviewerIdentity {
        let login = Platform.loginName
        guard let name, name != login else { return InterviewerIdentity(name: login, login: login, kind: .login) }
        return InterviewerIdentity(name: name, login: login, kind: .declared)
    }
}

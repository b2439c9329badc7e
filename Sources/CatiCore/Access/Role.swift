/// Who may do what in a survey. Interviewers interview and read the quota table;
/// supervisors also watch the survey (monitor), take its data out (report, export),
/// release another interviewer's interview or case, change the settings and read the
/// audit trail. The check is made in one place (`AccessPolicy.refusal`), before a
/// command reads or writes anything.
public enum Role: String, Sendable, Equatable, CaseIterable {
    case interviewer
    case supervisor
}

/// What a command does, as far as roles go.
public enum Permission: String, Sendable, CaseIterable {
    case interview
    case simulate
    case readQuotas
    case monitor
    case report
    case export
    case release
    case changeSettings
    case readAudit
    /// `cati erase`, `cati purge` (issue 20) and `cati export --include-personal`.
    case erase
    case includePersonal

    /// The role needed.
    public var role: Role {
        switch self {
        case .interview, .simulate, .readQuotas: return .interviewer
        case .monitor, .report, .export, .release, .changeSettings, .readAudit, .erase, .includePersonal:
            return .supervisor
        }
    }

    /// The command, for messages: "cati report".
    public var command: String {
        switch self {
        case .interview: return "cati interview"
        case .simulate: return "cati simulate"
        case .readQuotas: return "cati quotas"
        case .monitor: return "cati monitor"
        case .report: return "cati report"
        case .export: return "cati export"
        case .release: return "cati release"
        case .changeSettings: return "cati settings --set"
        case .readAudit: return "cati audit"
        case .erase: return "cati erase"
        case .includePersonal: return "cati export --include-personal"
        }
    }
}

public enum AccessPolicy {
    /// The role of a login in a survey. Without settings (a one-login folder) whoever can
    /// read the folder is its supervisor; with settings, the supervisors are the logins
    /// listed and the members of the supervisors' group; everyone else is an interviewer.
    public static func role(login: String, groups: [String], settings: SurveySettings?) -> Role {
        guard let settings else { return .supervisor }
        if settings.supervisors.contains(login) { return .supervisor }
        if let group = settings.supervisorsGroup, groups.contains(group) { return .supervisor }
        return .interviewer
    }

    /// Why `login` (of `role`) may not do it, in one line; nil when allowed.
    public static func refusal(_ permission: Permission, login: String, role: Role,
                               settings: SurveySettings?) -> String? {
        guard permission.role == .supervisor, role != .supervisor else { return nil }
        var who: [String] = settings?.supervisors ?? []
        if let group = settings?.supervisorsGroup { who.append("members of group \(group)") }
        let listed = who.isEmpty ? "none is named in settings.json" : who.joined(separator: ", ")
        return "\(permission.command) needs the supervisor role: login '\(login)' is an interviewer of this survey "
            + "(supervisors: \(listed)); nothing was read or written"
    }

    /// Why `--interviewer NAME` is refused for `login`; nil when allowed. A folder
    /// without settings belongs to one login, who may name itself as it likes (the record
    /// keeps the login beside the name); a survey with settings allows a declared name
    /// only when it says one account is shared.
    public static func declaredNameRefusal(_ name: String, login: String, settings: SurveySettings?) -> String? {
        guard let settings, name != login, !settings.sharedAccount else { return nil }
        return "--interviewer \(name): the interviewer recorded is your login ('\(login)'); a declared name is "
            + "allowed only when the survey's settings say one account is shared (shared_account=true, "
            + "set by a supervisor with 'cati settings --set shared_account=true')"
    }
}

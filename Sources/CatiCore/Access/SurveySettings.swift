/// A survey's settings: `settings.json` in the data folder (docs/data-folder.md),
/// written by `cati init` and changed by a supervisor with `cati settings --set`.
/// A folder without one is a one-login folder: no roles, no audit trail.
public struct SurveySettings: Sendable, Equatable {
    /// The Unix group the folder is shared with (nil: a private folder).
    public var group: String?
    /// Logins that are supervisors.
    public var supervisors: [String]
    /// Members of this Unix group are supervisors too.
    public var supervisorsGroup: String?
    /// One account is shared by several people: `cati interview --interviewer NAME` is
    /// allowed, and the record says the name was declared.
    public var sharedAccount: Bool

    public init(group: String? = nil, supervisors: [String] = [], supervisorsGroup: String? = nil,
                sharedAccount: Bool = false) {
        self.group = group
        self.supervisors = supervisors
        self.supervisorsGroup = supervisorsGroup
        self.sharedAccount = sharedAccount
    }

    /// The keys `cati settings --set KEY=VALUE` knows.
    public static let keys = ["group", "supervisors", "supervisors_group", "shared_account"]

    public var json: JSON {
        .object([
            ("settings", .int(1)),
            ("group", group.map(JSON.string) ?? .null),
            ("supervisors", .array(supervisors.map(JSON.string))),
            ("supervisors_group", supervisorsGroup.map(JSON.string) ?? .null),
            ("shared_account", .bool(sharedAccount)),
        ])
    }

    /// Reads `settings.json`; the message names what is wrong.
    public static func parse(_ bytes: [UInt8]) -> Result<SurveySettings, SettingsProblem> {
        guard let json = JSONParser.parseObject(bytes), json["settings"]?.intValue == 1 else {
            return .failure(SettingsProblem("not a settings file (a JSON object with \"settings\":1)"))
        }
        var settings = SurveySettings()
        for (key, value) in json.objectMembers ?? [] where key != "settings" {
            if let problem = settings.assign(key, value) { return .failure(problem) }
        }
        return .success(settings)
    }

    /// Sets one key from `KEY=VALUE` text (`supervisors=anna,luca`, `shared_account=true`,
    /// an empty value clears a group).
    public mutating func set(_ assignment: String) -> SettingsProblem? {
        guard let equals = assignment.firstIndex(of: "=") else {
            return SettingsProblem("'\(assignment)' is not KEY=VALUE (keys: \(Self.keys.joined(separator: ", ")))")
        }
        let key = String(assignment[..<equals]), text = String(assignment[assignment.index(after: equals)...])
        let value: JSON
        switch key {
        case "supervisors": value = .array(text.split(separator: ",").map { .string(String($0)) })
        case "shared_account":
            guard let flag = ["true": true, "yes": true, "false": false, "no": false][text] else {
                return SettingsProblem("shared_account is true or false, not '\(text)'")
            }
            value = .bool(flag)
        default: value = text.isEmpty ? .null : .string(text)
        }
        return assign(key, value)
    }

    private mutating func assign(_ key: String, _ value: JSON) -> SettingsProblem? {
        switch key {
        case "group", "supervisors_group":
            var name: String?
            if value != .null {
                guard let text = value.stringValue, Self.isName(text) else {
                    return SettingsProblem("\(key) is the name of a Unix group, not \(value.serialized)")
                }
                name = text
            }
            if key == "group" { group = name } else { supervisorsGroup = name }
        case "supervisors":
            guard let items = value.arrayValue else { return SettingsProblem("supervisors is a list of logins") }
            var logins: [String] = []
            for item in items {
                guard let login = item.stringValue, Self.isName(login) else {
                    return SettingsProblem("supervisors: \(item.serialized) is not a login name")
                }
                logins.append(login)
            }
            supervisors = logins
        case "shared_account":
            guard let flag = value.boolValue else { return SettingsProblem("shared_account is true or false") }
            sharedAccount = flag
        default:
            return SettingsProblem("unknown setting '\(key)' (known: \(Self.keys.joined(separator: ", ")))")
        }
        return nil
    }

    /// A login or group name as useradd/groupadd take them.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32 && !text.hasPrefix("-")
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-$".contains($0)) }
    }
}

public struct SettingsProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

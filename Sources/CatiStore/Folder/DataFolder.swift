/// The data folder of data.md: `interviews.jsonl` plus the files documented in
/// docs/data-folder.md (journals of interviews in progress, quota places, locks).
/// Created on first use with mode 0700; files in it with mode 0600.
public struct DataFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `data/<survey>` under the current folder.
    public static func defaultPath(survey: String) -> String { "data/\(survey)" }

    public var interviews: String { path + "/interviews.jsonl" }
    public var journals: String { path + "/journal" }
    public var places: String { path + "/places" }
    public var quotaLock: String { path + "/quota.lock" }
    public var quotaIndex: String { path + "/quota-index.json" }
    /// The survey's settings (`cati init`): group, supervisors, shared account.
    public var settings: String { path + "/settings.json" }
    /// The audit trail, hash-chained.
    public var audit: String { path + "/audit.jsonl" }
    public var claims: String { path + "/claims" }

    public func journal(_ id: String) -> String { journals + "/" + id + ".jsonl" }
    public func place(_ id: String) -> String { places + "/" + id }

    /// Creates the folder and its sub-folders (0700) if missing.
    public func prepare() throws {
        try Platform.makeDirectory(path)
        try Platform.makeDirectory(journals)
        try Platform.makeDirectory(places)
    }
}

import CatiCore

/// `cati init`: a data folder made for a survey, private (0700/0600, the default) or
/// shared by a Unix group (the folders 2770 with the setgid bit, so that every new entry
/// gets the group; every file 0660, set with chmod after it is created whatever the
/// umask, as git's core.sharedRepository=group does). docs/data-folder.md.
public enum FolderSetup {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Creates (or converts) the folder with its settings, its sub-folders and empty
    /// files, and the audit trail's first entry. An existing folder without settings
    /// (made by `interview` or `simulate`) is converted: what this login owns gets the
    /// group and the modes; `cati doctor` names the rest.
    public static func initialise(_ folder: DataFolder, settings: SurveySettings, by person: Person,
                                  survey: String) throws {
        if Platform.exists(folder.settings) {
            throw Failure(description: "'\(folder.path)' is set up already (it has settings.json): "
                          + "'cati settings --set' changes it, 'cati doctor' checks it")
        }
        var gid: Int?
        if let group = settings.group {
            guard let id = Platform.groupID(named: group) else {
                throw Failure(description: "no Unix group '\(group)' on this host (groupadd \(group), then add its members)")
            }
            gid = id
        }
        for name in [settings.supervisorsGroup].compactMap({ $0 }) where Platform.groupID(named: name) == nil {
            throw Failure(description: "no Unix group '\(name)' on this host (groupadd \(name))")
        }
        do {
            try Platform.makeDirectory(folder.path)
            if let gid {
                try Platform.changeGroup(folder.path, gid)
                try Platform.changeMode(folder.path, Platform.sharedFolderMode)
            } else {
                try Platform.changeMode(folder.path, 0o700)
            }
            try convertExisting(folder, gid: gid, owner: person.uid)
            for sub in [folder.journals, folder.places, folder.claims] { try Platform.makeDirectory(sub) }
            for file in [folder.interviews, folder.quotaLock, folder.audit] { Platform.close(try Platform.open(file, create: true)) }
            Platform.syncDirectory(folder.path)
            try FolderStore.writeSettings(settings, in: folder)
            var detail: [(String, JSON)] = [("folder", .string(folder.path))]
            detail.append(("settings", settings.json))
            try FolderStore.appendAudit(person.audit(.initialised, survey: survey, detail), to: folder)
        } catch let error as StoreError {
            throw Failure(description: "cannot set up '\(folder.path)': \(error)")
        }
    }

    /// What is in the folder already and owned by this login: the group and the modes
    /// of a shared (or private) folder.
    private static func convertExisting(_ folder: DataFolder, gid: Int?, owner: Int) throws {
        for entry in FolderDoctor.entries(of: folder.path) where entry.path != folder.path {
            guard let own = Platform.ownership(entry.path), !own.isSymbolicLink, own.uid == owner || owner == 0 else { continue }
            if let gid, own.gid != gid { try Platform.changeGroup(entry.path, gid) }
            let mode = own.isDirectory ? (gid == nil ? 0o700 : Platform.sharedFolderMode)
                                       : (gid == nil ? 0o600 : Platform.sharedFileMode)
            if own.mode != mode { try Platform.changeMode(entry.path, mode) }
        }
    }
}

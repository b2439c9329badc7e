import CatiCore

/// `cati doctor`: checks a data folder's group, modes and ownership against what its
/// settings say (shared by a group: folders 2770, files 0660, every owner a member of
/// the group; private: 0700/0600, one owner) and gives the `chmod`/`chgrp`/`chown`
/// lines that fix what is wrong, as mailman's check_perms does. Reads metadata only.
public enum FolderDoctor {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let problem: String
        /// A shell command that fixes it (run by the owner, or root).
        public let fix: String?
        public var description: String { "\(path): \(problem)" }
    }

    public struct Entry: Sendable {
        public let path: String
        public let ownership: Platform.Ownership
    }

    /// The folder and everything under it (depth first, sorted).
    public static func entries(of root: String) -> [Entry] {
        var out: [Entry] = []
        func walk(_ path: String) {
            guard let own = Platform.ownership(path) else { return }
            out.append(Entry(path: path, ownership: own))
            guard own.isDirectory, !own.isSymbolicLink else { return }
            for name in Platform.list(path) { walk(path + "/" + name) }
        }
        walk(root)
        return out
    }

    /// The settings to check against: settings.json, or, when it cannot be read, what the
    /// folder shows (its group, when it has the setgid bit), with the reason.
    public static func expectedSettings(of folder: DataFolder) -> (SurveySettings?, problem: String?) {
        do {
            return (try FolderStore.readSettings(folder), nil)
        } catch {
            let shared = Platform.isShared(folder.path)
            let group = shared ? Platform.ownership(folder.path).flatMap { Platform.groupName($0.gid) } : nil
            return (SurveySettings(group: group), "\(error)")
        }
    }

    /// Everything wrong with the folder, given its settings (nil: a folder without
    /// settings, checked as a private one).
    public static func check(_ folder: DataFolder, settings: SurveySettings?) throws -> [Finding] {
        guard Platform.isDirectory(folder.path) else { throw StoreError.notFound("no data folder '\(folder.path)'") }
        guard Platform.isReadable(folder.path) else { throw StoreError.permissionDenied("read data folder \(folder.path)") }
        let all = entries(of: folder.path)
        guard let top = all.first?.ownership else { return [] }
        var findings: [Finding] = []
        let groupName = settings?.group
        var gid: Int?
        if let groupName {
            gid = Platform.groupID(named: groupName)
            if gid == nil {
                findings.append(Finding(path: folder.path, problem: "settings.json names group '\(groupName)', which does "
                                        + "not exist on this host", fix: "groupadd \(quote(groupName))"))
            }
        }
        let ownerName = Platform.userName(top.uid) ?? String(top.uid)
        for entry in all {
            let own = entry.ownership, path = entry.path
            if own.isSymbolicLink {
                findings.append(Finding(path: path, problem: "a symbolic link (cati makes none): check where it points", fix: nil))
                continue
            }
            let expected = own.isDirectory ? (groupName == nil ? 0o700 : Platform.sharedFolderMode)
                                           : (groupName == nil ? 0o600 : Platform.sharedFileMode)
            if let gid, own.gid != gid {
                let now = Platform.groupName(own.gid) ?? String(own.gid)
                findings.append(Finding(path: path, problem: "group \(now), not \(groupName!)",
                                        fix: "chgrp \(quote(groupName!)) \(quote(path))"))
            }
            if own.mode != expected {
                findings.append(Finding(path: path, problem: "mode \(octal(own.mode)), not \(octal(expected))"
                                        + (groupName == nil ? "" : " (group \(groupName!) must read and write it)"),
                                        fix: "chmod \(octal(expected)) \(quote(path))"))
            }
            let owner = Platform.userName(own.uid) ?? String(own.uid)
            if let gid, own.uid != 0, !Platform.isMember(owner, ofGroup: gid) {
                findings.append(Finding(path: path, problem: "owned by \(owner), who is not in group \(groupName!)",
                                        fix: "chown \(quote(ownerName)) \(quote(path))"))
            } else if groupName == nil, own.uid != top.uid {
                findings.append(Finding(path: path, problem: "owned by \(owner), not by \(ownerName) who owns the folder",
                                        fix: "chown \(quote(ownerName)) \(quote(path))"))
            }
        }
        // The members must be able to reach the folder.
        let parent = folder.path.contains("/") ? String(folder.path[..<folder.path.lastIndex(of: "/")!]) : "."
        if let gid, let up = Platform.ownership(parent.isEmpty ? "/" : parent),
           up.mode & 0o001 == 0, !(up.gid == gid && up.mode & 0o010 != 0) {
            findings.append(Finding(path: parent.isEmpty ? "/" : parent,
                                    problem: "members of \(groupName!) cannot pass through this folder to the data folder",
                                    fix: "chmod o+x \(quote(parent.isEmpty ? "/" : parent))"))
        }
        return findings
    }

    static func octal(_ mode: Int) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A path as one shell word.
    static func quote(_ text: String) -> String {
        if text.allSatisfy({ $0.isLetter || $0.isNumber || "/._-".contains($0) }) { return text }
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

import Glibc

// MARK: - Logins, groups and modes (shared folders, roles: docs/data-folder.md)

extension Platform {
    /// Modes of a folder shared by a group (setgid: new entries get the folder's group)
    /// and of the files in it.
    public static let sharedFolderMode = 0o2770
    public static let sharedFileMode = 0o660

    /// The effective user id of this process.
    public static var userID: Int { Int(geteuid()) }

    /// The name of a user id, from the passwd database.
    public static func userName(_ uid: Int) -> String? {
        var entry = passwd(), result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
              let name = entry.pw_name else { return nil }
        return String(cString: name)
    }

    /// The group ids of a group name; nil when there is no such group.
    public static func groupID(named name: String) -> Int? {
        var entry = group(), result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 65_536)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return Int(entry.gr_gid)
    }

    /// The name of a group id.
    public static func groupName(_ gid: Int) -> String? {
        var entry = group(), result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 65_536)
        guard getgrgid_r(gid_t(gid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
              let name = entry.gr_name else { return nil }
        return String(cString: name)
    }

    /// The groups of this process (effective and supplementary), by name.
    public static var processGroups: [String] {
        let count = getgroups(0, nil)
        var ids = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let got = getgroups(count, &ids)
        var all = Set(ids.prefix(Int(max(got, 0))).map(Int.init))
        all.insert(Int(getegid()))
        return all.sorted().compactMap(groupName)
    }

    /// Whether the login (by name) belongs to the group: as its primary group or as a
    /// listed member.
    public static func isMember(_ login: String, ofGroup gid: Int) -> Bool {
        var entry = passwd(), result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        if getpwnam_r(login, &entry, &buffer, buffer.count, &result) == 0, result != nil, Int(entry.pw_gid) == gid {
            return true
        }
        var g = group(), gResult: UnsafeMutablePointer<group>?
        var gBuffer = [CChar](repeating: 0, count: 65_536)
        guard getgrgid_r(gid_t(gid), &g, &gBuffer, gBuffer.count, &gResult) == 0, gResult != nil,
              var member = g.gr_mem else { return false }
        while let name = member.pointee {
            if String(cString: name) == login { return true }
            member += 1
        }
        return false
    }

    /// Owner, group and mode (with the setgid bit) of a path, without following a last
    /// symbolic link.
    public struct Ownership: Sendable, Equatable {
        public let uid: Int
        public let gid: Int
        /// Permission bits with setuid/setgid/sticky (mode & 0o7777).
        public let mode: Int
        public let isDirectory: Bool
        public let isSymbolicLink: Bool
    }

    public static func ownership(_ path: String) -> Ownership? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return Ownership(uid: Int(st.st_uid), gid: Int(st.st_gid), mode: Int(st.st_mode & 0o7777),
                         isDirectory: (st.st_mode & S_IFMT) == S_IFDIR, isSymbolicLink: (st.st_mode & S_IFMT) == S_IFLNK)
    }

    /// Whether a folder is shared by its group: it has the setgid bit.
    public static func isShared(_ folder: String) -> Bool {
        var st = stat()
        return stat(folder.isEmpty ? "." : folder, &st) == 0 && (st.st_mode & S_ISGID) != 0
    }

    public static func changeMode(_ path: String, _ mode: Int) throws {
        if chmod(path, mode_t(mode)) != 0 { throw fail("chmod", path) }
    }

    /// chgrp: only the owner (a member of the group) or root may.
    public static func changeGroup(_ path: String, _ gid: Int) throws {
        if lchown(path, uid_t.max, gid_t(gid)) != 0 { throw fail("chgrp", path) }
    }
}

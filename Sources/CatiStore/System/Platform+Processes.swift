import Glibc

// MARK: - Holders of interviews: who this process is, and other processes (issue 22)

extension Platform {
    /// The login this process runs as, from the kernel (effective uid → passwd), never
    /// from $USER: it decides who may take an interview over.
    public static var effectiveLogin: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    /// The effective uid of this process.
    public static var effectiveUserID: UInt32 { geteuid() }

    /// The uid that owns `path`; nil when it cannot be looked at.
    public static func owner(of path: String) -> UInt32? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_uid : nil
    }

    /// The login of a uid, or "uid N".
    public static func login(of uid: UInt32) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    /// Whether a process with this id exists on this host (it may belong to another login).
    public static func processExists(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    public enum Request { case letGo, kill }

    /// Asks a process to let go (SIGHUP: it leaves as on a hang-up) or kills it
    /// (SIGKILL). False when it is gone or may not be signalled by this login.
    @discardableResult
    public static func send(_ request: Request, to pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, request == .letGo ? SIGHUP : SIGKILL) == 0
    }

    /// Sets a file's modification time to now (or to `seconds` since 1970).
    public static func touch(_ path: String, at seconds: Double? = nil) {
        if let seconds {
            var times = [timespec(tv_sec: Int(seconds), tv_nsec: 0), timespec(tv_sec: Int(seconds), tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, path, &times, 0)
        } else {
            _ = utimensat(AT_FDCWD, path, nil, 0)
        }
    }

    /// A file's modification time (seconds since 1970), nil when there is none.
    public static func modificationTime(_ path: String) -> Double? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
    }

    /// Writes a small file in place (created with mode 0600, emptied, one write): no
    /// temporary file that a kill could leave behind; a reader may see it empty for a
    /// moment.
    public static func writeSmallFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { throw fail("create", path) }
        defer { _ = Glibc.close(fd) }
        // In a folder shared by a group, the other members read it too.
        if isShared(NSStringPath(path).deletingLastComponent) { _ = fchmod(fd, mode_t(sharedFileMode)) }
        try writeAll(fd, bytes, path: path)
    }
}

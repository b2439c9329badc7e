import Glibc

/// Every libc call of the store, in one place.
public enum Platform {
    /// A failed system call as a domain error: what the store's callers see.
    static func fail(_ operation: String, _ path: String, _ code: Int32 = errno) -> StoreError {
        let detail = "\(operation) \(path)"
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(detail)
        case EACCES, EPERM: return .permissionDenied(detail)
        case EROFS: return .readOnly(detail)
        default: return .ioFailure(reason: String(cString: strerror(code)), detail: detail)
        }
    }

    /// The errno value of a name (ENOSPC, EDQUOT, EIO, EROFS, or a number), for the
    /// fault injector's settings.
    static func errorCode(named name: String) -> Int32 {
        switch name {
        case "ENOSPC": return ENOSPC
        case "EDQUOT": return EDQUOT
        case "EIO": return EIO
        case "EROFS": return EROFS
        case "EACCES": return EACCES
        default: return Int32(name) ?? EIO
        }
    }

    /// An environment variable of this process (for test-only settings, never identity).
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Opens (creating with mode 0600 where asked) and returns the descriptor.
    public static func open(_ path: String, create: Bool = true, append: Bool = false, readOnly: Bool = false) throws -> Int32 {
        var flags: Int32 = readOnly ? O_RDONLY : O_RDWR
        if create { flags |= O_CREAT }
        if append { flags |= O_APPEND }
        flags |= O_CLOEXEC
        let fd = Glibc.open(path, flags, 0o600)
        if fd < 0 { throw fail("open", path) }
        return fd
    }

    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Writes all of `bytes` (retrying short writes), with the fault injector in the way.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        if let code = FaultInjector.shared.failure(for: .write, path: path) { throw fail("write", path, code) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("write", path)
            }
            offset += n
        }
    }

    /// Replaces a small file's contents in place (the descriptor stays locked).
    public static func replaceContents(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        if ftruncate(fd, 0) != 0 { throw fail("truncate", path) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in pwrite(fd, raw.baseAddress! + offset, bytes.count - offset, off_t(offset)) }
            if n < 0 { if errno == EINTR { continue }; throw fail("write", path) }
            offset += n
        }
    }

    /// Cuts a file back to `size` bytes (to take back a write that was never acknowledged).
    public static func truncate(_ fd: Int32, to size: Int) {
        _ = ftruncate(fd, off_t(size))
    }

    public static func sync(_ fd: Int32, path: String) throws {
        if let code = FaultInjector.shared.failure(for: .fsync, path: path) { throw fail("fsync", path, code) }
        if fsync(fd) != 0 { throw fail("fsync", path) }
    }

    /// Makes a new directory entry durable.
    public static func syncDirectory(_ path: String) {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); _ = Glibc.close(fd) }
    }

    public enum LockKind { case shared, exclusive }

    /// flock: blocks unless `wait` is false; returns false when another holder has it.
    @discardableResult
    public static func lock(_ fd: Int32, _ kind: LockKind, wait: Bool = true, path: String) throws -> Bool {
        var op = kind == .shared ? LOCK_SH : LOCK_EX
        if !wait { op |= LOCK_NB }
        while flock(fd, op) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw fail("lock", path)
        }
        return true
    }

    public static func unlock(_ fd: Int32) {
        _ = flock(fd, LOCK_UN)
    }

    public static func size(_ fd: Int32, path: String) throws -> Int {
        var st = stat()
        if fstat(fd, &st) != 0 { throw fail("stat", path) }
        return Int(st.st_size)
    }

    /// Whether `path` still names the file open as `fd` (not removed or replaced since).
    public static func names(_ path: String, _ fd: Int32) -> Bool {
        guard let opened = identity(fd), let named = identity(path) else { return false }
        return opened.sameFile(as: named)
    }

    /// The file `path` names now; nil when there is none.
    public static func identity(_ path: String) -> FileIdentity? {
        var st = stat()
        return stat(path, &st) == 0 ? FileIdentity(st) : nil
    }

    /// The file open as `fd`.
    public static func identity(_ fd: Int32) -> FileIdentity? {
        var st = stat()
        return fstat(fd, &st) == 0 ? FileIdentity(st) : nil
    }

    public static func fileSize(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    public static func readAt(_ fd: Int32, offset: Int, count: Int, path: String) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
            }
            if n < 0 { if errno == EINTR { continue }; throw fail("read", path) }
            if n == 0 { break }
            done += n
        }
        return Array(buffer[0..<done])
    }

    public static func readFile(_ path: String) throws -> [UInt8] {
        let fd = try open(path, create: false, readOnly: true)
        defer { close(fd) }
        return try readAt(fd, offset: 0, count: try size(fd, path: path), path: path)
    }

    /// Creates the directory (and parents) with mode 0700 if missing.
    public static func makeDirectory(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 { return }
        let parent = NSStringPath(path).deletingLastComponent
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw fail("create folder", path) }
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    public static func mode(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_mode & 0o777) : nil
    }

    public static func remove(_ path: String) {
        _ = unlink(path)
    }

    public static func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw fail("rename", from) }
    }

    public static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Pauses this thread.
    public static func sleep(milliseconds: Int) {
        _ = usleep(UInt32(max(0, milliseconds) * 1000))
    }

    /// Reads at most `count` bytes at `offset` into `buffer`; 0 at the end of the file.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int,
                     path: String) throws -> Int {
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw fail("read", path) }
        }
    }

    /// The offset of the first `byte` in `count` bytes from `start` (memchr), or nil.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in start: UnsafePointer<UInt8>, count: Int) -> Int? {
        guard count > 0, let hit = memchr(start, Int32(byte), count) else { return nil }
        return start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `count` bytes at `a` and at `b` are the same (memcmp).
    @inline(__always)
    static func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    /// Moves `count` bytes inside one buffer, the ranges possibly overlapping (memmove).
    static func moveBytes(_ to: UnsafeMutableRawPointer, from: UnsafeRawPointer, count: Int) {
        _ = memmove(to, from, count)
    }

    public static var processID: Int32 { getpid() }

    /// Processors online.
    public static var processors: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether this process may list and read in the folder (or read the file).
    public static func isReadable(_ path: String) -> Bool { access(path, R_OK | (isDirectory(path) ? X_OK : 0)) == 0 }

    /// Whether this process may create files in the folder (or write the file).
    public static func isWritable(_ path: String) -> Bool { access(path, W_OK | (isDirectory(path) ? X_OK : 0)) == 0 }

    public static var loginName: String {
        if let user = getenv("USER"), let s = String(validatingCString: user), !s.isEmpty { return s }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "interviewer"
    }

    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        return String(cString: buffer)
    }

    /// Seconds since 1970, with sub-second precision.
    public static var now: Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public static var monotonic: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// `seconds` since 1970 as "YYYY-MM-DD HH:MM" in the local time zone (TZ, else
    /// /etc/localtime): what the interviewer's wall clock showed then.
    public static func localMinute(_ seconds: Double) -> String {
        var t = time_t(seconds.rounded(.down))
        var parts = tm()
        tzset()
        guard localtime_r(&t, &parts) != nil else { return "" }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min))"
    }
}

/// Path arithmetic without Foundation.
struct NSStringPath {
    let path: String
    init(_ path: String) { self.path = path }
    var deletingLastComponent: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

extension FileIdentity {
    init(_ st: stat) {
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int(st.st_size))
    }
}

extension Platform {
    /// Whether standard output is a terminal (for colour in `cati report`).
    public static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
}

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
        try writeAll(fd, bytes, path: path)
    }
}

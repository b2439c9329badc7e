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

    /// Opens (creating where asked) and returns the descriptor. A file this call creates
    /// is 0600, or 0660 in a shared folder (one with the setgid bit: `cati init --group`),
    /// set with fchmod whatever the umask. In a shared folder, a file another member has
    /// just created and not yet opened to the group is tried again for a moment. The new
    /// folder entry is not synced here: the callers whose files must survive a power cut
    /// sync the folder (journals, interviews.jsonl, audit.jsonl, a rename, a new folder);
    /// lock and place files, which mean something only while their process lives, are
    /// not, so that no fsync lengthens the hold of `quota.lock`.
    public static func open(_ path: String, create: Bool = true, append: Bool = false, readOnly: Bool = false) throws -> Int32 {
        var flags: Int32 = readOnly ? O_RDONLY : O_RDWR
        if append { flags |= O_APPEND }
        flags |= O_CLOEXEC
        for attempt in 0..<200 {
            if create {
                let fd = Glibc.open(path, flags | O_CREAT | O_EXCL, 0o600)
                if fd >= 0 {
                    try madeNew(fd, path)
                    return fd
                }
                if errno != EEXIST { throw fail("open", path) }
            }
            let fd = Glibc.open(path, flags, 0)
            if fd >= 0 { return fd }
            let code = errno
            // Removed between the two opens: create it again.
            if code == ENOENT, create { continue }
            if code == EACCES, attempt < 199, isShared(NSStringPath(path).deletingLastComponent) {
                sleep(milliseconds: 1)
                continue
            }
            throw fail("open", path, code)
        }
        throw fail("open", path)
    }

    /// A file just created: the group's modes in a shared folder.
    private static func madeNew(_ fd: Int32, _ path: String) throws {
        let folder = NSStringPath(path).deletingLastComponent
        if isShared(folder), fchmod(fd, mode_t(sharedFileMode)) != 0 {
            let code = errno
            _ = Glibc.close(fd)
            throw fail("chmod", path, code)
        }
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

    /// Creates the directory (and parents) if missing: 0700, or 2770 inside a shared
    /// folder (set with chmod whatever the umask); the new entry is made durable.
    public static func makeDirectory(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 { return }
        let parent = NSStringPath(path).deletingLastComponent
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        let shared = isShared(parent.isEmpty ? "." : parent)
        if mkdir(path, shared ? mode_t(sharedFolderMode & 0o777) : 0o700) != 0 {
            if errno == EEXIST { return }
            throw fail("create folder", path)
        }
        if shared, chmod(path, mode_t(sharedFolderMode)) != 0 { throw fail("chmod", path) }
        syncDirectory(parent.isEmpty ? "." : parent)
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    public static func mode(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_mode & 0o777) : nil
    }

    /// Sets a file's permission bits (chmod).
    public static func setMode(_ path: String, _ mode: Int) throws {
        if chmod(path, mode_t(mode)) != 0 { throw fail("chmod", path) }
    }

    public static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// A second name for a file; false when `to` exists already (never replaced).
    public static func link(_ from: String, _ to: String) -> Bool { Glibc.link(from, to) == 0 }

    public static func rename(_ from: String, _ to: String) throws {
        if Glibc.rename(from, to) != 0 { throw fail("rename", from) }
        let folder = NSStringPath(to).deletingLastComponent
        syncDirectory(folder.isEmpty ? "." : folder)
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

    /// The login of this process, from the kernel (effective user id → passwd), never
    /// from an environment variable: `USER=maria` changes nothing. A user id without a
    /// passwd entry is named `uid<N>`.
    public static var loginName: String { userName(Int(geteuid())) ?? "uid\(geteuid())" }

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

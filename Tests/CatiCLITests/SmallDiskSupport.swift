import Foundation

#if canImport(Glibc)
import Glibc
#endif

// MARK: - A small disk

/// A tmpfs of `bytes` mounted at `path` (removed with the value): a disk that really
/// fills up. Needs root (CAP_SYS_ADMIN), as in CI.
final class SmallDisk {
    let path: String

    init(at path: String, bytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Glibc.mount("tmpfs", path, "tmpfs", 0, "size=\(bytes),mode=0700") == 0 else {
            throw ChildProcess.Failure.failed("mount -t tmpfs \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        _ = umount2(path, 2)  // MNT_DETACH
        rmdir(path)
    }

    /// Why a tmpfs cannot be mounted here, or nil when it can.
    static let unavailable: String? = {
        let probe = FileManager.default.temporaryDirectory.path + "/cati-probe-\(getpid())"
        do {
            _ = try SmallDisk(at: probe, bytes: 1 << 20)
            return nil
        } catch {
            let reason = "\(error); the real-disk-full tests are skipped"
            print(reason)
            return reason
        }
    }()

    /// Fills the disk with a file until it refuses more, then gives back `leaving`
    /// bytes (whole pages); returns the file's path (remove it to free the disk).
    func fill(leaving: Int) throws -> String {
        let filler = path + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ChildProcess.Failure.failed("cannot create \(filler)") }
        defer { close(fd) }
        for size in [65_536, 4_096, 1] {
            let chunk = [UInt8](repeating: 0x2E, count: size)
            while chunk.withUnsafeBytes({ write(fd, $0.baseAddress!, size) }) > 0 {}
            guard errno == ENOSPC else { throw ChildProcess.Failure.failed("filling \(filler): \(String(cString: strerror(errno)))") }
        }
        if leaving > 0 {
            var st = stat()
            fstat(fd, &st)
            _ = ftruncate(fd, max(0, off_t(Int(st.st_size) - leaving)))
        }
        return filler
    }
}

/// A file written whole or not at all: the bytes go to a temporary name in the same
/// folder (`.NAME.tmp-PID`, mode 0600), and `commit` makes them durable and renames the
/// file over its final name. A failure or an interrupted export leaves no half file
/// under the final name; `abandon` removes the temporary one.
public final class ExportFile {
    public let path: String
    public let temporaryPath: String
    private var fd: Int32?

    /// Thrown when the final name exists and replacing it was not asked for.
    public struct Exists: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "'\(path)' exists; add --force to replace it" }
    }

    public init(path: String, replacing: Bool) throws {
        if !replacing, Platform.exists(path) { throw Exists(path: path) }
        self.path = path
        let folder = NSStringPath(path).deletingLastComponent
        let name = String(path.split(separator: "/").last ?? Substring(path))
        temporaryPath = (folder.isEmpty ? "" : folder + "/") + "." + name + ".tmp-" + String(Platform.processID)
        Platform.remove(temporaryPath)
        fd = try Platform.open(temporaryPath, create: true)
    }

    public func write(_ bytes: [UInt8]) throws {
        guard let fd else { return }
        try Platform.writeAll(fd, bytes, path: temporaryPath)
    }

    public func commit() throws {
        guard let fd else { return }
        try Platform.sync(fd, path: temporaryPath)
        Platform.close(fd)
        self.fd = nil
        try Platform.rename(temporaryPath, path)
        let folder = NSStringPath(path).deletingLastComponent
        Platform.syncDirectory(folder.isEmpty ? "." : folder)
    }

    public func abandon() {
        if let fd { Platform.close(fd) }
        fd = nil
        Platform.remove(temporaryPath)
    }

    deinit { if fd != nil { abandon() } }
}

/// A line-per-event log written with one unbuffered `write` per line, so a test that
/// kills the process knows exactly what had been acknowledged before the kill.
public final class TraceFile: @unchecked Sendable {
    private let fd: Int32
    private let path: String

    public init(path: String) throws {
        self.path = path
        fd = try Platform.open(path, create: true, append: true)
    }

    public func write(_ line: String) {
        try? Platform.writeAll(fd, Array((line + "\n").utf8), path: path)
    }

    deinit { Platform.close(fd) }
}

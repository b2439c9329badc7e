#if canImport(Glibc)
import Glibc
#endif

/// Streams the complete lines of a file from an offset, in fixed-size chunks, so that
/// memory stays small whatever the file's size. A last line without its newline (a
/// torn tail, or a write still in progress) is not delivered; `endOffset` stops before it.
public struct LineStream {
    public let path: String
    public var chunkSize = 4 << 20

    public init(path: String) { self.path = path }

    public struct Result: Sendable {
        /// Offset just past the last complete line.
        public var endOffset: Int
        /// Number of complete lines delivered.
        public var lines: Int
        /// True when bytes after the last newline were left unread.
        public var tornTail: Bool
    }

    /// Calls `body` with each complete line (without its newline) and its 0-based index,
    /// from `offset` to the end of the file, or to `end` when given.
    public func forEachLine(from offset: Int, to end: Int? = nil,
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> Result {
        guard Platform.exists(path) else { return Result(endOffset: offset, lines: 0, tornTail: false) }
        let fd = try Platform.open(path, create: false, readOnly: true)
        defer { Platform.close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var carried = 0          // bytes of an unfinished line at the start of buffer
        var fileOffset = offset  // where the next read goes
        var lineStart = offset   // file offset of buffer[0]
        var count = 0
        while true {
            if carried == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let room = min(buffer.count - carried, end.map { max(0, $0 - fileOffset) } ?? Int.max)
            let got = room == 0 ? 0 : buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + carried, room, off_t(fileOffset))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Platform.fail("read", path)
            }
            if got == 0 {
                return Result(endOffset: lineStart, lines: count, tornTail: carried > 0)
            }
            fileOffset += got
            let filled = carried + got
            var consumed = 0
            try buffer.withUnsafeBufferPointer { all in
                let base = all.baseAddress!
                while consumed < filled {
                    guard let nl = memchr(base + consumed, 0x0A, filled - consumed) else { break }
                    let lineEnd = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                    try body(UnsafeBufferPointer(start: base + consumed, count: lineEnd - consumed), count)
                    count += 1
                    consumed = lineEnd + 1
                }
            }
            lineStart += consumed
            carried = filled - consumed
            if consumed > 0, carried > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, carried)
                }
            }
        }
    }
}

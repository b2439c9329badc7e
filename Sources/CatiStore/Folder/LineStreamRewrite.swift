/// The streaming half of `FileRewrite.rewriteLines`: a locked file's lines passed one by
/// one through a transform, in memory that does not grow with the file.
///
/// The file is read in chunks of `chunkSize` bytes; each complete line (without its
/// newline) goes to the transform. Nothing is written while every line is kept: a file
/// with nothing to change costs one read. At the first line dropped or changed, the
/// temporary file `<file>.erasing` is made and the unchanged part before it copied in;
/// from then on kept lines are copied as they are (by runs of bytes, never re-encoded)
/// and the output is written in pieces of about `chunkSize`. A torn last line (no
/// newline) is kept as it is and never given to the transform. Memory: about two
/// chunks, or the longest line when it is longer (the transform needs the whole line).
struct LineStreamRewrite {
    /// What the rewrite did: lines dropped or replaced (`touched`), and whether the new
    /// contents differ (then `<file>.erasing` holds them, written and synced, not yet
    /// renamed).
    struct Outcome {
        var touched = 0
        var changed = false
    }

    static let defaultChunkSize = 1 << 20

    let path: String
    let fd: Int32
    let size: Int
    let chunkSize: Int
    var temporaryPath: String { path + ".erasing" }

    /// Streams the first `size` bytes of `fd` (open and locked by the caller).
    func run(_ transform: (ArraySlice<UInt8>) -> [UInt8]??) throws -> Outcome {
        var outcome = Outcome()
        var output: Output? = nil
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkSize * 2)
        var base = 0        // file offset of buffer[0]
        var readOffset = 0  // file offset of the next read
        var start = 0       // buffer index of the line being looked at
        var kept = 0        // buffer[kept..<start]: kept lines not yet copied to the output
        var scan = 0        // buffer index from which to look for the next newline
        do {
            while true {
                if let newline = buffer[scan...].firstIndex(of: 0x0A) {
                    let line = buffer[start..<newline]
                    if let replacement = transform(line) {
                        outcome.touched += 1
                        if replacement.map({ !$0.elementsEqual(line) }) ?? true {
                            if output == nil {
                                // The first change: everything before this line is unchanged.
                                output = try Output(path: temporaryPath, chunkSize: chunkSize)
                                try output!.copy(from: fd, path: path, count: base + start, using: &chunk)
                                try output!.flush()
                                FileRewrite.pause()
                            } else {
                                try output!.append(buffer[kept..<start])
                            }
                            if let replacement { try output!.append(replacement[...], newline: true) }
                            kept = newline + 1
                        }
                    }
                    start = newline + 1
                    scan = start
                    continue
                }
                scan = buffer.count
                guard readOffset < size else { break }
                // The lines looked at leave the buffer; the kept ones go out first.
                if output != nil { try output!.append(buffer[kept..<start]) }
                buffer.removeSubrange(0..<start)
                base += start
                scan -= start
                start = 0
                kept = 0
                let n = try chunk.withUnsafeMutableBytes { raw in
                    try Platform.read(fd, into: raw.baseAddress!, count: min(chunkSize, size - readOffset),
                                      at: readOffset, path: path)
                }
                guard n > 0 else { break }
                buffer.append(contentsOf: chunk[0..<n])
                readOffset += n
            }
            guard var output else { return outcome }
            // The kept lines left, and a torn last line as it is.
            try output.append(buffer[kept...])
            try output.finish()
            outcome.changed = true
            return outcome
        } catch {
            output?.close()
            Platform.remove(temporaryPath)
            throw error
        }
    }

    /// `<file>.erasing`, written in pieces of about one chunk.
    struct Output {
        let path: String
        let fd: Int32
        let chunkSize: Int
        var pending: [UInt8] = []

        init(path: String, chunkSize: Int) throws {
            self.path = path
            self.chunkSize = chunkSize
            try Platform.writeSmallFile(path, [])
            fd = try Platform.open(path, create: false, append: true)
            pending.reserveCapacity(chunkSize * 2)
        }

        mutating func append(_ bytes: ArraySlice<UInt8>, newline: Bool = false) throws {
            pending.append(contentsOf: bytes)
            if newline { pending.append(0x0A) }
            if pending.count >= chunkSize { try flush() }
        }

        /// The first `count` bytes of `source`, read a chunk at a time.
        mutating func copy(from source: Int32, path sourcePath: String, count: Int, using chunk: inout [UInt8]) throws {
            var offset = 0
            while offset < count {
                let want = min(chunk.count, count - offset)
                let n = try chunk.withUnsafeMutableBytes { raw in
                    try Platform.read(source, into: raw.baseAddress!, count: want, at: offset, path: sourcePath)
                }
                guard n > 0 else { throw StoreError.ioFailure(reason: "the file shrank under its lock", detail: "read \(sourcePath)") }
                try append(chunk[0..<n])
                offset += n
            }
        }

        mutating func flush() throws {
            guard !pending.isEmpty else { return }
            try Platform.writeAll(fd, pending, path: path)
            pending.removeAll(keepingCapacity: true)
        }

        /// Written and synced; closed.
        mutating func finish() throws {
            try flush()
            try Platform.sync(fd, path: path)
            close()
        }

        func close() { Platform.close(fd) }
    }
}

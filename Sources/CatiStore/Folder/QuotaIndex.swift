import CatiCore

/// `quota-index.json`: completes per cell (and records per status, and the lines that
/// could not be read) up to a byte offset of interviews.jsonl, with a fingerprint of
/// the file up to that offset. Only a cache: when it is missing, unreadable, or its
/// fingerprint does not match the file, the counts are rebuilt from interviews.jsonl.
///
/// The fingerprint names the file (device and inode: a file renamed over it, or a
/// copy, is another file) and hashes its bytes up to the offset: all of them up to
/// 1 MiB, beyond that the first and last 64 KiB and 64 blocks of 4 KiB spread evenly
/// in between, so checking it costs a few hundred KiB of reads whatever the size.
/// The byte before the offset must be a newline.
struct QuotaIndex {
    static let version = 2

    var counts: [String: [String: Int]]
    var statusCounts: [String: Int]
    var offset: Int
    var lines: Int
    /// Lines before `offset` that were skipped (line number, reason), reported again.
    var skipped: [(line: Int, reason: String)] = []

    static func fingerprint(_ path: String, offset: Int) -> String? {
        guard offset > 0, let fd = try? Platform.open(path, create: false, readOnly: true) else { return nil }
        defer { Platform.close(fd) }
        guard let file = Platform.identity(fd), file.size >= offset else { return nil }
        var hash = FNV64()
        func read(_ start: Int, _ count: Int) -> Bool {
            guard let bytes = try? Platform.readAt(fd, offset: start, count: count, path: path),
                  bytes.count == count else { return false }
            hash.add(bytes)
            return true
        }
        guard let last = try? Platform.readAt(fd, offset: offset - 1, count: 1, path: path), last == [0x0A] else {
            return nil
        }
        if offset <= 1 << 20 {
            guard read(0, offset) else { return nil }
        } else {
            let edge = 64 << 10, block = 4 << 10, samples = 64
            guard read(0, edge), read(offset - edge, edge) else { return nil }
            let span = offset - 2 * edge - block
            for k in 0..<samples {
                guard read(edge + span * k / (samples - 1), block) else { return nil }
            }
        }
        return "\(file.device):\(file.inode):\(offset):\(hash.hex)"
    }

    static func load(_ indexPath: String, for path: String) -> QuotaIndex? {
        guard let bytes = try? Platform.readFile(indexPath), let json = JSONParser.parseObject(bytes),
              json["version"]?.intValue == version, let offset = json["offset"]?.intValue,
              let lines = json["lines"]?.intValue, let saved = json["fingerprint"]?.stringValue,
              fingerprint(path, offset: offset) == saved else { return nil }
        var counts: [String: [String: Int]] = [:]
        for (quota, cells) in json["complete"]?.objectMembers ?? [] {
            for (cell, n) in cells.objectMembers ?? [] { counts[quota, default: [:]][cell] = n.intValue ?? 0 }
        }
        var statusCounts: [String: Int] = [:]
        for (status, n) in json["status"]?.objectMembers ?? [] { statusCounts[status] = n.intValue ?? 0 }
        var skipped: [(line: Int, reason: String)] = []
        for entry in json["skipped"]?.arrayValue ?? [] {
            guard let line = entry["line"]?.intValue, let reason = entry["reason"]?.stringValue else { return nil }
            skipped.append((line, reason))
        }
        return QuotaIndex(counts: counts, statusCounts: statusCounts, offset: offset, lines: lines, skipped: skipped)
    }

    /// Written to a temporary file and renamed into place: a reader never sees half of it.
    func save(_ indexPath: String, for path: String) {
        guard let fp = QuotaIndex.fingerprint(path, offset: offset) else { return }
        let json = JSON.object([
            ("version", .int(QuotaIndex.version)), ("offset", .int(offset)), ("lines", .int(lines)),
            ("fingerprint", .string(fp)),
            ("complete", .object(counts.keys.sorted().map { q in
                (q, .object(counts[q]!.keys.sorted().map { ($0, .int(counts[q]![$0]!)) }))
            })),
            ("status", .object(statusCounts.keys.sorted().map { ($0, .int(statusCounts[$0]!)) })),
            ("skipped", .array(skipped.map { .object([("line", .int($0.line)), ("reason", .string($0.reason))]) })),
        ])
        let temp = indexPath + ".\(Platform.processID).tmp"
        guard let fd = try? Platform.open(temp, create: true) else { return }
        let ok = (try? Platform.replaceContents(fd, Array(json.serialized.utf8), path: temp)) != nil
        Platform.close(fd)
        if ok { try? Platform.rename(temp, indexPath) } else { Platform.remove(temp) }
    }
}

/// 64-bit FNV-1a, 8 bytes at a time.
struct FNV64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var h = value
            var i = 0
            let n = raw.count
            while i + 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
                h ^= h >> 29
                i += 8
            }
            while i < n {
                h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
                i += 1
            }
            value = h
        }
    }

    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

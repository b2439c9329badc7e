import CatiCore

/// `quota-index.json`: completes per cell up to a byte offset of interviews.jsonl, with
/// the 64 bytes before that offset and the file's first 64 bytes as a fingerprint.
/// Only a cache: when it is missing, unreadable, or its fingerprint does not match the
/// file, the counts are rebuilt from interviews.jsonl.
struct QuotaIndex {
    var counts: [String: [String: Int]]
    var statusCounts: [String: Int]
    var offset: Int
    var lines: Int

    static func fingerprint(_ path: String, offset: Int) -> String? {
        guard offset > 0, let fd = try? Platform.open(path, create: false, readOnly: true) else { return nil }
        defer { Platform.close(fd) }
        let tail = (try? Platform.readAt(fd, offset: max(0, offset - 64), count: min(64, offset), path: path)) ?? []
        let head = (try? Platform.readAt(fd, offset: 0, count: min(64, offset), path: path)) ?? []
        guard tail.count == min(64, offset) else { return nil }
        return (head + tail).map { b in String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16) }
            .joined()
    }

    static func load(_ indexPath: String, for path: String) -> QuotaIndex? {
        guard let bytes = try? Platform.readFile(indexPath), let json = JSONParser.parseObject(bytes),
              json["version"]?.intValue == 1, let offset = json["offset"]?.intValue, let lines = json["lines"]?.intValue,
              let saved = json["fingerprint"]?.stringValue,
              let size = Platform.fileSize(path), size >= offset,
              fingerprint(path, offset: offset) == saved else { return nil }
        var counts: [String: [String: Int]] = [:]
        for (quota, cells) in json["complete"]?.objectMembers ?? [] {
            for (cell, n) in cells.objectMembers ?? [] { counts[quota, default: [:]][cell] = n.intValue ?? 0 }
        }
        var statusCounts: [String: Int] = [:]
        for (status, n) in json["status"]?.objectMembers ?? [] { statusCounts[status] = n.intValue ?? 0 }
        return QuotaIndex(counts: counts, statusCounts: statusCounts, offset: offset, lines: lines)
    }

    /// Written to a temporary file and renamed into place: a reader never sees half of it.
    func save(_ indexPath: String, for path: String) {
        guard let fp = QuotaIndex.fingerprint(path, offset: offset) else { return }
        let json = JSON.object([
            ("version", .int(1)), ("offset", .int(offset)), ("lines", .int(lines)), ("fingerprint", .string(fp)),
            ("complete", .object(counts.keys.sorted().map { q in
                (q, .object(counts[q]!.keys.sorted().map { ($0, .int(counts[q]![$0]!)) }))
            })),
            ("status", .object(statusCounts.keys.sorted().map { ($0, .int(statusCounts[$0]!)) })),
        ])
        let temp = indexPath + ".\(Platform.processID).tmp"
        guard let fd = try? Platform.open(temp, create: true) else { return }
        let ok = (try? Platform.replaceContents(fd, Array(json.serialized.utf8), path: temp)) != nil
        Platform.close(fd)
        if ok { try? Platform.rename(temp, indexPath) } else { Platform.remove(temp) }
    }
}

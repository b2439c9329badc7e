import CatiCore

/// Forgetting respondents in the data folder (issue 20, docs/privacy.md).
///
/// 1. Nothing of the cases may be held by a live process (an interview running, a case
///    claimed): `busy`, nothing done.
/// 2. The request is appended to `erasures.jsonl` and synced: from then on the cases
///    are never offered again (`takenCases`), and the erasure is bound to complete —
///    every later `erase` applies every recorded request again.
/// 3. Each file holding something of theirs is replaced crash-safely under its writers'
///    lock (`FileRewrite`): `interviews.jsonl`, `calls.jsonl`, their journals.
///    Every other line keeps its bytes.
extension FolderStore {
    var erasuresPath: String { folder.path + "/erasures.jsonl" }

    public func erase(_ request: ErasureRequest) throws -> ErasureReport {
        let wanted = Set(request.cases)
        try refuseIfHeld(wanted)
        // One erasure at a time: erasures.jsonl stays locked until every file is rewritten.
        let fd = try AppendLock.open(erasuresPath)
        defer { Platform.close(fd) }
        defer { Platform.unlock(fd) }
        var lines: [UInt8] = []
        for id in request.cases {
            let line = JSON.object([("case", .string(id)), ("answers", .bool(request.answers)),
                                    ("reason", .string(request.reason)),
                                    ("at", .string(Timestamp.rfc3339(Platform.now.rounded(.down))))])
            lines += Array(line.serialized.utf8) + [0x0A]
        }
        if !lines.isEmpty {
            try Platform.writeAll(fd, lines, path: erasuresPath)
            try Platform.sync(fd, path: erasuresPath)
            Platform.syncDirectory(folder.path)
        }
        FileRewrite.pause()
        return try applyErasures(personalColumns: request.personalColumns)
    }

    /// Every case ever erased or purged.
    public func erasedCases() throws -> Set<String> { Set(try recordedErasures().keys) }

    /// The recorded requests: case → whether its answers go too.
    func recordedErasures() throws -> [String: Bool] {
        guard Platform.exists(erasuresPath) else { return [:] }
        var out: [String: Bool] = [:]
        for line in try Platform.readFile(erasuresPath).split(separator: 0x0A) {
            guard let json = JSONParser.parseObject(line), let id = json["case"]?.stringValue else { continue }
            out[id] = (out[id] ?? false) || (json["answers"]?.boolValue ?? false)
        }
        return out
    }

    /// Applies every recorded request (those of an erasure a crash cut short too).
    func applyErasures(personalColumns: [String]) throws -> ErasureReport {
        // The temporary file of a rewrite a crash cut short (it holds the new state, so
        // nothing of an erased case; it is simply not needed).
        for directory in [folder.path, folder.journals] {
            for name in Platform.list(directory) where name.hasSuffix(".erasing") { Platform.remove(directory + "/" + name) }
        }
        let erased = try recordedErasures()
        var report = ErasureReport()
        guard !erased.isEmpty else { return report }
        let withAnswers = Set(erased.filter(\.value).keys)
        report.records = try FileRewrite.rewriteLines(folder.interviews) { line in
            // Most lines are not of an erased case: their respondent is read by its bytes.
            if let r = Self.firstString(Self.respondentKey, in: line), erased[r] == nil { return nil }
            guard let json = JSONParser.parseObject(line), let r = json["respondent"]?.stringValue, erased[r] != nil else {
                return nil
            }
            if withAnswers.contains(r) { return .some(nil) }
            return Self.without(personalColumns, inAnswersOf: json).map { Array($0.serialized.utf8) }
        }
        if report.records > 0 { Platform.remove(folder.quotaIndex) }
        report.attempts = try FileRewrite.rewriteLines(folder.path + "/calls.jsonl") { line in
            if let c = Self.firstString(Self.caseKey, in: line), erased[c] == nil { return nil }
            guard let json = JSONParser.parseObject(line), let c = json["case"]?.stringValue, erased[c] != nil else {
                return nil
            }
            if withAnswers.contains(c) { return .some(nil) }
            // The fingerprint of the name and phone goes; the attempt stays.
            guard case .object(let members) = json, members.contains(where: { $0.0 == "contact" }) else { return nil }
            return Array(JSON.object(members.filter { $0.0 != "contact" }).serialized.utf8)
        }
        report.journals = try eraseJournals(erased, withAnswers: withAnswers, personalColumns: personalColumns)
        for id in erased.keys { Platform.remove(claims + "/" + Self.safeFileName(id)) }
        return report
    }

    static let respondentKey = Array("\"respondent\":".utf8)
    static let caseKey = Array("\"case\":".utf8)

    /// The string value of the first structural `key` of a line (after `{` or `,`; a
    /// quote inside a string is always escaped, so this is never text), when that value
    /// is a plain string and comes before any nested object (where the program writes
    /// `respondent` and `case`); nil otherwise, and the caller parses the line.
    static func firstString(_ key: [UInt8], in line: ArraySlice<UInt8>) -> String? {
        var k = line.startIndex + 1
        while k + key.count < line.endIndex {
            // A nested object (or a brace in a text) before the key: parse the line instead.
            if line[k] == 0x7B { return nil }
            if line[k] == 0x22, line[k - 1] == 0x2C || line[k - 1] == 0x7B, line[k..<(k + key.count)].elementsEqual(key) {
                let start = k + key.count
                guard line[start] == 0x22, let end = line[(start + 1)...].firstIndex(of: 0x22),
                      !line[(start + 1)..<end].contains(0x5C) else { return nil }
                return String(decoding: line[(start + 1)..<end], as: UTF8.self)
            }
            k += 1
        }
        return nil
    }

    /// A record with its answers' personal columns taken out (nil: it had none).
    static func without(_ columns: [String], inAnswersOf record: JSON) -> JSON? {
        guard case .object(var members) = record, let k = members.firstIndex(where: { $0.0 == "answers" }),
              case .object(let answers) = members[k].1, answers.contains(where: { columns.contains($0.0) }) else { return nil }
        members[k].1 = .object(answers.filter { !columns.contains($0.0) })
        return .object(members)
    }

    private func eraseJournals(_ erased: [String: Bool], withAnswers: Set<String>, personalColumns: [String]) throws -> Int {
        var count = 0
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            let path = folder.journals + "/" + name
            guard let (header, _) = try? Journal.read(path: path), let r = header.sample?.id, erased[r] != nil else { continue }
            let fd = try Platform.open(path, create: false)
            defer { Platform.close(fd) }
            guard try Platform.lock(fd, .exclusive, wait: false, path: path) else { throw StoreError.busy(header.id) }
            defer { Platform.unlock(fd) }
            if withAnswers.contains(r) {
                Platform.remove(folder.place(header.id))
                Platform.remove(folder.holder(header.id))
                Platform.remove(path)
                Platform.syncDirectory(folder.journals)
                count += 1
                continue
            }
            // Journals written before personal columns were kept out: the header loses them.
            let old = try Platform.readFile(path)
            guard let end = old.firstIndex(of: 0x0A), let json = JSONParser.parseObject(old[..<end]),
                  case .object(let members) = json else { continue }
            let kept = members.map { key, value -> (String, JSON) in
                guard key == "sample", case .object(let cells) = value else { return (key, value) }
                return (key, .object(cells.filter { !personalColumns.contains($0.0) }))
            }
            let bytes = Array(JSON.object(kept).serialized.utf8) + old[end...]
            if try FileRewrite.replace(path, with: bytes, old: old) { count += 1 }
        }
        return count
    }

    /// `busy` when a live process holds an interview or the claim of one of the cases.
    private func refuseIfHeld(_ cases: Set<String>) throws {
        for item in try interviewsInProgress() where item.isHeld {
            if let r = item.respondent, cases.contains(r) { throw StoreError.busy(item.header.id) }
        }
        let claimed = claimedCases()
        for id in cases where claimed.contains(Self.safeFileName(id)) { throw StoreError.busy(id) }
    }
}

import CatiCore

/// Which sample cases are taken: a case is done once interviews.jsonl has a record for
/// it, and busy while an interviewer process holds `claims/<respondent id>` locked (the
/// lock goes with the process). Interrupted and suspended interviews keep their case
/// out of the queue until they are finished.
public final class RespondentClaim: @unchecked Sendable {
    let fd: Int32
    let path: String
    public let respondent: String

    init(fd: Int32, path: String, respondent: String) {
        self.fd = fd
        self.path = path
        self.respondent = respondent
    }

    public func release() {
        Platform.remove(path)
        Platform.unlock(fd)
        Platform.close(fd)
    }
}

extension FolderStore {
    var claims: String { folder.path + "/claims" }

    /// Takes the case for this process, or nil when another interviewer has it.
    public func claim(respondent: String) throws -> RespondentClaim? {
        try Platform.makeDirectory(claims)
        let path = claims + "/" + Self.safeFileName(respondent)
        let fd = try Platform.open(path, create: true)
        guard try Platform.lock(fd, .exclusive, wait: false, path: path) else {
            Platform.close(fd)
            return nil
        }
        return RespondentClaim(fd: fd, path: path, respondent: respondent)
    }

    /// Respondents with a saved record, and those of interviews in progress or
    /// interrupted (their journals).
    public func takenRespondents() throws -> Set<String> {
        var taken = Set<String>()
        _ = try LineStream(path: folder.interviews).forEachLine(from: 0) { line, _ in
            if let json = JSONParser.parseObject(UnsafeBufferPointer(rebasing: line[...])),
               let respondent = json["respondent"]?.stringValue {
                taken.insert(respondent)
            }
        }
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            if let (header, _) = try? Journal.read(path: folder.journals + "/" + name), let r = header.sample?.id {
                taken.insert(r)
            }
        }
        for name in Platform.list(claims) {
            let path = claims + "/" + name
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            if (try? Platform.lock(fd, .shared, wait: false, path: path)) == false { taken.insert(name) }
            Platform.unlock(fd)
            Platform.close(fd)
        }
        return taken
    }

    static func safeFileName(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}

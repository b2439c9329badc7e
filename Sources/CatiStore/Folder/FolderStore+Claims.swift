import CatiCore

/// Which sample cases are taken: a case is done once interviews.jsonl has a record for
/// it, and busy while an interviewer process holds `claims/<respondent id>` locked (the
/// lock goes with the process). Interrupted and suspended interviews keep their case
/// out of the queue until they are finished.
final class FolderCaseClaim: CaseClaim, @unchecked Sendable {
    let fd: Int32
    let path: String
    let caseID: String

    init(fd: Int32, path: String, caseID: String) {
        self.fd = fd
        self.path = path
        self.caseID = caseID
    }

    /// Tests only: the process dies holding the claim (the lock goes, the file stays).
    func abandon() {
        Platform.unlock(fd)
        Platform.close(fd)
    }

    func release() {
        Platform.remove(path)
        Platform.unlock(fd)
        Platform.close(fd)
    }
}

extension FolderStore {
    var claims: String { folder.path + "/claims" }

    /// Takes the case for this process, or nil when another interviewer has it.
    public func claim(case id: String) throws -> (any CaseClaim)? {
        try Platform.makeDirectory(claims)
        let path = claims + "/" + Self.safeFileName(id)
        let fd = try Platform.open(path, create: true)
        guard try Platform.lock(fd, .exclusive, wait: false, path: path) else {
            Platform.close(fd)
            return nil
        }
        // A claim file removed by its holder between our open and our lock is no claim:
        // take the one named now.
        guard Platform.names(path, fd) else {
            Platform.unlock(fd)
            Platform.close(fd)
            return try claim(case: id)
        }
        return FolderCaseClaim(fd: fd, path: path, caseID: id)
    }

    /// Cases whose claim file is locked by a live process.
    func claimedCases() -> Set<String> {
        var taken = Set<String>()
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

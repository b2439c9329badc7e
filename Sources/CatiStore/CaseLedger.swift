import CatiCore

/// Which sample cases this process may call, and claiming the next one: the one rule
/// the interviewer screen and `cati simulate` share. A case is taken once
/// interviews.jsonl has a record for it, while a journal names it (in progress,
/// interrupted or suspended), and while another process holds its claim. The records
/// are read incrementally: each look reads only what was appended since the last.
/// (Issue 10's store gives `takenCases()`/`claim(case:)` for the same thing.)
public final class CaseLedger: @unchecked Sendable {
    public let store: FolderStore
    private var offset = 0
    private var fileIdentity: FileIdentity?
    private var saved = Set<String>()

    public init(store: FolderStore) { self.store = store }

    /// Respondents with a saved record or a journal, and those claimed by a live process
    /// (`own`, the case this process has just claimed, is not counted as claimed).
    public func taken(exceptClaimOf own: String? = nil) throws -> Set<String> {
        try readNewRecords()
        var taken = saved
        let folder = store.folder
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            if let (header, _) = try? Journal.read(path: folder.journals + "/" + name), let r = header.sample?.id {
                taken.insert(r)
            }
        }
        let own = own.map(FolderStore.safeFileName)
        for name in Platform.list(store.claims) where name != own {
            let path = store.claims + "/" + name
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            if (try? Platform.lock(fd, .shared, wait: false, path: path)) == false { taken.insert(name) }
            Platform.unlock(fd)
            Platform.close(fd)
        }
        return taken
    }

    /// The case `queue` offers, claimed for this process; nil when no case is left.
    /// A case another process claims first, or finishes between the look and the
    /// claim, is passed over for the next.
    public func claimNext(_ queue: CaseQueue, preferring id: String? = nil) throws -> (SampleRecord, RespondentClaim)? {
        var lost = Set<String>()
        var preferred = id
        while true {
            guard let row = queue.next(excluding: try taken().union(lost), preferring: preferred) else { return nil }
            preferred = nil
            if let claim = try claim(row.id) { return (row, claim) }
            lost.insert(row.id)
        }
    }

    /// Claims the case for this process; nil when another process holds it, or it was
    /// saved or started meanwhile (its record or journal appeared before its claim was
    /// let go).
    public func claim(_ id: String) throws -> RespondentClaim? {
        guard let claim = try store.claim(respondent: id) else { return nil }
        if try taken(exceptClaimOf: id).contains(id) {
            claim.release()
            return nil
        }
        return claim
    }

    private func readNewRecords() throws {
        let path = store.folder.interviews
        let identity = Platform.identity(path)
        if identity.map({ !$0.sameFile(as: fileIdentity) || $0.size < offset }) ?? (offset > 0) {
            offset = 0  // a new or replaced file: read it again from the start
            saved = []
            fileIdentity = identity
        }
        let result = try LineStream(path: path).forEachLine(from: offset) { line, _ in
            if let json = JSONParser.parseObject(UnsafeBufferPointer(rebasing: line[...])),
               let respondent = json["respondent"]?.stringValue {
                saved.insert(respondent)
            }
        }
        offset = result.endOffset
    }
}

import CatiCore

/// An interview held by this process in the data folder: its journal, locked.
final class FolderInterviewHandle: InterviewHandle, @unchecked Sendable {
    let store: FolderStore
    let journal: Journal
    /// Set once the record is durable in interviews.jsonl.
    private var savedRecord: String?
    /// `journal/<id>.holder`: who holds the interview (issue 22).
    let holderPath: String
    /// When the holder file was last touched (monotonic seconds).
    private var touched = 0.0

    init(store: FolderStore, journal: Journal) {
        self.store = store
        self.journal = journal
        self.holderPath = store.folder.holder(journal.header.id)
        let holder = InterviewHolder.thisProcess(interviewer: journal.header.interviewer, since: Platform.now)
        try? Platform.writeSmallFile(holderPath, FolderStore.holderLine(holder))
    }

    /// The holder file's time is the last key: touched at most once a second.
    func noteKey() {
        let now = Platform.monotonic
        guard now - touched >= 1 else { return }
        touched = now
        Platform.touch(holderPath)
    }

    /// The holder file goes before the lock, so that it never names a process that
    /// let go while another holds the interview.
    private func removeHolder() {
        Platform.remove(holderPath)
    }

    var header: JournalHeader { journal.header }

    func append(_ event: JournalEvent) throws {
        try journal.append(event)
        touched = Platform.monotonic
        Platform.touch(holderPath)
    }

    /// The journal gets the record first (`finishing`), so that a crash at any later
    /// step is completed by `recoverFinished`; then interviews.jsonl, the places, and
    /// the journal's removal. Called again after a failure, it picks up where it stopped.
    func finish(_ record: InterviewRecord) throws {
        if savedRecord == nil {
            if !journal.hasFinishingRecord { try journal.append(.finishing(record: record.line)) }
            if let hook = store.recordAppendHook {
                try hook { try store.appendRecord(record) }
            } else {
                try store.appendRecord(record)
            }
            savedRecord = record.line
        }
        try? store.gate.releaseAll(for: header.id)
        removeHolder()
        journal.remove()
    }

    func suspend(at time: Double, reason: String) throws {
        try journal.append(.suspended(at: time, reason: reason))
        try? store.gate.releaseAll(for: header.id)
        removeHolder()
        journal.close()
    }

    /// Tests only: what the kernel does when the process is killed (the lock goes, the
    /// files stay as they are).
    func abandon() {
        journal.close()
    }

    func letGo() {
        try? store.gate.releaseAll(for: header.id)
        removeHolder()
        journal.close()
    }
}

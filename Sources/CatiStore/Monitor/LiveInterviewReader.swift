import CatiCore

/// The interviews in progress, from the journal folder, and the quota places they
/// hold, for the supervisor screen. Reading never gets in an interviewer's way: a
/// journal's lock is tried without waiting and given back at once (held by its process:
/// in progress; free: interrupted or suspended), journals are read without a lock, and
/// place files are read under a shared `quota.lock`, which keeps out only the moment an
/// interviewer changes places. Nothing is written or removed.
public struct LiveInterviewReader {
    public let folder: DataFolder
    public let questionnaire: Questionnaire
    /// Per journal, its size when last read and what was found then.
    private var cache: [String: (size: Int, found: Found?)] = [:]

    private struct Found {
        let header: JournalHeader
        let question: String?
        let suspended: Bool
        let lastActivity: Double
    }

    public init(folder: DataFolder, questionnaire: Questionnaire) {
        self.folder = folder
        self.questionnaire = questionnaire
    }

    public mutating func read() -> [LiveInterview] {
        var out: [LiveInterview] = []
        var seen = Set<String>()
        for name in Platform.list(folder.journals) where name.hasSuffix(".jsonl") {
            let path = folder.journals + "/" + name
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            let free = (try? Platform.lock(fd, .shared, wait: false, path: path)) ?? false
            if free { Platform.unlock(fd) }
            let size = (try? Platform.size(fd, path: path)) ?? 0
            Platform.close(fd)
            seen.insert(name)
            if cache[name]?.size != size { cache[name] = (size, Self.look(path, questionnaire)) }
            guard let found = cache[name]?.found else { continue }
            let state: LiveInterview.State = !free ? .active : found.suspended ? .suspended : .interrupted
            out.append(LiveInterview(id: found.header.id, interviewer: found.header.interviewer,
                                     respondent: found.header.sample?.id, question: found.question,
                                     started: found.header.startedAt, lastActivity: found.lastActivity, state: state))
        }
        for name in cache.keys where !seen.contains(name) { cache[name] = nil }
        return out
    }

    /// A journal's header, state and current question (its actions replayed through the
    /// engine with a gate that holds nothing); nil when it has no header yet or its
    /// record is being saved.
    private static func look(_ path: String, _ questionnaire: Questionnaire) -> Found? {
        guard let (header, events) = try? Journal.read(path: path) else { return nil }
        var suspended = false
        var last = header.startedAt
        for event in events {
            switch event {
            case .action(_, let t): last = t; suspended = false
            case .suspended(let t): last = t; suspended = true
            case .resumed(let t): last = t; suspended = false
            case .finishing: return nil
            }
        }
        return Found(header: header, question: currentQuestion(header, events, questionnaire), suspended: suspended,
                     lastActivity: last)
    }

    static func currentQuestion(_ header: JournalHeader, _ events: [JournalEvent], _ questionnaire: Questionnaire) -> String? {
        guard header.questionnaireSHA256 == questionnaire.sha256,
              var interview = try? Interview(questionnaire: questionnaire, id: header.id, sample: header.sample,
                                             interviewer: header.interviewer, startedAt: header.startedAt,
                                             gate: OpenQuotaGate()) else { return nil }
        for case .action(let action, let t) in events {
            var next = interview
            guard let outcome = try? next.perform(action, at: t) else { return nil }
            if case .finished = outcome { break }
            interview = next
        }
        switch interview.screen {
        case .question(let prompt): return prompt.variableName
        case .specifyOther(let other): return other.question + " (other)"
        case .checkFailed: return "(check failed)"
        case .warning: return "(warning)"
        case .ending: return "(ending)"
        }
    }

    /// Places held per quota and cell by live interviews (and by a dead one that was
    /// saving a complete interview, until recovery writes its record), as the quota
    /// gate counts them.
    public func places() -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        guard Platform.exists(folder.quotaLock),
              let lockFD = try? Platform.open(folder.quotaLock, create: false, readOnly: true) else { return counts }
        defer { Platform.close(lockFD) }
        guard (try? Platform.lock(lockFD, .shared, path: folder.quotaLock)) == true else { return counts }
        defer { Platform.unlock(lockFD) }
        for name in Platform.list(folder.places) {
            let path = folder.place(name)
            guard let fd = try? Platform.open(path, create: false, readOnly: true) else { continue }
            defer { Platform.close(fd) }
            if (try? Platform.lock(fd, .shared, wait: false, path: path)) == true {
                Platform.unlock(fd)
                guard diedSavingAComplete(name) else { continue }
            }
            guard let size = try? Platform.size(fd, path: path),
                  let bytes = try? Platform.readAt(fd, offset: 0, count: size, path: path) else { continue }
            for (quota, cell) in FolderQuotaGate.parse(bytes) { counts[quota, default: [:]][cell, default: 0] += 1 }
        }
        return counts
    }

    private func diedSavingAComplete(_ interview: String) -> Bool {
        guard let (_, events) = try? Journal.read(path: folder.journal(interview)) else { return false }
        for case .finishing(let record) in events.reversed() {
            return JSONParser.parseObject(Array(record.utf8))?["status"]?.stringValue == InterviewStatus.complete.rawValue
        }
        return false
    }
}

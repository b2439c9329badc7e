import CatiCore
import CatiStore
import Foundation

// MARK: - What the traces and recoveries reported

struct CrashLedger {
    /// Interviews reported saved (trace `=` lines, and resumed ones finished here): id → status.
    var saved: [String: String] = [:]
    /// Each interview's acknowledged answers (last value per variable).
    var answers: [String: [String: String]] = [:]
    var recovered: Set<String> = []
    var resumedIDs: Set<String> = []
    var overQuotaOnResume: Set<String> = []
    var comparedAnswers = 0

    mutating func add(_ trace: Trace) {
        for id in trace.order {
            if let status = trace.saved[id] { saved[id] = status }
            let values = trace.lastValues(id)
            if !values.isEmpty { answers[id] = values }
        }
    }

    mutating func add(_ recovery: Recovery) {
        recovered.formUnion(recovery.recovered)
        for (id, status) in recovery.finished { saved[id] = status; resumedIDs.insert(id) }
        overQuotaOnResume.formUnion(recovery.overQuotaOnResume)
        comparedAnswers += recovery.comparedAnswers
    }
}

/// What a restarted interviewer program does with a folder after a crash: finish the
/// interviews saved to a journal only, resume every interrupted one and take it to its
/// end. Runs on a thread of its own (blocking file I/O), so it reports its problems.
struct Recovery: Sendable {
    var recovered: [String] = []
    var finished: [(String, String)] = []
    var overQuotaOnResume: [String] = []
    var comparedAnswers = 0
    var problems: [String] = []

    /// `traces`: the folder of the trace files, `trace-R-P.tsv` for interviewer `sim-R-P`.
    static func run(folder: DataFolder, questionnaire q: Questionnaire, traces: String, seed: UInt64) throws -> Recovery {
        var out = Recovery()
        let store = try FolderStore(folder: folder)
        out.recovered = try store.recoverFinished()
        let interrupted = try store.resumable()
        // A process runs one interview at a time.
        let perProcess = Dictionary(interrupted.map { ($0.header.interviewer, 1) }, uniquingKeysWith: +)
        for (interviewer, count) in perProcess where count > 1 {
            out.problems.append("\(interviewer) left \(count) interrupted interviews")
        }
        for (k, entry) in interrupted.enumerated() {
            let id = entry.header.id
            // Only dead processes' journals are listed: their traces are complete.
            let trace = Trace(file: traces + "/trace-" + entry.header.interviewer.dropFirst(4) + ".tsv")
            let session = try InterviewSession.resume(id, questionnaire: q, store: store)
            // Every acknowledged answer is back, on its own question; at most one more
            // (made durable, killed before it was reported).
            let traced = trace.lastValues(id)
            let values = session.interview.values
            var overQuota = false
            if case .ending(let ending) = session.interview.screen, ending.status == .overQuota { overQuota = true }
            for (name, value) in traced {
                let resumed = values[name].map { "\($0)" } ?? "absent"
                out.comparedAnswers += 1
                // A resumed interview has its cells checked again: one that filled up
                // meanwhile ends it over quota, and answers after that are not replayed.
                if resumed != value, !(overQuota && values[name] == nil) {
                    out.problems.append("\(id): \(name) acknowledged \(value), resumed \(resumed)")
                }
            }
            let extra = Set(values.keys).subtracting(traced.keys)
            if extra.count > 1 { out.problems.append("\(id): resumed with unacknowledged answers \(extra.sorted())") }
            if overQuota { out.overQuotaOnResume.append(id) }

            var respondent = RandomRespondent(seed: seed, index: UInt64(k))
            var outcome = ActionOutcome.moved
            for _ in 0..<5_000 {
                outcome = try session.perform(respondent.nextAction(for: session.interview))
                if case .finished = outcome { break }
            }
            guard case .finished(let status) = outcome else {
                out.problems.append("\(id): the resumed interview did not finish")
                session.interrupt()
                continue
            }
            out.finished.append((id, status.rawValue))
            if Platform.exists(folder.journal(id)) { out.problems.append("\(id): saved, journal left") }
        }
        return out
    }
}

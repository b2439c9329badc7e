import CatiCore
import CatiStore
import Foundation

/// `cati-bench calls DIR [QUESTIONNAIRE]`: a 100,000-case sample with 50,000 attempts in
/// calls.jsonl. Measures the replay at start-up (sample parsed, calls.jsonl read, case
/// state rebuilt: goal < 1 s) and choosing the next case (goal p99 < 5 ms), both the
/// pure choice and the desk's whole look (held cases, quota table).
func callsBench(_ directory: String, questionnaire path: String) throws {
    let source = try String(contentsOfFile: path, encoding: .utf8)
    guard let questionnaire = QuestionnaireChecker.check(source).questionnaire else { print("bad questionnaire"); exit(1) }
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let cases = 100_000, attempts = 50_000
    var g = SplitMix64(seed: 13)
    let tipi = ["privato", "privato", "privato", "privato", "azienda", "azienda", "ente", ""]
    let motivi = ["anagrafe", "tributi", "scuola", "sociale", "mobilita", "edilizia", "ambiente", "generali", "altro", ""]
    var csv = "id,name,phone,tipo,motivo\n"
    for k in 1...cases {
        csv += "C\(k),Persona \(k),0521 \(100_000 + k),\(tipi[Int(g.next() % 8)]),\(motivi[Int(g.next() % 10)])\n"
    }
    let samplePath = directory + "/sample.csv"
    try csv.write(toFile: samplePath, atomically: true, encoding: .utf8)
    // 50,000 attempts: first calls to 30,000 cases, then retries, over five days.
    let start = Timestamp.parse("2026-11-30T08:00:00Z")!
    let outcomes: [CallOutcome] = [.noAnswer, .noAnswer, .noAnswer, .busy, .answeringMachine, .appointment,
                                   .refusalSoft, .refusalHard, .complete, .complete, .wrongNumber, .screenedOut]
    var attemptNumber = [Int](repeating: 0, count: cases + 1)
    var closed = [Bool](repeating: false, count: cases + 1)
    var lines = ""
    var made = 0, k = 0
    while made < attempts {
        let c = made < 30_000 ? made + 1 : Int(g.next() % 30_000) + 1
        k += 1
        guard !closed[c] else { continue }
        attemptNumber[c] += 1
        let o = outcomes[Int(g.next() % UInt64(outcomes.count))]
        let at = start + Double(made) * 8.6
        let a = CallAttempt(caseID: "C\(c)", attempt: attemptNumber[c], interviewer: "i\(made % 20)", at: at, outcome: o,
                            appointment: o == .appointment ? at + 86_400 : nil)
        closed[c] = a.final
        lines += a.line + "\n"
        made += 1
    }
    let data = DataFolder(path: directory + "/data")
    try data.prepare()
    try lines.write(toFile: directory + "/data/calls.jsonl", atomically: true, encoding: .utf8)
    let callsMB = Double(lines.utf8.count) / 1_048_576

    // Start-up: what `cati interview --sample` and `cati outcomes` do before the first screen.
    var replays: [Double] = []
    var desk: CallDesk?
    var parts: [String: Double] = [:]
    for _ in 0..<5 {
        let t0 = Platform.monotonic
        let text = try String(contentsOfFile: samplePath, encoding: .utf8)
        let sample = try SampleFile.parse(text, for: questionnaire)
        let t1 = Platform.monotonic
        _ = CallQueue(questionnaire: questionnaire, samples: sample.rows)
        let t2 = Platform.monotonic
        _ = try CallLog(folder: data).read()
        let t3 = Platform.monotonic
        parts["sample", default: 0] += t1 - t0
        parts["cells", default: 0] += t2 - t1
        parts["log", default: 0] += t3 - t2
        let t4 = Platform.monotonic
        desk = try CallDesk(questionnaire: questionnaire, store: try FolderStore(folder: data), sample: sample,
                            settings: FieldworkSettings())
        replays.append(Platform.monotonic - t4)
    }
    replays.sort()
    print(String(format: "case state replay at start-up (%d cases, %d attempts, calls.jsonl %.1f MB; sample already read): ",
                 cases, attempts, callsMB)
          + "median \(ms(percentile(replays, 0.5))), max \(ms(replays.last!)) (goal < 1 s)")
    print("  of which (mean): calls.jsonl read and parsed \(ms(parts["log"]! / 5)), quota cells of every case "
          + "\(ms(parts["cells"]! / 5)); reading the 100,000-row sample file itself (SampleFile.parse, as "
          + "`cati interview --sample` always did): \(ms(parts["sample"]! / 5))")

    // The choice itself, at moments through the fieldwork, with a few cases held.
    guard let desk else { return }
    let table = try desk.quotaTable()
    var pure: [Double] = []
    var whole: [Double] = []
    for step in 0..<2_000 {
        let now = start + Double(step) * 300
        let busy = Set((0..<8).map { "C\((step * 37 + $0 * 1_013) % cases + 1)" })
        let context = CallQueue.Context(now: now, interviewer: "i\(step % 20)", settings: desk.settings, quotas: table, busy: busy)
        let t0 = Platform.monotonic
        let decision = desk.queue.decide(book: desk.book, context: context, limit: 16)
        pure.append(Platform.monotonic - t0)
        precondition(decision.offer != nil || decision.outsideCallingHours)
        if step % 10 == 0 {
            let t1 = Platform.monotonic
            _ = try desk.peek(interviewer: "i1", now: now)
            whole.append(Platform.monotonic - t1)
        }
    }
    pure.sort(); whole.sort()
    print("next case, the choice (\(pure.count) choices): p50 \(ms(percentile(pure, 0.5))), p99 \(ms(percentile(pure, 0.99))), "
          + "max \(ms(pure.last!)) (goal p99 < 5 ms)")
    print("next case, the desk's whole look (calls.jsonl tail, held cases, quota table; \(whole.count)): "
          + "p50 \(ms(percentile(whole, 0.5))), p99 \(ms(percentile(whole, 0.99)))")
}

import CatiCore
import CatiStore
import CatiTUI
import Foundation

/// `cati-bench engine FILE.cati` — engine step and screen build on a big questionnaire.
/// `cati-bench commit DIR [N]` — durable journal append latency.
let arguments = CommandLine.arguments.dropFirst()

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }

func engineBench(_ path: String) throws {
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let result = QuestionnaireChecker.check(source)
    guard let questionnaire = result.questionnaire else {
        print("questionnaire has errors: \(result.diagnostics.first!)")
        exit(1)
    }
    var interview = try Interview(questionnaire: questionnaire, id: "BENCH", interviewer: "bench", startedAt: 0)
    var respondent = RandomRespondent(seed: 1, index: 0)
    var steps: [Double] = []
    var frames: [Double] = []
    var state = InterviewerState()
    var t = 0.0
    while interview.status == nil, steps.count < 20_000 {
        let action = respondent.nextAction(for: interview)
        t += 1
        let start = Platform.monotonic
        _ = try interview.perform(action, at: t)
        let screen = interview.screen
        let stepDone = Platform.monotonic
        state.sync(with: screen)
        let header = InterviewHeader(survey: questionnaire.survey, respondent: nil, respondentName: nil, phone: nil,
                                     interviewer: "bench", elapsedSeconds: Int(t))
        let frame = InterviewView(header: header, screen: screen, state: state, message: interview.message,
                                  labels: InterviewerLabels(questionnaire.language)).frame(Size(width: 100, height: 30))
        let frameDone = Platform.monotonic
        precondition(frame.height == 30)
        steps.append(stepDone - start)
        frames.append(frameDone - start)
    }
    steps.sort(); frames.sort()
    print("engine step (\(questionnaire.questions.count) questions, \(steps.count) steps): "
          + "p50 \(ms(percentile(steps, 0.5))), p99 \(ms(percentile(steps, 0.99))), max \(ms(steps.last ?? 0)) (goal < 1 ms)")
    print("answer accepted -> next screen built: p50 \(ms(percentile(frames, 0.5))), p99 \(ms(percentile(frames, 0.99))), "
          + "max \(ms(frames.last ?? 0)) (goal well under a 16 ms frame)")
}

func commitBench(_ directory: String, count: Int) throws {
    let folder = DataFolder(path: directory)
    let store: any InterviewStore = try FolderStore(folder: folder)
    func header() -> JournalHeader {
        JournalHeader(id: InterviewID.make(at: Platform.now), survey: "bench", questionnaireSHA256: "0",
                      interviewer: "bench", startedAt: Platform.now, sample: nil, simulated: true)
    }
    let handle = try store.start(header())
    var latencies: [Double] = []
    for k in 0..<count {
        let start = Platform.monotonic
        try handle.append(.action(.answer(String(k)), at: Platform.now))
        latencies.append(Platform.monotonic - start)
    }
    handle.letGo()
    var records: [Double] = []
    let pad = String(repeating: "x", count: 700)
    for _ in 0..<min(count, 500) {
        let interview = try store.start(header())
        let record = InterviewRecord(.object([("id", .string(interview.header.id)), ("pad", .string(pad))]))
        let start = Platform.monotonic
        try interview.finish(record)
        records.append(Platform.monotonic - start)
    }
    latencies.sort(); records.sort()
    print("commit (journal line, write + fsync, \(count)): p50 \(ms(percentile(latencies, 0.5))), "
          + "p99 \(ms(percentile(latencies, 0.99))) (goal p99 < 5 ms)")
    print("finish (journal record + interviews.jsonl append + journal removed, \(records.count)): p50 \(ms(percentile(records, 0.5))), "
          + "p99 \(ms(percentile(records, 0.99)))")
}

do {
    switch arguments.first {
    case "engine": try engineBench(arguments.dropFirst().first ?? "bench/out/q5000.cati")
    case "commit":
        try commitBench(arguments.dropFirst().first ?? "bench/out/commit",
                        count: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 2000)
    case "calls":
        try callsBench(arguments.dropFirst().first ?? "bench/out/calls",
                       questionnaire: arguments.dropFirst(2).first ?? "questionnaires/cc_parma.cati")
    case "commits":
        let rest = Array(arguments.dropFirst())
        guard rest.count == 3, let n = Int(rest[1]) else { print("usage: cati-bench commits STORE N OUT"); exit(2) }
        try storeCommits(rest[0], count: n, out: rest[2])
    default:
        print("usage: cati-bench engine FILE.cati | cati-bench commit DIR [N] | cati-bench calls DIR [FILE.cati] "
              + "| cati-bench commits STORE N OUT")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}

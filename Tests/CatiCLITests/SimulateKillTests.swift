import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

extension SimulateTests {
    // MARK: - kill -9

    @Test func aSimulationKilledAtARandomMomentLosesNothingItAcknowledged() async throws {
        let scratch = try ScratchFolder("kill")  // a real disk: fsync matters here
        let data = scratch.path("data")
        let folder = DataFolder(path: data)
        let q = try SimFiles.questionnaire(SimFiles.ccParma)
        let cati = try ChildProcess.cati()
        var tornLines: [Int] = []  // torn tails left by earlier rounds (lines in the middle by now)
        var comparedAnswers = 0
        // At least 3 rounds, and more (up to 12) until one kill has landed in the middle of an
        // interview with acknowledged answers: a kill between two interviews proves less.
        var round = -1
        while round < 2 || (comparedAnswers == 0 && round < 11) {
            round += 1
            let trace = scratch.path("trace-\(round).tsv")
            let delay = Int.random(in: 200...1000)
            let child = try ChildProcess(
                [cati, "simulate", SimFiles.ccParma, "--data", data, "-n", "100000", "--seed", "\(100 + round)",
                 "--sample", SimFiles.largeSample, "--trace", trace, "--quiet"],
                directory: scratch.path)
            // Once it is answering (past the start-up of a debug build), a random moment.
            let started = ContinuousClock.now
            while (try? FileManager.default.attributesOfItem(atPath: trace)[.size] as? Int) ?? 0 == 0,
                  ContinuousClock.now - started < .seconds(30) {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(delay))
            // Then the next moment an interview is under way with an answer acknowledged (starting
            // and saving an interview take most of the time; a kill there proves less).
            let aiming = ContinuousClock.now
            while !Trace.endsInTheMiddleOfAnInterview(trace), ContinuousClock.now - aiming < .seconds(2) {
                try await Task.sleep(for: .milliseconds(1))
            }
            child.signal(SIGKILL)
            let status = try await child.wait(timeout: .seconds(20))
            try #require(status == 128 + SIGKILL, "round \(round): ended before the kill after \(delay) ms: \(child.stderr)")
            let context = "round \(round), killed after \(delay) ms"

            let acknowledged = Trace(file: trace)
            let before = try RecordReader(path: folder.interviews).scan()
            // A torn tail (if any) is the only line skipped, besides earlier rounds' tails.
            let lineCount = before.records.count + before.skipped.count
            for skipped in before.skipped where !tornLines.contains(skipped.line) {
                #expect(skipped.line == lineCount && skipped.reason.contains("torn"), "\(context): \(skipped)")
                tornLines.append(skipped.line)
            }
            let ids = before.records.compactMap { $0["id"]?.stringValue }
            let counted = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counted.values.allSatisfy { $0 == 1 }, "\(context): an id twice: \(counted.filter { $0.value > 1 })")
            for (id, status) in acknowledged.saved {
                #expect(counted[id] == 1, "\(context): \(id) was reported saved (\(status)) but is in the file \(counted[id] ?? 0) times")
                let record = before.records.first { $0["id"]?.stringValue == id }
                #expect(record?["status"]?.stringValue == status, "\(context): \(id)")
                #expect(!FileManager.default.fileExists(atPath: folder.journal(id)), "\(context): \(id) saved, journal left")
            }

            // What a restarted interviewer program does: finish what was saved to a
            // journal only, then offer the interrupted interview.
            do {
                let store = try FolderStore(folder: folder)
                let recovered = try store.recoverFinished()
                #expect(Set(recovered).isDisjoint(with: acknowledged.saved.keys), "\(context)")
                let after = try RecordReader(path: folder.interviews).scan()
                let afterIDs = after.records.compactMap { $0["id"]?.stringValue }
                #expect(Set(afterIDs).count == afterIDs.count, "\(context): recovery appended a record twice")
                #expect(Set(afterIDs) == Set(ids).union(recovered), "\(context)")

                let interrupted = try store.resumable()
                #expect(interrupted.count <= 1, "\(context): one interview at a time was in progress: \(interrupted)")
                // An interview with acknowledged answers and no record must be resumable.
                let open = Set(interrupted.map(\.header.id))
                for id in acknowledged.order where acknowledged.saved[id] == nil && !afterIDs.contains(id) {
                    if !acknowledged.answers(id).isEmpty {
                        #expect(open.contains(id), "\(context): \(id) had acknowledged answers and cannot be resumed")
                    }
                }
                // Journal files nobody can resume hold nothing acknowledged (a header cut by the kill).
                let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.journals)) ?? []
                for name in files where name.hasSuffix(".jsonl") {
                    let id = String(name.dropLast(6))
                    if !open.contains(id) {
                        #expect(acknowledged.answers(id).isEmpty, "\(context): journal \(name) unusable: \(acknowledged.answers(id))")
                    }
                }

                print("kill round \(round) after \(delay) ms: \(acknowledged.saved.count) saved, \(interrupted.count) interrupted, \(recovered.count) recovered")
                for entry in interrupted {
                    let session = try InterviewSession.resume(entry.header.id, questionnaire: q, store: store)
                    let values = session.interview.values
                    for (name, value) in acknowledged.lastValues(entry.header.id) {
                        let resumed = values[name].map { "\($0)" } ?? "absent"
                        #expect(resumed == value, "\(context): \(entry.header.id) \(name) acknowledged \(value), resumed \(resumed)")
                        comparedAnswers += 1
                    }
                    // …and it can be finished, and is saved once.
                    var respondent = RandomRespondent(seed: 999, index: UInt64(round))
                    var outcome = ActionOutcome.moved
                    for _ in 0..<5_000 {
                        outcome = try session.perform(respondent.nextAction(for: session.interview))
                        if case .finished = outcome { break }
                    }
                    guard case .finished = outcome else {
                        Issue.record("\(context): the resumed interview did not finish")
                        session.interrupt()
                        continue
                    }
                    let final = try RecordReader(path: folder.interviews).scan().records
                    #expect(final.filter { $0["id"]?.stringValue == entry.header.id }.count == 1)
                    #expect(!FileManager.default.fileExists(atPath: folder.journal(entry.header.id)))
                }
            }
        }

        #expect(comparedAnswers > 0, "none of \(round + 1) rounds was killed in the middle of an interview with answers")

        // The folder is fine for the next process: it appends on fresh lines.
        let before = try RecordReader(path: folder.interviews).scan()
        let result = try await SimFiles.simulate(SimFiles.ccParma, data: data, n: 4, seed: 7, sample: true, in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        let after = try RecordReader(path: folder.interviews).scan()
        #expect(after.records.count == before.records.count + 4)
        #expect(after.skipped.map(\.line).sorted() == tornLines.sorted(), "\(after.skipped)")
        let ids = after.records.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == ids.count)
    }
}

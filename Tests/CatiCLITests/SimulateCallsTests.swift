import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// `cati simulate --calls`: three processes dialling one sample at once, on simulated
/// clocks: every attempt numbered once per case, no call before its retry delay or after
/// the case closed, every interview with its attempt, and `cati outcomes` over it all.
struct SimulateCallsTests {
    @Test func threeProcessesDialOneSampleAndEveryAttemptFollowsTheRules() async throws {
        let scratch = try ScratchFolder("sim-calls", under: "/dev/shm")
        let sample = try String(contentsOfFile: SimFiles.ccParmaSample, encoding: .utf8)
        // The bundled sample's first 200 cases (its lines end in CRLF).
        try scratch.write("sample.csv", sample.components(separatedBy: "\r\n").prefix(201).joined(separator: "\r\n") + "\r\n")
        try scratch.write("fieldwork.conf", "calling-hours 09:00-21:00\ncalling-days mon-sat\nutc-offset +00:00\n")
        let cati = try ChildProcess.cati()
        let runs = try (1...3).map { k in
            try ChildProcess([cati, "simulate", SimFiles.ccParma, "--data", scratch.path("data"), "--calls",
                              "--sample", scratch.path("sample.csv"), "--seed", String(k), "--interviewer", "sim\(k)",
                              "--start", "2026-11-30T08:00:00Z", "--days", "20",
                              "--fieldwork", scratch.path("fieldwork.conf")], directory: scratch.path)
        }
        for run in runs {
            #expect(try await run.wait(timeout: .seconds(300)) == 0, "\(run.stderr)")
            #expect(run.stdout.contains(" calls ("), "\(run.stdout)")
        }
        let callLines = try String(contentsOfFile: scratch.path("data/calls.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let attempts = try callLines.map { try CallAttempt(json: try #require(JSONParser.parseObject(Array($0.utf8)))) }
        #expect(attempts.count > 200)
        #expect(Set(attempts.map(\.interviewer)) == ["sim1", "sim2", "sim3"])
        let settings = FieldworkSettings.dayTime
        var byCase: [String: [CallAttempt]] = [:]
        for a in attempts { byCase[a.caseID, default: []].append(a) }
        for (id, list) in byCase {
            #expect(list.map(\.attempt) == Array(1...list.count), "\(id): attempts numbered once each, in order")
            #expect(list.dropLast().allSatisfy { !$0.final }, "\(id): nothing after a final attempt")
            #expect(list.count <= settings.maxAttempts, "\(id): at most \(settings.maxAttempts) attempts")
            // (Closing a case as quota-filled is no call: it does not wait for a retry delay.)
            for (before, after) in zip(list, list.dropFirst()) where after.outcome != .quotaFilled {
                let due = before.outcome == .appointment ? before.appointment! : before.at + settings.delay(after: before.outcome)
                #expect(after.at >= due - 60 * 30, "\(id): attempt \(after.attempt) long before it was due: \(before.line) \(after.line)")
            }
            for a in list where a.outcome != .quotaFilled {
                // Dialled inside calling hours (the attempt ends at most an interview's length later).
                #expect(settings.isCallingTime(a.at) || settings.isCallingTime(a.at - 60 * 30), "\(a.line)")
            }
        }
        // Every interview has its attempt, with the outcome its ending means.
        let records = try String(contentsOfFile: scratch.path("data/interviews.jsonl"), encoding: .utf8)
            .split(separator: "\n").compactMap { JSONParser.parseObject(Array($0.utf8)) }
        let byInterview = Dictionary(attempts.compactMap { a in a.interview.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        #expect(records.count == byInterview.count)
        for record in records {
            let id = try #require(record["id"]?.stringValue)
            let attempt = try #require(byInterview[id], "interview \(id) has no attempt")
            #expect(attempt.caseID == record["respondent"]?.stringValue)
            #expect(CallOutcome(record: record) == attempt.outcome)
            if record["answers"]?["consenso"]?.intValue == 2 { #expect(attempt.outcome == .refusalHard) }
        }
        #expect(attempts.contains { $0.outcome == .refusalHard && $0.interview != nil }, "consenso = no is a hard refusal")

        // cati outcomes: every case once, counts over the cases, e and RR1 as fieldwork.md defines them.
        let out = try await ChildProcess.run([cati, "outcomes", SimFiles.ccParma, "--data", scratch.path("data"),
                                              "--sample", scratch.path("sample.csv"), "--json"], directory: scratch.path)
        #expect(out.status == 0, "\(out.stderr)")
        let json = try #require(JSONParser.parseObject(Array(out.stdout.utf8)))
        let cases = try #require(json["cases"]?.arrayValue)
        #expect(cases.count == 200)
        var counts: [String: Int] = [:]
        for c in cases { counts[c["aapor"]?.stringValue ?? "?", default: 0] += 1 }
        for (id, list) in byCase {
            let entry = cases.first { $0["id"]?.stringValue == id }
            #expect(entry?["aapor"]?.stringValue == list.last?.aapor)
            #expect(entry?["attempts"]?.intValue == list.count)
        }
        let printed = try #require(json["counts"]?.objectMembers)
        #expect(Dictionary(printed.map { ($0.0, $0.1.intValue ?? -1) }, uniquingKeysWith: +) == counts)
        func n(_ prefixes: String...) -> Double {
            Double(counts.filter { c in prefixes.contains { c.key.hasPrefix($0) } }.values.reduce(0, +))
        }
        let eligible = n("1.", "2."), unknown = n("3.")
        let rr1 = n("1.1") / (eligible + unknown)
        #expect(abs((json["rates"]?["RR1"]?.doubleValue ?? -1) - rr1) < 0.0001)
        #expect(abs((json["e"]?.doubleValue ?? -1) - eligible / (eligible + n("4."))) < 0.0001)
    }
}

import CatiCore
import Dispatch
import Foundation
import Testing
@testable import CatiStore

/// The operations the protocol gained after the first contract tests (call attempts,
/// settings, the audit trail, reading an interview without taking it, the record
/// scans, the monitor's places), on every store in `StoreBackends.all`: what one
/// process writes, another reads back the same.
extension StoreTests {
    @Suite struct StoreOperationsContractTests {
        func header(_ q: Questionnaire, respondent: String? = nil) -> JournalHeader {
            let now = Date().timeIntervalSince1970
            return JournalHeader(id: InterviewID.make(at: now), survey: q.survey, questionnaireSHA256: q.sha256,
                                 interviewer: "maria", startedAt: now,
                                 sample: respondent.map { SampleRecord(id: $0, fields: ["tipo": "cittadino"]) },
                                 simulated: true)
        }

        @Test(arguments: StoreBackends.all)
        func callAttemptsComeBackInOrderFromACursorWithTheirLogin(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let writer = try under.open(), reader = try under.open()
            let first = [CallAttempt(caseID: "R1", attempt: 1, interviewer: "maria", at: 1_000, outcome: .noAnswer),
                         CallAttempt(caseID: "R2", attempt: 1, interviewer: "maria", at: 1_001, outcome: .appointment,
                                     appointment: 5_000, note: "dopo le sei")]
            try writer.appendAttempts(first)
            let read = try reader.readAttempts(after: .start)
            #expect(read.attempts.map(\.caseID) == ["R1", "R2"])
            #expect(read.attempts.allSatisfy { $0.login == Platform.loginName }, "the recording login, from the kernel")
            #expect(read.attempts[1].appointment == 5_000 && read.attempts[1].note == "dopo le sei")
            #expect(read.warnings.isEmpty)
            #expect(try reader.readAttempts(after: read.cursor).attempts.isEmpty, "nothing new after the cursor")
            try writer.appendAttempts([CallAttempt(caseID: "R1", attempt: 2, interviewer: "maria", at: 2_000,
                                                   outcome: .complete, interview: "I1")])
            let next = try reader.readAttempts(after: read.cursor)
            #expect(next.attempts.map { "\($0.caseID)/\($0.attempt)" } == ["R1/2"])
        }

        @Test(arguments: StoreBackends.all)
        func settingsAndTheAuditTrailAreSharedAndTheTrailChains(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let a = try under.open(), b = try under.open()
            #expect(try a.surveySettings() == nil)
            let me = Person.current
            try a.appendAudit(me.audit(.report, survey: "contract"))
            #expect(try a.auditLines().isEmpty, "no settings: no audit trail")
            let settings = SurveySettings(supervisors: [me.login])
            try a.saveSurveySettings(settings)
            #expect(try b.surveySettings() == settings)
            let stores = [a, b]
            DispatchQueue.concurrentPerform(iterations: 8) { k in
                try? stores[k % 2].appendAudit(me.audit(.export, survey: "contract", [("n", .int(k))]))
            }
            let lines = try b.auditLines()
            #expect(lines.count == 8, "every entry, none lost to a concurrent append")
            #expect(AuditChain.verify(lines).isEmpty, "each line chained to the one before")
        }

        @Test(arguments: StoreBackends.all)
        func anInterviewInProgressIsReadWithoutBeingTakenAndItsCaseIsStarted(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            let handle = try store.start(header(q, respondent: "R5"))
            let events: [JournalEvent] = [.action(.answer("1"), at: 10), .action(.note("ok"), at: 11)]
            for event in events { try handle.append(event) }
            let other = try under.open()
            let (readHeader, readEvents) = try other.recordedEvents(of: handle.header.id)
            #expect(readHeader == handle.header)
            #expect(readEvents == events)
            #expect(try other.interviewsInProgress().first?.state == .held, "reading did not take it")
            #expect(throws: StoreError.unknownInterview("NOPE")) { _ = try other.recordedEvents(of: "NOPE") }
            #expect(try other.startedOrDoneCases() == ["R5"])
            let claim = try #require(try other.claim(case: "R6"))
            #expect(try other.startedOrDoneCases() == ["R5"], "a claim is not a started case")
            #expect(try other.takenCases() == ["R5", "R6"])
            claim.release()
            handle.letGo()
        }

        @Test(arguments: StoreBackends.all)
        func placesHeldCountLivePlacesOnly(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire(StoreContractTests.smallQuota)
            let quota = q.quotas[0]
            let si = try #require(quota.cells.first { $0.label == "si" })
            let a = try under.open(), b = try under.open()
            let ha = try a.start(header(q)), hb = try b.start(header(q))
            #expect(try a.quotaGate.hold(si, of: quota, for: ha.header.id))
            #expect(try b.quotaGate.hold(si, of: quota, for: hb.header.id))
            let watcher = try under.open()
            #expect(try watcher.placesHeld()["per_consenso"]?["si"] == 2)
            under.kill(a, holding: [ha], claims: [])
            #expect(try watcher.placesHeld()["per_consenso"]?["si"] == 1, "a dead holder's place is not counted")
            hb.letGo()
            #expect((try watcher.placesHeld()["per_consenso"]?["si"] ?? 0) == 0)
        }

        @Test(arguments: StoreBackends.all)
        func aWholeSurveyScanPassesEveryRecordLineOnce(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            var lines = Set<String>()
            for n in 1...25 {
                let handle = try store.start(header(q))
                let record = InterviewRecord(.object([("id", .string(handle.header.id)), ("n", .int(n)),
                                                      ("status", .string("complete"))]))
                try handle.finish(record)
                lines.insert(record.line)
            }
            final class Seen: @unchecked Sendable { var lines: [String] = []; let lock = NSLock() }
            let seen = Seen()
            let scans = try under.open().scanAllRecordLines(parts: 4) { _, line, _ in
                let text = String(decoding: line, as: UTF8.self)
                seen.lock.withLock { seen.lines.append(text) }
            }
            #expect(seen.lines.count == 25 && Set(seen.lines) == lines, "every line, once, byte for byte")
            #expect(scans.reduce(0) { $0 + $1.lines } == 25)
            #expect(!store.recordsName.isEmpty)
        }
    }
}

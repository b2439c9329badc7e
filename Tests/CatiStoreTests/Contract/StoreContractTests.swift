import CatiCore
import Dispatch
import Foundation
import Testing
@testable import CatiStore

/// The promises of `InterviewStore` (Sources/CatiStore/InterviewStore.swift), written
/// once and run against every store in `StoreBackends.all`.
extension StoreTests {
    @Suite struct StoreContractTests {
        static let smallQuota = """
            survey contract "Contract"
            single consenso "May we start?"
              1 si "Yes"
              2 no "No"
            quota per_consenso by consenso
              si: 3
              no: 1000
            end
            scale voto "Mark?" 1..10
            """

        func header(_ q: Questionnaire, respondent: String? = nil) -> JournalHeader {
            let now = Date().timeIntervalSince1970
            return JournalHeader(id: InterviewID.make(at: now), survey: q.survey, questionnaireSHA256: q.sha256,
                                 interviewer: "maria", startedAt: now,
                                 sample: respondent.map { SampleRecord(id: $0, fields: [:]) }, simulated: true)
        }

        func ids(_ store: any InterviewStore) throws -> [String] {
            try store.readRecords(after: .start, limit: .max).records.compactMap { $0["id"]?.stringValue }
        }

        // MARK: 1. An accepted action is durable when append returns

        @Test(arguments: StoreBackends.all)
        func appendedEventsComeBackToAnotherProcessInOrder(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let first = try under.open()
            let handle = try first.start(header(q))
            let events: [JournalEvent] = [.action(.answer("1"), at: 10), .action(.answer("42"), at: 11),
                                          .action(.back, at: 12), .action(.note("call later"), at: 13)]
            for event in events { try handle.append(event) }
            under.kill(first, holding: [handle], claims: [])

            let other = try under.open()
            let open = try other.interviewsInProgress()
            #expect(open.map(\.header.id) == [handle.header.id])
            #expect(open.first?.state == .interrupted, "its process is gone")
            let resumed = try other.resume(handle.header.id)
            #expect(resumed.events == events)
            #expect(resumed.handle.header == handle.header)
            resumed.handle.letGo()
        }

        // MARK: 2. finish is one operation, exactly once

        @Test(arguments: StoreBackends.all)
        func aFinishedInterviewIsOneRecordNotInProgressAndItsPlacesFree(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire(Self.smallQuota)
            let store = try under.open()
            let cell = try #require(q.quotas[0].cells.first { $0.label == "si" })
            let handle = try store.start(header(q))
            #expect(try store.quotaGate.hold(cell, of: q.quotas[0], for: handle.header.id))
            #expect(try store.quotaCounts().inProgress["per_consenso"]?["si"] == 1)
            try handle.append(.action(.answer("1"), at: 1))
            let record = InterviewRecord(.object([("id", .string(handle.header.id)), ("status", .string("complete")),
                                                  ("quota_cells", .object([("per_consenso", .string("si"))]))]))
            try handle.finish(record)

            let reader = try under.open()
            #expect(try ids(reader) == [handle.header.id])
            #expect(try reader.interviewsInProgress().isEmpty)
            let counts = try reader.quotaCounts()
            #expect(counts.complete["per_consenso"]?["si"] == 1)
            #expect((counts.inProgress["per_consenso"]?["si"] ?? 0) == 0, "the place went with the finish")
            #expect(throws: StoreError.self) { _ = try reader.resume(handle.header.id) }
        }

        @Test(arguments: StoreBackends.all)
        func aFinishThatFailedIsRetriedIntoExactlyOneRecord(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            let handle = try store.start(header(q))
            try handle.append(.action(.answer("1"), at: 1))
            let record = InterviewRecord(.object([("id", .string(handle.header.id)), ("status", .string("complete"))]))
            under.whileRecordWritesFail {
                #expect(throws: StoreError.self) { try handle.finish(record) }
            }
            try handle.finish(record)
            try handle.finish(record)  // a second retry after success changes nothing
            #expect(try ids(try under.open()) == [handle.header.id])
        }

        @Test(arguments: StoreBackends.all)
        func aProcessKilledWhileFinishingIsRecoveredIntoExactlyOneRecord(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            let handle = try store.start(header(q))
            let record = InterviewRecord(.object([("id", .string(handle.header.id)), ("status", .string("complete"))]))
            under.whileRecordWritesFail {
                #expect(throws: StoreError.self) { try handle.finish(record) }
            }
            under.kill(store, holding: [handle], claims: [])

            let next = try under.open()
            #expect(try next.interviewsInProgress().isEmpty, "a finished interview is never offered again")
            _ = try next.recoverFinished()
            #expect(try next.recoverFinished() == [], "recovery is done once")
            #expect(try ids(next) == [handle.header.id])
        }

        // MARK: 3. No quota cell is ever overshot

        @Test(arguments: StoreBackends.all)
        func racingProcessesNeverTakeMorePlacesThanTheTarget(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire(Self.smallQuota)
            let quota = q.quotas[0]
            let cell = try #require(quota.cells.first { $0.label == "si" })   // target 3
            let stores = try (0..<6).map { _ in try under.open() }
            let granted = QuotaGranted()
            DispatchQueue.concurrentPerform(iterations: stores.count) { k in
                do {
                    for round in 0..<4 {
                        let handle = try stores[k].start(header(q))
                        if try stores[k].quotaGate.hold(cell, of: quota, for: handle.header.id) {
                            granted.add(handle.header.id)
                            let record = InterviewRecord(.object([
                                ("id", .string(handle.header.id)), ("status", .string("complete")),
                                ("quota_cells", .object([("per_consenso", .string("si"))])), ("round", .int(round))]))
                            try handle.finish(record)
                        } else {
                            handle.letGo()
                        }
                    }
                } catch {
                    granted.fail("\(error)")
                }
            }
            #expect(granted.failures.isEmpty)
            #expect(granted.ids.count == 3, "exactly the target, never more")
            #expect(try under.open().quotaCounts().complete["per_consenso"]?["si"] == 3)
        }

        // MARK: 4. A dead holder's places and interview are free at once

        @Test(arguments: StoreBackends.all)
        func aKilledHoldersPlaceIsFreeAndItsInterviewResumable(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire(Self.smallQuota)
            let quota = q.quotas[0]
            let cell = try #require(quota.cells.first { $0.label == "si" })
            let holders = try (0..<3).map { _ in try under.open() }
            var handles: [any InterviewHandle] = []
            for store in holders {
                let handle = try store.start(header(q))
                #expect(try store.quotaGate.hold(cell, of: quota, for: handle.header.id))
                handles.append(handle)
            }
            let latecomer = try under.open()
            let waiting = try latecomer.start(header(q))
            #expect(try !latecomer.quotaGate.hold(cell, of: quota, for: waiting.header.id), "the cell is taken")
            #expect(throws: StoreError.busy(handles[0].header.id)) { _ = try latecomer.resume(handles[0].header.id) }
            #expect(try latecomer.interviewsInProgress().first { $0.header.id == handles[0].header.id }?.state == .held)

            under.kill(holders[0], holding: [handles[0]], claims: [])
            #expect(try latecomer.quotaGate.hold(cell, of: quota, for: waiting.header.id), "the dead holder's place is free")
            let state = try latecomer.interviewsInProgress().first { $0.header.id == handles[0].header.id }?.state
            #expect(state == .interrupted)
            let resumed = try latecomer.resume(handles[0].header.id)
            resumed.handle.letGo()
            waiting.letGo()
            for handle in handles.dropFirst() { handle.letGo() }
        }

        @Test(arguments: StoreBackends.all)
        func aSuspendedInterviewIsListedAsSuspendedAndGivesItsPlaceUp(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire(Self.smallQuota)
            let cell = try #require(q.quotas[0].cells.first { $0.label == "si" })
            let store = try under.open()
            let handle = try store.start(header(q, respondent: "R7"))
            #expect(try store.quotaGate.hold(cell, of: q.quotas[0], for: handle.header.id))
            try handle.suspend(at: 99, reason: "call back after six")
            let reader = try under.open()
            let open = try reader.interviewsInProgress()
            #expect(open.map(\.state) == [.suspended])
            #expect(open.first?.respondent == "R7")
            #expect(try reader.resumable().map(\.header.id) == [handle.header.id])
            #expect(reader.interviewID(resuming: "R7") == handle.header.id, "found by its respondent")
            #expect((try reader.quotaCounts().inProgress["per_consenso"]?["si"] ?? 0) == 0)
            #expect(try reader.takenCases().contains("R7"), "a suspended case is not offered to others")
        }

        // MARK: 5. A case is claimed by one process at a time

        @Test(arguments: StoreBackends.all)
        func aCaseIsClaimedByOneProcessAtATimeAndComesBackWhenItsHolderDies(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let a = try under.open(), b = try under.open()
            let claim = try #require(try a.claim(case: "R0001"))
            #expect(claim.caseID == "R0001")
            #expect(try b.claim(case: "R0001") == nil)
            #expect(try b.takenCases().contains("R0001"))
            claim.release()
            let second = try #require(try b.claim(case: "R0001"), "released, it can be taken")
            under.kill(b, holding: [], claims: [second])
            #expect(try !a.takenCases().contains("R0001"), "its holder died: offered again")
            #expect(try a.claim(case: "R0001") != nil)
        }

        @Test(arguments: StoreBackends.all)
        func manyProcessesClaimingOneCaseGetItOnce(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let stores = try (0..<8).map { _ in try under.open() }
            let granted = QuotaGranted()
            let claims = (0..<stores.count).map { _ in ClaimSlot() }
            DispatchQueue.concurrentPerform(iterations: stores.count) { k in
                do {
                    if let claim = try stores[k].claim(case: "R0042") { granted.add("\(k)"); claims[k].claim = claim }
                } catch { granted.fail("\(error)") }
            }
            #expect(granted.failures.isEmpty)
            #expect(granted.ids.count == 1)
            for slot in claims { slot.claim?.release() }
        }

        @Test(arguments: StoreBackends.all)
        func anInterviewedCaseIsTakenForGood(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            let handle = try store.start(header(q, respondent: "R0009"))
            try handle.finish(InterviewRecord(.object([("id", .string(handle.header.id)), ("respondent", .string("R0009")),
                                                       ("status", .string("screened-out"))])))
            #expect(try under.open().takenCases().contains("R0009"))
        }

        // MARK: 6. Records as a stream from a cursor; a torn record waits until whole

        @Test(arguments: StoreBackends.all)
        func theRecordStreamGoesOnFromItsCursorAndWaitsForATornRecord(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            func finishOne(_ n: Int) throws -> String {
                let handle = try store.start(header(q))
                try handle.finish(InterviewRecord(.object([("id", .string(handle.header.id)), ("n", .int(n)),
                                                           ("status", .string("complete"))])))
                return handle.header.id
            }
            let first = try (1...5).map(finishOne)
            let reader = try under.open()
            var batch = try reader.readRecords(after: .start, limit: 2)
            var seen = batch.records.compactMap { $0["id"]?.stringValue }
            #expect(seen == Array(first.prefix(2)))
            #expect(batch.more)
            while batch.more {
                batch = try reader.readRecords(after: batch.cursor, limit: 2)
                seen += batch.records.compactMap { $0["id"]?.stringValue }
            }
            #expect(seen == first)
            let cursor = batch.cursor
            #expect(try reader.readRecords(after: cursor, limit: 10).records.isEmpty, "nothing new")

            let later = try finishOne(6)
            let torn = #"{"id":"TORN","status":"complete","answers":{"voto":7}}"#
            guard let completeTheRecord = try under.tearRecord(torn) else { return }
            let partial = try reader.readRecords(after: cursor, limit: 10)
            #expect(partial.records.compactMap { $0["id"]?.stringValue } == [later], "the torn record is not read")
            #expect(partial.warnings.isEmpty, "a record still being written is no damage")
            try completeTheRecord()
            let whole = try reader.readRecords(after: partial.cursor, limit: 10)
            #expect(whole.records.compactMap { $0["id"]?.stringValue } == ["TORN"], "read once whole")
            #expect(!whole.restarted)
        }

        @Test(arguments: StoreBackends.all)
        func recordLinesAreTheRecordsAsDataMdWritesThemFromACursor(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let store = try under.open()
            var lines: [String] = []
            for n in 1...4 {
                let handle = try store.start(header(q))
                let record = InterviewRecord(.object([("id", .string(handle.header.id)), ("n", .int(n)),
                                                      ("text", .string("à, \"quoted\"\nline"))]))
                try handle.finish(record)
                lines.append(record.line)
            }
            var seen: [String] = []
            let first = try store.scanRecordLines(after: .start) { seen.append(String(decoding: $0, as: UTF8.self)) }
            #expect(seen == lines, "byte for byte, one record per line")
            #expect(first.lines == 4 && !first.restarted && !first.tornTail)
            var later: [String] = []
            let none = try store.scanRecordLines(after: first.cursor) { later.append(String(decoding: $0, as: UTF8.self)) }
            #expect(later.isEmpty && none.cursor == first.cursor)
        }
    }
}

final class ClaimSlot: @unchecked Sendable {
    var claim: (any CaseClaim)?
}

import CatiCore
import Foundation
import Testing
@testable import CatiStore

/// Who holds an interview (issue 22), on every store: a live holder is named (login,
/// host, pid, since, last key), a holder silent for long is stale, a dead one holds
/// nothing; another login's takeover is refused without disturbing the holder.
extension StoreTests {
    @Suite struct StoreHolderContractTests {
        func header(_ q: Questionnaire, respondent: String = "R0001") -> JournalHeader {
            let now = Date().timeIntervalSince1970
            return JournalHeader(id: InterviewID.make(at: now), survey: q.survey, questionnaireSHA256: q.sha256,
                                 interviewer: "maria", startedAt: now, sample: SampleRecord(id: respondent, fields: [:]),
                                 simulated: false)
        }

        func inProgress(_ store: any InterviewStore, _ id: String) throws -> InterviewInProgress {
            try #require(try store.interviewsInProgress().first { $0.header.id == id })
        }

        @Test(arguments: StoreBackends.all)
        func aLiveHolderIsNamedAStaleOneMarkedAndADeadOneHoldsNothing(_ backend: any StoreBackend) throws {
            let under = try backend.makeStore()
            let q = try Fixture.questionnaire()
            let first = try under.open()
            let before = Platform.now
            let handle = try first.start(header(q))
            let id = handle.header.id
            let other = try under.open()

            // Alive: held, by whom, where, since when.
            var item = try inProgress(other, id)
            #expect(item.state == .held)
            var holder = try #require(item.holder, "a held interview names its holder")
            #expect(holder.login == Platform.effectiveLogin)
            #expect(holder.interviewer == "maria")
            #expect(holder.host == Platform.hostName)
            #expect(holder.pid == getpid())
            #expect(holder.since >= before - 1 && holder.since <= Platform.now + 1)
            #expect(!holder.isStale(at: Platform.now))

            // Stale: no key for longer than staleAfter; an answer makes it fresh again.
            under.silence(handle, seconds: InterviewHolder.staleAfter + 60)
            item = try inProgress(other, id)
            holder = try #require(item.holder)
            #expect(item.state == .held, "stale is still held: its process lives")
            #expect(holder.isStale(at: Platform.now))
            #expect(Platform.now - holder.lastKey >= InterviewHolder.staleAfter + 59)
            try handle.append(.action(.answer("1"), at: Platform.now))
            holder = try #require(try inProgress(other, id).holder)
            #expect(!holder.isStale(at: Platform.now), "an answer is a key")

            // Another login may not take it; the holder keeps it.
            #expect(throws: StoreError.heldBy(id, holder)) { try other.takeOver(id, by: "not-" + holder.login) }
            #expect(try inProgress(other, id).state == .held)

            // Dead: its process is killed; nobody holds it, it can be resumed.
            under.kill(first, holding: [handle], claims: [])
            item = try inProgress(other, id)
            #expect(item.state == .interrupted)
            #expect(item.holder == nil, "a dead process holds nothing, whatever it left behind")
            let release = try other.takeOver(id, by: Platform.effectiveLogin)
            #expect(release.how == .wasFree)
            let resumed = try other.resume(id)
            #expect(try inProgress(under.open(), id).holder?.pid == getpid(), "the new holder is named")
            resumed.handle.letGo()
            #expect(try inProgress(other, id).holder == nil, "let go: nobody holds it")
            #expect(try inProgress(other, id).state == .interrupted)
        }
    }
}

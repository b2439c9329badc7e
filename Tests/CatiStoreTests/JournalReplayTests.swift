import CatiCore
import CatiStore
import Foundation
import Testing

extension StoreTests {
    @Suite struct JournalReplayTests {
        static let awkwardName = "Perè \"Nino\" \\ d'Àvila\tè 𝄞"

        @Test func afterAnInterruptionResumeGivesEveryAnswerBackAtTheFirstUnansweredQuestion() throws {
            let test = try TestFolder("interrupt")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            let id = session.id
            try session.answer("1")
            #expect(try session.perform(.refused) == .moved)
            try session.answer(Self.awkwardName)
            #expect(session.screenName == "canali")
            session.interrupt()  // the line dropped: nothing more is written

            let listed = try store.resumable()
            #expect(listed.map(\.header.id) == [id])
            #expect(listed.first?.suspended == false)
            #expect(listed.first?.actions == 3)

            let resumed = try InterviewSession.resume(id, questionnaire: q, store: try test.store())
            #expect(resumed.id == id)
            #expect(resumed.screenName == "canali", "the first unanswered question")
            #expect(resumed.interview.values == ["consenso": .number(1), "eta": .refused, "nome": .text(Self.awkwardName)])
            #expect(resumed.interview.interviewer == "maria")
            // …and it goes on to the end, saved once, its journal gone.
            try resumed.answer("3 1")
            #expect(try resumed.perform(.dontKnow) == .moved)
            #expect(try resumed.perform(.answer("")) == .finished(.complete))
            let records = try test.records(id: id)
            #expect(records.count == 1)
            let answers = records.first?["answers"]?.serialized
            #expect(answers == #"{"consenso":1,"eta":{"missing":"refused"},"nome":"Perè \"Nino\" \\ d'Àvila\tè 𝄞","canali":[1,3],"voto":{"missing":"dk"}}"#)
            #expect(records.first?.serialized == resumed.savedRecord)
            #expect(!Platform.exists(test.folder.journal(id)))
            #expect(try store.resumable().isEmpty)
        }

        @Test func afterASuspensionResumeGivesEveryAnswerBackAndGoingBackIsReplayed() throws {
            let test = try TestFolder("suspend")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "luca")
            try session.answer("1", "30")
            #expect(try session.perform(.back) == .moved)
            #expect(session.screenName == "eta")
            try session.answer("31", "Anna")
            #expect(Platform.exists(test.folder.place(session.id)), "a quota place is held")
            try session.suspend()
            #expect(!Platform.exists(test.folder.place(session.id)), "a suspended interview gives up its places")

            let listed = try store.resumable()
            #expect(listed.map(\.header.id) == [session.id])
            #expect(listed.first?.suspended == true)

            let resumed = try InterviewSession.resume(session.id, questionnaire: q, store: store)
            #expect(resumed.screenName == "canali")
            #expect(resumed.interview.values == ["consenso": .number(1), "eta": .number(31), "nome": .text("Anna")])
            #expect(Platform.exists(test.folder.place(session.id)), "the place is taken again on resume")
            #expect(try store.resumable().isEmpty, "an interview open in a live session is not offered for resuming")

            // Suspended and resumed twice: still every answer.
            try resumed.suspend()
            let again = try InterviewSession.resume(session.id, questionnaire: q, store: store)
            #expect(again.screenName == "canali")
            #expect(again.valueTexts == resumed.valueTexts)
            try again.answer("2", "10")
            #expect(try again.perform(.answer("")) == .finished(.complete))
            #expect(try test.records(id: session.id).count == 1)
        }

        @Test func timeAwayWhileSuspendedOrInterruptedCountsNeitherOnTheClockNorInTheParadata() throws {
            let test = try TestFolder("clock")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let clock = SettableClock(1_800_000_000)
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria",
                                                     clock: clock.read)
            clock.advance(10); try session.answer("1")      // consenso: 10 s
            clock.advance(20); try session.answer("40")     // eta: 20 s
            clock.advance(5); try session.suspend()         // nome: 5 s, then a day away
            clock.advance(86_400)
            let resumed = try InterviewSession.resume(session.id, questionnaire: q, store: store, clock: clock.read)
            #expect(resumed.interview.elapsed(at: clock.read()) == 35, "the header clock shows time on the phone")
            clock.advance(3); try resumed.answer("Anna")    // nome: 5 + 3 s
            clock.advance(2); resumed.interrupt()           // canali: 2 s shown, then the line dropped
            clock.advance(3_600)
            let again = try InterviewSession.resume(session.id, questionnaire: q, store: store, clock: clock.read)
            #expect(again.interview.elapsed(at: clock.read()) == 38,
                    "the 2 s after the last answer of an interrupted session are not in its journal")
            clock.advance(4); try again.answer("1")         // canali: 4 s
            clock.advance(1); try again.answer("8")         // voto: 1 s
            #expect(try again.perform(.answer("")) == .finished(.complete))
            let record = try #require(try test.records(id: session.id).first)
            #expect(record["paradata"]?["seconds"]?.serialized == #"{"consenso":10,"eta":20,"nome":8,"canali":4,"voto":1}"#)
            #expect(record["started"] != record["finished"])
        }

        @Test func anInterviewInterruptedBeforeItsFirstAnswerResumesAtTheStart() throws {
            let test = try TestFolder("empty")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            session.interrupt()
            let resumed = try InterviewSession.resume(session.id, questionnaire: q, store: store)
            #expect(resumed.screenName == "consenso")
            #expect(resumed.interview.values.isEmpty)
            resumed.interrupt()
        }

        @Test func resumingAnInterviewHeldByALiveSessionFailsClearly() throws {
            let test = try TestFolder("busy")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let live = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try live.answer("1", "50")
            #expect(throws: StoreError.busy(live.id)) {
                try InterviewSession.resume(live.id, questionnaire: q, store: store)
            }
            #expect(StoreError.busy(live.id).description.contains(live.id))
            #expect(StoreError.busy(live.id).description.contains("open in another"))
            // The failed attempt wrote nothing and took nothing: the live session goes on.
            try live.answer("Anna")
            live.interrupt()

            let second = try InterviewSession.resume(live.id, questionnaire: q, store: try test.store())
            #expect(second.valueTexts == ["consenso": "number(1.0)", "eta": "number(50.0)", "nome": "text(\"Anna\")"])
            #expect(throws: StoreError.busy(live.id)) {
                try InterviewSession.resume(live.id, questionnaire: q, store: store)
            }
            second.interrupt()
        }

        @Test func resumingWhatDoesNotExistOrWasStartedWithAnotherQuestionnaireFails() throws {
            let test = try TestFolder("nosuch")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            #expect(throws: StoreError.unknownInterview("01NOSUCHINTERVIEW000000000")) {
                try InterviewSession.resume("01NOSUCHINTERVIEW000000000", questionnaire: q, store: store)
            }
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1")
            session.interrupt()
            #expect(throws: StoreError.questionnaireChanged(session.id)) {
                try InterviewSession.resume(session.id, questionnaire: try Fixture.changedQuestionnaire(), store: store)
            }
            // The failed attempt let go of the journal: the right questionnaire resumes it.
            let resumed = try InterviewSession.resume(session.id, questionnaire: q, store: store)
            #expect(resumed.screenName == "eta")
            resumed.interrupt()
        }

        @Test func aTornLastJournalLineIsAnActionNeverAcknowledged() throws {
            let test = try TestFolder("tornjournal")
            let store = try test.store()
            let q = try Fixture.questionnaire()
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1", "44")
            session.interrupt()
            let path = test.folder.journal(session.id)
            try test.write(path, test.bytes(path) + Array(#"{"t":1790000000.5,"answ"#.utf8))
            let resumed = try InterviewSession.resume(session.id, questionnaire: q, store: store)
            #expect(resumed.screenName == "nome")
            #expect(resumed.interview.values == ["consenso": .number(1), "eta": .number(44)])
            // The next action is not glued to the torn bytes: it is replayed next time.
            try resumed.answer("Anna")
            resumed.interrupt()
            let third = try InterviewSession.resume(session.id, questionnaire: q, store: store)
            #expect(third.screenName == "canali")
            #expect(third.interview.values["nome"] == .text("Anna"))
            third.interrupt()
        }
    }

    @Suite struct RecoverFinishedTests {
        /// Runs the fixture to its ending screen through `store`, then presses Enter.
        func finish(_ store: any InterviewStore, _ q: Questionnaire) throws -> (InterviewSession, (any Error)?) {
            let session = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try session.answer("1", "42", "Anna", "2", "9")
            do {
                _ = try session.perform(.answer(""))
                return (session, nil)
            } catch {
                return (session, error)
            }
        }

        func finishingRecord(_ path: String) throws -> String? {
            try Journal.read(path: path).1.compactMap { event -> String? in
                if case .finishing(let record) = event { return record } else { return nil }
            }.last
        }

        @Test func aRecordFoundOnlyInAJournalIsAppendedExactlyOnce() throws {
            let test = try TestFolder("recover")
            let q = try Fixture.questionnaire()
            let crashing = FailingSaveStore(try test.store(), mode: .crashBeforeAppend)
            let (session, error) = try finish(crashing, q)
            #expect(error is FailingSaveStore.Crash)
            #expect(session.savedRecord == nil, "never reported saved")
            session.interrupt()  // the process is gone
            let journal = test.folder.journal(session.id)
            let line = try #require(try finishingRecord(journal), "the record is in the journal")
            #expect(try test.records(id: session.id).isEmpty)

            let store = try test.store()
            #expect(try store.recoverFinished() == [session.id])
            let records = try test.records(id: session.id)
            #expect(records.map(\.serialized) == [line])
            #expect(records.first?["status"]?.stringValue == "complete")
            #expect(!Platform.exists(journal))
            #expect(!Platform.exists(test.folder.place(session.id)))
            #expect(try store.recoverFinished() == [])
            #expect(try test.records(id: session.id).count == 1)
            #expect(try store.resumable().isEmpty)
        }

        @Test func aRecordAlreadyAppendedIsNotAppendedAgain() throws {
            let test = try TestFolder("recover2")
            let q = try Fixture.questionnaire()
            let crashing = FailingSaveStore(try test.store(), mode: .crashAfterAppend)
            let (session, error) = try finish(crashing, q)
            #expect(error is FailingSaveStore.Crash)
            session.interrupt()
            #expect(try test.records(id: session.id).count == 1)
            #expect(Platform.exists(test.folder.journal(session.id)))

            let store = try test.store()
            #expect(try store.recoverFinished() == [session.id])
            #expect(try test.records(id: session.id).count == 1, "exactly once")
            #expect(!Platform.exists(test.folder.journal(session.id)))
            #expect(try RecordReader(path: test.interviews).scan().records.count == 1)
        }

        @Test func unfinishedAndLiveJournalsAreLeftAlone() throws {
            let test = try TestFolder("recover3")
            let q = try Fixture.questionnaire()
            let store = try test.store()
            let live = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "maria")
            try live.answer("1", "20")
            let left = try InterviewSession.start(questionnaire: q, store: store, sample: nil, interviewer: "luca")
            try left.answer("1")
            left.interrupt()
            // A finished interview whose journal is held by a live session: not taken over.
            let crashing = FailingSaveStore(store, mode: .crashBeforeAppend)
            let (held, error) = try finish(crashing, q)
            #expect(error != nil)

            #expect(try test.store().recoverFinished() == [])
            for id in [live.id, left.id, held.id] { #expect(Platform.exists(test.folder.journal(id))) }
            #expect(try RecordReader(path: test.interviews).scan().records.isEmpty)
            #expect(try test.store().resumable().map(\.header.id) == [left.id])

            held.interrupt()
            #expect(try test.store().recoverFinished() == [held.id])
            #expect(try test.records(id: held.id).count == 1)
            live.interrupt()
        }
    }
}


/// A clock the test moves by hand.
final class SettableClock: @unchecked Sendable {
    private var now: Double
    private let lock = NSLock()
    init(_ start: Double) { now = start }
    func advance(_ seconds: Double) { lock.lock(); now += seconds; lock.unlock() }
    var read: @Sendable () -> Double { { [self] in lock.lock(); defer { lock.unlock() }; return now } }
}

import CatiCore
import CatiStore
@testable import CatiTUI
import Testing

/// The resume list names the holder of an interview still held by a live process
/// (issue 22), marks it stale after 5 minutes without a key, and choosing it resumes
/// it (a takeover, decided by the store).
@Suite struct NextInterviewHolderTests {
    static let now = 1_800_000_000.0

    static func held(lastKeySecondsAgo: Double) -> InterviewInProgress {
        let header = JournalHeader(id: "01HELD", survey: "cc_parma", questionnaireSHA256: "x", interviewer: "maria",
                                   startedAt: now - 900,
                                   sample: SampleRecord(id: "R0001", fields: ["id": "R0001", "name": "Maria Rossi"]),
                                   simulated: false)
        let holder = InterviewHolder(login: "maria", interviewer: "maria", host: "cc-01", pid: 4242, since: now - 900,
                                     lastKey: now - lastKeySecondsAgo)
        return InterviewInProgress(header: header, state: .held, lastActivity: now - 600, actions: 3, holder: holder)
    }

    static func row(_ item: InterviewInProgress, _ language: InterviewerLanguage) -> String? {
        var model = NextInterviewViewTests.model(resumable: [item], language: language)
        model.now = now
        model.clockText = { t in "2027-01-15 " + (t == now - 900 ? "10:02" : t == now - 20 ? "10:16" : "10:07") + " UTC" }
        return model.frame(Size(width: 200, height: 24)).lines.first { $0.hasPrefix("  1  R0001") }
    }

    @Test func aHeldInterviewIsListedWithItsHolderAndStaleAfterFiveMinutes() throws {
        let fresh = try #require(Self.row(Self.held(lastKeySecondsAgo: 20), .it))
        #expect(fresh.contains("R0001 Maria Rossi  tenuta dal login maria su cc-01, pid 4242, dalle 10:02, ultimo tasto 10:16 "),
                "\(fresh)")
        #expect(!fresh.contains("(ferma)"))
        let stale = try #require(Self.row(Self.held(lastKeySecondsAgo: 600), .en))
        #expect(stale.contains("held by login maria on cc-01, pid 4242, since 10:02, last key 10:07 (stale)"), "\(stale)")
    }

    @Test func choosingAHeldInterviewResumesIt() {
        var model = NextInterviewViewTests.model(resumable: [Self.held(lastKeySecondsAgo: 20)])
        _ = model.handle(.char("1"))
        #expect(model.handle(.enter) == .resume("01HELD"))
    }
}

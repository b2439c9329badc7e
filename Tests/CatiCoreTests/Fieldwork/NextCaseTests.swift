import Testing
@testable import CatiCore

/// The next-case rule: due appointments (the maker's during the grace period), due
/// retries, fresh cases; cells furthest below target first; full cells not offered and,
/// when completes fill them, closed as quota-filled; delays, attempt limit, calling hours.
struct NextCaseTests {
    static let source = """
    survey coda "Coda"
    single tipo "Tipo" preload
      1 privato "Privato"
      2 azienda "Azienda"
    quota per_tipo by tipo
      privato: 10
      azienda: 4
    end
    """
    /// Monday 30 November 2026, 10:00 UTC.
    static let monday10 = Timestamp.parse("2026-11-30T10:00:00Z")!

    let questionnaire: Questionnaire
    init() throws {
        let result = QuestionnaireChecker.check(Self.source)
        questionnaire = try #require(result.questionnaire)
    }

    func samples(_ tipi: [String?]) -> [SampleRecord?] {
        tipi.enumerated().map { k, t in SampleRecord(id: "C\(k + 1)", fields: t.map { ["tipo": $0] } ?? [:]) }
    }

    func queue(_ tipi: [String?]) -> (CallQueue, CaseBook) {
        let rows = samples(tipi)
        return (CallQueue(questionnaire: questionnaire, samples: rows), CaseBook(ids: rows.map { $0!.id }))
    }

    func quotas(privato: (Int, Int) = (0, 0), azienda: (Int, Int) = (0, 0)) -> QuotaTable {
        QuotaTable(questionnaire: questionnaire, complete: ["per_tipo": ["privato": privato.0, "azienda": azienda.0]],
                   inProgress: ["per_tipo": ["privato": privato.1, "azienda": azienda.1]])
    }

    func context(_ minutesLater: Double = 0, as who: String = "maria", quotas: QuotaTable? = nil,
                 busy: Set<String> = [], settings: FieldworkSettings = FieldworkSettings.dayTime) -> CallQueue.Context {
        CallQueue.Context(now: Self.monday10 + minutesLater * 60, interviewer: who, settings: settings,
                          quotas: quotas ?? self.quotas(), busy: busy)
    }

    func attempt(_ id: String, _ n: Int, _ outcome: CallOutcome, minutes: Double, by who: String = "maria",
                 appointment: Double? = nil) -> CallAttempt {
        CallAttempt(caseID: id, attempt: n, interviewer: who, at: Self.monday10 + minutes * 60, outcome: outcome,
                    appointment: appointment.map { Self.monday10 + $0 * 60 })
    }

    @Test func freshCasesGoInSampleOrderWhenCellsAreEven() {
        let (q, book) = queue(["privato", "privato", "azienda"])
        #expect(q.decide(book: book, context: context()).offer?.caseID == "C1")
        #expect(q.decide(book: book, context: context(busy: ["C1"])).offer?.caseID == "C2")
        #expect(q.decide(book: book, context: context(), limit: 5).offers.map(\.caseID) == ["C1", "C2", "C3"])
    }

    @Test func theCellFurthestBelowTargetGoesFirst() {
        let (q, book) = queue(["privato", "azienda", "privato"])
        // privato 5/10 reached, azienda 1/4: privato is further below target.
        let offer = q.decide(book: book, context: context(quotas: quotas(privato: (5, 0), azienda: (1, 0)))).offer
        #expect(offer?.caseID == "C2")
        // azienda 3/4 (2 completes + 1 in progress) vs privato 5/10: privato first.
        let other = q.decide(book: book, context: context(quotas: quotas(privato: (5, 0), azienda: (2, 1))), limit: 3)
        #expect(other.offers.map(\.caseID) == ["C1", "C3", "C2"])
    }

    @Test func aRetryWaitsForItsDelayThenGoesBeforeFreshCases() {
        let (q, base) = queue(["privato", "privato", "privato"])
        for (outcome, delay) in [(CallOutcome.busy, 15.0), (.noAnswer, 120), (.answeringMachine, 240)] {
            var book = base
            book.apply(attempt("C2", 1, outcome, minutes: 0))
            let busyC1: Set<String> = ["C1"]
            #expect(q.decide(book: book, context: context(delay - 1, busy: busyC1)).offer?.caseID == "C3",
                    "\(outcome) not due yet: a fresh case")
            let due = q.decide(book: book, context: context(delay, busy: busyC1)).offer
            #expect(due?.caseID == "C2", "\(outcome) due after \(delay) min")
            #expect(due?.tier == .retry)
        }
    }

    @Test func delaysAreConfigurable() {
        let (q, base) = queue(["privato", "privato"])
        var settings = FieldworkSettings.dayTime
        settings.retryDelay[.busy] = 5 * 60
        var book = base
        book.apply(attempt("C1", 1, .busy, minutes: 0))
        #expect(q.decide(book: book, context: context(5, busy: ["C2"], settings: settings)).offer?.caseID == "C1")
        #expect(q.decide(book: book, context: context(5, busy: ["C2"])).offer == nil)
    }

    @Test func aDueAppointmentGoesFirstToItsMakerThenToAnyoneAfterTheGrace() {
        let (q, base) = queue(["privato", "privato", "privato"])
        var book = base
        book.apply(attempt("C1", 1, .noAnswer, minutes: -300))          // retry long due
        book.apply(attempt("C3", 1, .appointment, minutes: -60, by: "luca", appointment: 30))
        // Before its time: not offered to anyone.
        #expect(q.decide(book: book, context: context(29, as: "luca")).offer?.caseID == "C1")
        // Due: to luca, before the due retry.
        let forLuca = q.decide(book: book, context: context(30, as: "luca")).offer
        #expect(forLuca?.caseID == "C3")
        #expect(forLuca?.tier == .appointment)
        // Maria does not get it during the grace period (15 min), then does.
        #expect(q.decide(book: book, context: context(44, as: "maria")).offer?.caseID == "C1")
        #expect(q.decide(book: book, context: context(45, as: "maria")).offer?.caseID == "C3")
        // When luca is known not to be working, anyone gets it at once.
        var absent = context(30, as: "maria")
        absent.working = ["maria"]
        #expect(q.decide(book: book, context: absent).offer?.caseID == "C3")
    }

    @Test func theAttemptLimitClosesACase() {
        let (q, base) = queue(["privato"])
        var book = base
        var settings = FieldworkSettings.dayTime
        settings.maxAttempts = 2
        book.apply(attempt("C1", 1, .busy, minutes: -600))
        #expect(q.decide(book: book, context: context(settings: settings)).offer?.caseID == "C1")
        book.apply(attempt("C1", 2, .busy, minutes: -300))
        let decision = q.decide(book: book, context: context(settings: settings))
        #expect(decision.offer == nil)
        #expect(book.status(at: 0, settings: settings) == .final(.busy))
        // With the default of 6 it is still called.
        #expect(q.decide(book: book, context: context()).offer?.caseID == "C1")
    }

    @Test func finalCasesAreNeverOffered() {
        let (q, base) = queue(["privato", "privato"])
        var book = base
        book.apply(attempt("C1", 1, .doNotCall, minutes: -600))
        book.apply(attempt("C2", 1, .refusalHard, minutes: -600))
        #expect(q.decide(book: book, context: context(600)).offer == nil)
    }

    @Test func aFullCellIsNotOfferedAndClosedOnlyWhenCompletesFillIt() {
        let (q, book) = queue(["azienda", "privato", nil])
        // azienda full with an interview in progress: not offered, not closed (the place may come back).
        let held = q.decide(book: book, context: context(quotas: quotas(azienda: (3, 1))))
        #expect(held.offer?.caseID == "C2")
        #expect(held.toClose.isEmpty)
        // azienda full with completes: closed as quota-filled.
        let filled = q.decide(book: book, context: context(quotas: quotas(azienda: (4, 0))))
        #expect(filled.toClose == ["C1"])
        #expect(filled.offer?.caseID == "C2")
        // A case whose tipo is unknown is still offered.
        let only = q.decide(book: book, context: context(quotas: quotas(privato: (10, 0), azienda: (4, 0))))
        #expect(only.toClose == ["C1", "C2"])
        #expect(only.offer?.caseID == "C3")
    }

    @Test func nothingIsOfferedOutsideCallingHours() {
        let (q, book) = queue(["privato"])
        var settings = FieldworkSettings.dayTime
        settings.utcOffset = 3600
        // 20:30 UTC = 21:30 local: after 21:00.
        let late = q.decide(book: book, context: context(630, settings: settings))
        #expect(late.offer == nil)
        #expect(late.outsideCallingHours)
        // Next: Tuesday 09:00 local = 08:00 UTC.
        #expect(late.nextDue == Timestamp.parse("2026-12-01T08:00:00Z"))
        // Saturday is a calling day, Sunday is not.
        #expect(settings.isCallingTime(Timestamp.parse("2026-12-05T10:00:00Z")!))
        #expect(!settings.isCallingTime(Timestamp.parse("2026-12-06T10:00:00Z")!))
    }

    @Test func whenNothingIsDueTheEarliestDueTimeIsGiven() {
        let (q, base) = queue(["privato", "privato"])
        var book = base
        book.apply(attempt("C1", 1, .noAnswer, minutes: 0))
        book.apply(attempt("C2", 1, .busy, minutes: 0))
        let decision = q.decide(book: book, context: context(1))
        #expect(decision.offer == nil)
        #expect(decision.nextDue == Self.monday10 + 15 * 60)
    }
}

import CatiCore

/// `cati simulate --calls`: cases dialled one after another on a simulated clock (days
/// of fieldwork in seconds), through the same next-case rule, claims and calls.jsonl
/// as interviewers; a contact runs a random interview through the real session, and its
/// ending is recorded as the attempt. Several may run at once on one data folder.
public final class CallSimulation: @unchecked Sendable {
    public let desk: CallDesk
    public let mix: CallMix
    public let seed: UInt64
    public let interviewer: String
    private let clock: SimulatedClock
    private var rng: SplitMix64

    public struct Summary: Sendable {
        public var calls = 0
        public var interviews = 0
        public var byOutcome: [CallOutcome: Int] = [:]
        public var simulatedSeconds = 0.0
    }

    final class SimulatedClock: @unchecked Sendable {
        private let mutex = Lock()
        private var t: Double
        init(_ t: Double) { self.t = t }
        var now: Double { mutex.locked { t } }
        func advance(to u: Double) { mutex.locked { t = max(t, u) } }
        func advance(by d: Double) { mutex.locked { t += d } }
    }

    public init(desk: CallDesk, mix: CallMix, seed: UInt64, interviewer: String, start: Double) {
        self.desk = desk
        self.mix = mix
        self.seed = seed
        self.interviewer = interviewer
        clock = SimulatedClock(start)
        rng = SplitMix64.stream(seed: seed, index: 0xCA11)
    }

    public var now: Double { clock.now }

    /// Dials until no case is left to call or `until` (simulated time) is reached, or
    /// after `maxCalls` calls.
    public func run(until end: Double, maxCalls: Int = .max) throws -> Summary {
        var summary = Summary()
        let started = clock.now
        while summary.calls < maxCalls, clock.now < end {
            // Processes simulating at once keep one time: never behind the latest attempt.
            try desk.refresh()
            clock.advance(to: desk.latestAttempt)
            switch try desk.next(interviewer: interviewer, now: clock.now) {
            case .nothing(let decision):
                guard let due = decision.nextDue, due < end else {
                    summary.simulatedSeconds = clock.now - started
                    return summary
                }
                clock.advance(to: max(due, clock.now + 1))
            case .taken(let taken):
                defer { taken.claim.release() }
                let outcome = try call(taken, &summary)
                summary.calls += 1
                summary.byOutcome[outcome, default: 0] += 1
                clock.advance(by: 20)       // wrap-up before the next call
            }
        }
        summary.simulatedSeconds = clock.now - started
        return summary
    }

    private func call(_ taken: CallDesk.Taken, _ summary: inout Summary) throws -> CallOutcome {
        let u = Double(rng.next() >> 11) / Double(1 << 53)
        switch mix.pick(u) {
        case .interview:
            summary.interviews += 1
            let (id, outcome) = try interview(taken.record, index: rng.next())
            try desk.record(outcome, on: taken.caseID, interviewer: interviewer, now: clock.now, interview: id)
            return outcome
        case .outcome(let outcome):
            clock.advance(by: outcome == .noAnswer ? 40 : outcome == .busy ? 10 : 60)
            var appointment: Double?
            if outcome == .appointment { appointment = appointmentTime() }
            try desk.record(outcome, on: taken.caseID, interviewer: interviewer, now: clock.now, appointment: appointment)
            return outcome
        }
    }

    /// Tomorrow or the day after, at a whole quarter hour inside calling hours.
    private func appointmentTime() -> Double {
        let s = desk.settings
        let local = LocalTime(clock.now, offset: s.utcOffset)
        let quarters = max(1, (s.callingEnd - s.callingStart) / 15)
        let minute = s.callingStart + Int(rng.next() % UInt64(quarters)) * 15
        let t = local.moment(daysLater: 1 + Int(rng.next() % 2), minute: minute)
        return s.nextCallingTime(from: t) ?? t
    }

    /// A random interview of this case, to its natural end, timed on the simulated clock.
    private func interview(_ record: SampleRecord?, index: UInt64) throws -> (String, CallOutcome) {
        var respondent = RandomRespondent(seed: seed, index: index)
        let clock = self.clock
        let session = try InterviewSession.start(questionnaire: desk.questionnaire, store: desk.store, sample: record,
                                                 interviewer: interviewer, simulated: true, clock: { clock.now })
        while true {
            clock.advance(by: 15)
            if case .finished(let status) = try session.perform(respondent.nextAction(for: session.interview)) {
                return (session.id, session.interview.callOutcome ?? CallOutcome(status))
            }
        }
    }
}

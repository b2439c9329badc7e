/// Suspensions (F9) as the record's paradata keeps them: when, on which question, the
/// reason the interviewer typed, and when the interview was taken up again.
public struct Suspension: Sendable, Equatable {
    public let at: Double
    public let question: String?
    public let reason: String
    public var resumed: Double?

    var json: JSON {
        var members: [(String, JSON)] = [("at", .string(Timestamp.rfc3339(at)))]
        if let question { members.append(("question", .string(question))) }
        members.append(("reason", .string(reason)))
        if let resumed { members.append(("resumed", .string(Timestamp.rfc3339(resumed)))) }
        return .object(members)
    }
}

extension Interview {
    /// A suspension at `time`, on the current question: the clock stops (`pauseClock`)
    /// and the suspension is kept for the record's `paradata.suspensions`.
    public mutating func suspend(at time: Double, reason: String) {
        pauseClock(at: time)
        suspensions.append(Suspension(at: time, question: paradataName(current), reason: reason, resumed: nil))
    }

    /// Taken up again at `time` after a suspension or an interruption: the time away
    /// counts nowhere, and an open suspension is marked resumed.
    public mutating func resume(at time: Double) {
        restartClock(at: time)
        if let last = suspensions.indices.last, suspensions[last].resumed == nil { suspensions[last].resumed = time }
    }
}

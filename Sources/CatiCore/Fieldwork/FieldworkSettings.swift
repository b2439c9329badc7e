/// How the fieldwork is run: retry delays per outcome, the attempt limit, the grace
/// period of appointments, calling hours and the local time zone (as an offset, so that
/// the core stays free of the system's clock and zone database).
public struct FieldworkSettings: Sendable, Equatable {
    /// Seconds to wait before calling a case again after each non-final outcome.
    public var retryDelay: [CallOutcome: Double] = [
        .busy: 15 * 60, .noAnswer: 2 * 3600, .answeringMachine: 4 * 3600,
        .answeringMachineMessage: 4 * 3600, .refusalSoft: 24 * 3600,
    ]
    /// Delay for a non-final outcome not in `retryDelay`.
    public var defaultRetryDelay: Double = 3600
    public var maxAttempts = 6
    /// How long after its time an appointment stays with the interviewer who made it.
    public var appointmentGrace: Double = 15 * 60
    /// Calling hours, minutes of the local day: [start, end). Default: any time (set
    /// them in the settings file, e.g. `calling-hours 09:00-21:00`).
    public var callingStart = 0
    public var callingEnd = 24 * 60
    /// Days with calling hours, 1 = Monday … 7 = Sunday. Default: every day.
    public var callingDays: Set<Int> = [1, 2, 3, 4, 5, 6, 7]

    /// Italian practice: Monday to Saturday, 9:00 to 21:00.
    public static var dayTime: FieldworkSettings {
        var s = FieldworkSettings()
        (s.callingStart, s.callingEnd, s.callingDays) = (9 * 60, 21 * 60, [1, 2, 3, 4, 5, 6])
        return s
    }
    /// Local time = UTC + offset (seconds).
    public var utcOffset = 0

    public init() {}

    public func delay(after outcome: CallOutcome) -> Double { retryDelay[outcome] ?? defaultRetryDelay }

    /// Whether a call may be made at this moment.
    public func isCallingTime(_ t: Double) -> Bool {
        let local = LocalTime(t, offset: utcOffset)
        return callingDays.contains(local.weekday) && local.minuteOfDay >= callingStart && local.minuteOfDay < callingEnd
    }

    /// The first moment at or after `t` inside calling hours (nil when there are none).
    public func nextCallingTime(from t: Double) -> Double? {
        guard callingStart < callingEnd, !callingDays.isEmpty else { return nil }
        if isCallingTime(t) { return t }
        var day = LocalTime(t, offset: utcOffset).startOfDay
        for _ in 0..<8 {
            let start = day + Double(callingStart * 60) - Double(utcOffset)
            if start >= t, isCallingTime(start) { return start }
            day += 86_400
        }
        return nil
    }

    /// Reads a settings file: one `key value` per line, `#` comments.
    ///
    ///     max-attempts 8
    ///     retry busy 10m
    ///     retry no-answer 3h
    ///     grace 20m
    ///     calling-hours 09:00-20:30
    ///     calling-days mon-fri
    ///     utc-offset +01:00
    public static func parse(_ text: String, file: String = "fieldwork settings",
                             base: FieldworkSettings = FieldworkSettings()) throws -> FieldworkSettings {
        var settings = base
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let key = words.first else { continue }
            func fail(_ why: String) -> SettingsError { SettingsError(message: "\(file):\(n + 1): \(why)") }
            switch (key, words.count) {
            case ("max-attempts", 2):
                guard let v = Int(words[1]), v >= 1 else { throw fail("max-attempts needs a whole number of 1 or more") }
                settings.maxAttempts = v
            case ("retry", 3):
                guard let outcome = CallOutcome(rawValue: words[1]), !outcome.isFinal, outcome != .appointment else {
                    throw fail("'\(words[1])' is not an outcome that is called again")
                }
                guard let d = duration(words[2]) else { throw fail("'\(words[2])' is not a duration (like 15m, 2h, 1d)") }
                settings.retryDelay[outcome] = d
            case ("grace", 2):
                guard let d = duration(words[1]) else { throw fail("'\(words[1])' is not a duration (like 15m)") }
                settings.appointmentGrace = d
            case ("calling-hours", 2):
                let parts = words[1].split(separator: "-").map(String.init)
                guard parts.count == 2, let a = clock(parts[0]), let b = clock(parts[1]), a < b else {
                    throw fail("calling-hours needs HH:MM-HH:MM, start before end")
                }
                (settings.callingStart, settings.callingEnd) = (a, b)
            case ("calling-days", 2):
                guard let days = weekdays(words[1]) else { throw fail("calling-days needs days like mon-fri or mon,wed,sat") }
                settings.callingDays = days
            case ("utc-offset", 2):
                guard let o = offset(words[1]) else { throw fail("utc-offset needs +HH:MM or -HH:MM") }
                settings.utcOffset = o
            default:
                throw fail("unknown setting '\(line.trimmingSpaces())'")
            }
        }
        return settings
    }

    public struct SettingsError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static func duration(_ s: String) -> Double? {
        guard let unit = s.last, let n = Double(s.dropLast()), n >= 0 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }

    static func clock(_ s: String) -> Int? {
        let p = s.split(separator: ":").map { Int($0) }
        guard p.count == 2, let h = p[0], let m = p[1], (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    static func offset(_ s: String) -> Int? {
        guard let sign = s.first, sign == "+" || sign == "-", let m = clock(String(s.dropFirst())) else { return nil }
        return (sign == "-" ? -1 : 1) * m * 60
    }

    static func weekdays(_ s: String) -> Set<Int>? {
        var days = Set<Int>()
        for part in s.split(separator: ",") {
            let ends = part.split(separator: "-").map { LocalTime.weekday(named: String($0)) }
            guard let a = ends.first ?? nil, ends.count <= 2 else { return nil }
            guard ends.count == 2, let b = ends[1] else { days.insert(a); continue }
            var d = a
            while true { days.insert(d); if d == b { break }; d = d % 7 + 1 }
        }
        return days.isEmpty ? nil : days
    }
}

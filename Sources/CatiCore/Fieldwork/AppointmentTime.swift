/// Reads an appointment time as an interviewer types it, forgivingly:
/// `15:30`, `15.30`, `15` (today), `domani 15:30`, `dopodomani 10`, `oggi 17`,
/// `tomorrow 9:15`, `lun 10`, `lunedì 10:30`, `mon 10` (the next such day),
/// `30/11 15:30`, `30/11/2026 15:30`, `2026-11-30 15:30`, `2026-11-30T15:30`
/// (local time), `2026-11-30T14:30:00Z` (UTC), `+2h`, `+90m`.
/// A time in the past or outside calling hours is refused with a message.
public enum AppointmentTime {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case past(String)
        case outsideCallingHours(String)
        public var description: String {
            switch self {
            case .unreadable(let s): return s
            case .past(let s): return s
            case .outsideCallingHours(let s): return s
            }
        }
    }

    public static func parse(_ input: String, now: Double, settings: FieldworkSettings,
                             language: InterviewerLanguage = .en) -> Result<Double, Failure> {
        let it = language == .it
        let text = input.trimmingSpaces().lowercased()
        guard let t = moment(text, now: now, offset: settings.utcOffset) else {
            return .failure(.unreadable(it
                ? "'\(input)': ora non riconosciuta (esempi: 15:30, domani 15:30, lun 10, 30/11 9:15)"
                : "'\(input)': not a time (examples: 15:30, tomorrow 15:30, mon 10, 30/11 9:15)"))
        }
        let shown = LocalTime(t, offset: settings.utcOffset).fullText(language)
        guard t > now else {
            return .failure(.past(it ? "\(shown) è già passato" : "\(shown) is in the past"))
        }
        guard settings.isCallingTime(t) else {
            let hours = clock(settings.callingStart) + "–" + clock(settings.callingEnd)
            return .failure(.outsideCallingHours(it ? "\(shown) è fuori dall'orario di chiamata (\(hours))"
                                                    : "\(shown) is outside calling hours (\(hours))"))
        }
        return .success(t)
    }

    static func clock(_ minute: Int) -> String {
        "\(minute / 60):" + (minute % 60 < 10 ? "0" : "") + "\(minute % 60)"
    }

    /// The moment the text names, or nil. Past times are returned as such.
    static func moment(_ text: String, now: Double, offset: Int) -> Double? {
        if let utc = Timestamp.parse(text.uppercased()) { return utc }
        if text.hasPrefix("+"), let d = FieldworkSettings.duration(String(text.dropFirst())) { return now + d }
        // An ISO date's `T` separates it from the time.
        let iso = text.first?.isNumber == true && text.contains("-")
        let parts = (iso ? text.replacingAll("t", with: " ") : text)
            .split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard let last = parts.last, let minute = timeOfDay(last) else { return nil }
        let today = LocalTime(now, offset: offset)
        let dayWords = parts.dropLast()
        guard dayWords.count <= 1 else { return nil }
        guard let day = dayWords.first else { return today.moment(daysLater: 0, minute: minute) }
        switch day {
        case "oggi", "today": return today.moment(daysLater: 0, minute: minute)
        case "domani", "tomorrow": return today.moment(daysLater: 1, minute: minute)
        case "dopodomani": return today.moment(daysLater: 2, minute: minute)
        default: break
        }
        if let weekday = LocalTime.weekday(named: day) {
            var ahead = (weekday - today.weekday + 7) % 7
            if ahead == 0, today.moment(daysLater: 0, minute: minute) <= now { ahead = 7 }
            return today.moment(daysLater: ahead, minute: minute)
        }
        if let (y, m, d) = date(day, today: today) {
            return LocalTime.moment(year: y, month: m, day: d, minute: minute, offset: offset)
        }
        return nil
    }

    /// `15:30`, `15.30`, `15h30`, `15` → minutes of the day.
    static func timeOfDay(_ s: String) -> Int? {
        let parts = s.split(whereSeparator: { $0 == ":" || $0 == "." || $0 == "h" }).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let h = parts[0]!, m = parts.count > 1 ? parts[1]! : 0
        guard (0...23).contains(h), (0...59).contains(m), s.first?.isNumber == true else { return nil }
        return h * 60 + m
    }

    /// `30/11`, `30/11/2026`, `2026-11-30`.
    static func date(_ s: String, today: LocalTime) -> (Int, Int, Int)? {
        if s.contains("-") {
            let p = s.split(separator: "-").map { Int($0) }
            guard p.count == 3, let y = p[0], let m = p[1], let d = p[2], valid(y, m, d) else { return nil }
            return (y, m, d)
        }
        let p = s.split(separator: "/").map { Int($0) }
        guard (2...3).contains(p.count), let d = p[0], let m = p[1] else { return nil }
        var y = today.year
        if p.count == 3 { guard let given = p[2] else { return nil }; y = given < 100 ? 2000 + given : given }
        guard valid(y, m, d) else { return nil }
        return (y, m, d)
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= lengths[m - 1]
    }
}

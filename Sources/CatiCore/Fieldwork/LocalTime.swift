/// A moment seen on the local calendar (UTC + a fixed offset): date, weekday, time of day.
public struct LocalTime: Sendable, Equatable {
    public let year: Int, month: Int, day: Int
    /// 1 = Monday … 7 = Sunday.
    public let weekday: Int
    public let minuteOfDay: Int
    /// The local midnight of that day, in seconds since 1970 *local* (not UTC).
    let startOfDay: Double
    let offset: Int

    public init(_ t: Double, offset: Int) {
        let local = Int(t.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        (year, month, day) = Timestamp.civil(fromDays: days)
        weekday = ((days % 7) + 7 + 3) % 7 + 1      // 1970-01-01 was a Thursday (4)
        minuteOfDay = (local - days * 86_400) / 60
        startOfDay = Double(days * 86_400)
        self.offset = offset
    }

    /// The UTC moment of a local date and time.
    public static func moment(year: Int, month: Int, day: Int, minute: Int, offset: Int) -> Double {
        Double(Timestamp.days(fromCivil: year, month, day) * 86_400 + minute * 60 - offset)
    }

    /// The UTC moment of `minute` on the local day `days` after this one.
    public func moment(daysLater days: Int, minute: Int) -> Double {
        startOfDay + Double(days * 86_400 + minute * 60 - offset)
    }

    static let italianDays = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
    static let englishDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let italianMonths = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
                                "settembre", "ottobre", "novembre", "dicembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]

    /// A weekday by its Italian or English name or their first three letters (accents optional).
    public static func weekday(named raw: String) -> Int? {
        let s = raw.lowercased().replacingAll("ì", with: "i")
        guard s.count >= 2 else { return nil }
        for names in [italianDays, englishDays] {
            for (k, name) in names.enumerated() {
                let plain = name.replacingAll("ì", with: "i")
                if plain == s || (s.count >= 3 && plain.hasPrefix(s)) { return k + 1 }
            }
        }
        return nil
    }

    /// `lunedì 30 novembre 2026, 15:30` / `Monday 30 November 2026, 15:30`.
    public func fullText(_ language: InterviewerLanguage) -> String {
        let hm = "\(minuteOfDay / 60):" + (minuteOfDay % 60 < 10 ? "0" : "") + "\(minuteOfDay % 60)"
        if language == .it {
            return "\(Self.italianDays[weekday - 1]) \(day) \(Self.italianMonths[month - 1]) \(year), \(hm)"
        }
        let name = Self.englishDays[weekday - 1]
        return "\(name.prefix(1).uppercased() + name.dropFirst()) \(day) \(Self.englishMonths[month - 1]) \(year), \(hm)"
    }
}

import Testing
@testable import CatiCore

/// Appointment times typed forgivingly, shown back as a full date; past and outside
/// calling hours refused. The clock is Monday 30 November 2026, 10:00 in Parma (UTC+1).
struct AppointmentTimeTests {
    static let now = Timestamp.parse("2026-11-30T09:00:00Z")!
    static var settings: FieldworkSettings {
        var s = FieldworkSettings.dayTime
        s.utcOffset = 3600
        return s
    }

    static let accepted: [(String, String)] = [
        ("15:30", "2026-11-30T14:30:00Z"),
        ("15.30", "2026-11-30T14:30:00Z"),
        ("15", "2026-11-30T14:00:00Z"),
        ("oggi 17", "2026-11-30T16:00:00Z"),
        ("domani 15:30", "2026-12-01T14:30:00Z"),
        ("Domani 9", "2026-12-01T08:00:00Z"),
        ("tomorrow 9:15", "2026-12-01T08:15:00Z"),
        ("dopodomani 10", "2026-12-02T09:00:00Z"),
        ("lun 10", "2026-12-07T09:00:00Z"),          // Monday 10:00 is now: the next Monday
        ("lun 11", "2026-11-30T10:00:00Z"),          // later today
        ("mer 10", "2026-12-02T09:00:00Z"),
        ("mercoledì 10:30", "2026-12-02T09:30:00Z"),
        ("ven 18", "2026-12-04T17:00:00Z"),
        ("sat 9", "2026-12-05T08:00:00Z"),
        ("2/12 15:30", "2026-12-02T14:30:00Z"),
        ("02/12/2026 15:30", "2026-12-02T14:30:00Z"),
        ("2026-12-02 15:30", "2026-12-02T14:30:00Z"),
        ("2026-12-02T15:30", "2026-12-02T14:30:00Z"),
        ("2026-12-02T14:30:00Z", "2026-12-02T14:30:00Z"),
        ("+2h", "2026-11-30T11:00:00Z"),
    ]

    @Test(arguments: accepted)
    func aTypedTimeIsRead(input: String, utc: String) {
        let result = AppointmentTime.parse(input, now: Self.now, settings: Self.settings, language: .it)
        #expect((try? result.get()).map(Timestamp.rfc3339) == utc)
    }

    @Test func itIsShownBackAsAFullDate() throws {
        let t = try AppointmentTime.parse("domani 15:30", now: Self.now, settings: Self.settings).get()
        #expect(LocalTime(t, offset: 3600).fullText(.it) == "martedì 1 dicembre 2026, 15:30")
        #expect(LocalTime(t, offset: 3600).fullText(.en) == "Tuesday 1 December 2026, 15:30")
    }

    @Test(arguments: ["9:30", "oggi 8", "2026-11-29 15:00"])
    func aPastTimeIsRefused(input: String) {
        guard case .failure(.past(let message)) = AppointmentTime.parse(input, now: Self.now, settings: Self.settings,
                                                                          language: .it) else {
            Issue.record("'\(input)' accepted"); return
        }
        #expect(message.hasSuffix("è già passato"))
    }

    @Test(arguments: ["domani 22", "domani 7:30", "dom 10", "domani 21:00"])
    func aTimeOutsideCallingHoursIsRefused(input: String) {
        guard case .failure(.outsideCallingHours(let message)) = AppointmentTime.parse(
            input, now: Self.now, settings: Self.settings) else {
            Issue.record("'\(input)' accepted"); return
        }
        #expect(message.contains("outside calling hours (9:00–21:00)"))
    }

    @Test(arguments: ["", "domani", "25:00", "lun 10:75", "31/2 10", "tra poco", "domani lun 10"])
    func gibberishIsNotATime(input: String) {
        guard case .failure(.unreadable(let message)) = AppointmentTime.parse(input, now: Self.now, settings: Self.settings) else {
            Issue.record("'\(input)' read as a time"); return
        }
        #expect(message.contains("not a time"))
    }

    @Test func settingsAreReadFromAFile() throws {
        let s = try FieldworkSettings.parse("""
        # Parma
        max-attempts 8
        retry busy 10m
        retry no-answer 3h
        grace 20m
        calling-hours 09:00-20:30
        calling-days mon-fri
        utc-offset +01:00
        """)
        #expect(s.maxAttempts == 8)
        #expect(s.delay(after: .busy) == 600)
        #expect(s.delay(after: .noAnswer) == 3 * 3600)
        #expect(s.delay(after: .answeringMachine) == 4 * 3600)
        #expect(s.appointmentGrace == 1200)
        #expect(s.callingStart == 540 && s.callingEnd == 1230)
        #expect(s.callingDays == [1, 2, 3, 4, 5])
        #expect(s.utcOffset == 3600)
        #expect(throws: FieldworkSettings.SettingsError.self) { try FieldworkSettings.parse("retry complete 1h") }
        do {
            _ = try FieldworkSettings.parse("max-attempts 6\nmax-attempts zero", file: "fieldwork.conf")
        } catch {
            #expect("\(error)" == "fieldwork.conf:2: max-attempts needs a whole number of 1 or more")
        }
    }
}

import CatiCore
import Testing
@testable import CatiTUI

/// The outcome entry of the next-interview screen, without a terminal.
struct OutcomeEntryTests {
    static let now = Timestamp.parse("2026-11-30T10:00:00Z")!    // Monday

    func entry() -> OutcomeEntry { OutcomeEntry(now: Self.now, settings: .dayTime, language: .it) }

    mutating func type(_ text: String, into e: inout OutcomeEntry) -> OutcomeEntry.Result {
        for c in text { _ = e.handle(.char(c)) }
        return e.handle(.enter)
    }

    @Test mutating func aNoAnswerWithANote() {
        var e = entry()
        #expect(type("1", into: &e) == .none)
        #expect(e.step == .note)
        #expect(type("squilla", into: &e) == .record(.noAnswer, appointment: nil, note: "squilla"))
    }

    @Test mutating func anAppointmentIsConfirmedAsAFullDateAndEscGoesBack() {
        var e = entry()
        _ = type("5", into: &e)
        #expect(e.step == .appointment)
        _ = type("domenica 10", into: &e)
        #expect(e.message == "domenica 6 dicembre 2026, 10:00 è fuori dall'orario di chiamata (9:00–21:00)")
        for _ in 0..<11 { _ = e.handle(.backspace) }
        _ = type("mer 10:30", into: &e)
        let wednesday = Timestamp.parse("2026-12-02T10:30:00Z")!
        #expect(e.step == .confirm(wednesday))
        #expect(e.rows(width: 80).map(\.text).contains("   appuntamento: mercoledì 2 dicembre 2026, 10:30"))
        _ = e.handle(.escape)
        #expect(e.step == .appointment)
        _ = type("mer 10:30", into: &e)
        _ = type("", into: &e)
        #expect(type("", into: &e) == .record(.appointment, appointment: wednesday, note: nil))
    }

    @Test mutating func aNumberOutOfTheListIsRefusedAndEscCancels() {
        var e = entry()
        _ = type("15", into: &e)
        #expect(e.message == "Digitare il numero di un esito (1–14)")
        #expect(e.step == .choose)
        _ = e.handle(.char("x"))
        #expect(e.field.isEmpty, "letters are not typed while choosing")
        #expect(e.handle(.escape) == .cancel)
    }
}

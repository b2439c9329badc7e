import CatiCore
import CatiStore
@testable import CatiTUI
import Foundation
import Testing

/// The "next interview" screen between interviews: the case to call, interviews that
/// can be resumed, the latest save confirmation, and what q, n, Enter and a number do.
@Suite struct NextInterviewViewTests {
    static let size = Size(width: 80, height: 24)

    static let maria = SampleRecord(
        id: "R0001", fields: ["id": "R0001", "name": "Maria Rossi", "phone": "0521 234 517", "tipo": "privato"], line: 2)

    static func model(
        nextCase: SampleRecord? = maria, hasSample: Bool = true, caseValues: [String] = ["tipo: privato", "motivo: anagrafe"],
        casesLeft: Int = 40, resumable: [InterruptedInterview] = [], lastSaved: String? = nil,
        language: InterviewerLanguage = .en
    ) -> NextInterviewModel {
        NextInterviewModel(survey: "cc_parma", interviewer: "maria", language: language, nextCase: nextCase,
                           hasSample: hasSample, caseValues: caseValues, casesLeft: casesLeft, resumable: resumable,
                           lastSaved: lastSaved, message: nil)
    }

    /// Real interrupted interviews: sessions started in a fresh data folder, some
    /// answered and suspended, one left as if its process had died.
    static func resumable() throws -> (list: [InterruptedInterview], folder: String, answered: [String: Int]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cati-next-\(UUID().uuidString)").path
        let q = try ScreenRun.questionnaire("""
            survey s "S"
            version 1
            number a "A?" range 1..9
            number b "B?" range 1..9
            number c "C?" range 1..9
            """)
        let store = try FolderStore(folder: DataFolder(path: folder))
        var clock = 1_800_000_000.0
        func session(_ row: SampleRecord?, answers: [Action], suspend: Bool) throws {
            let start = clock
            let s = try InterviewSession.start(questionnaire: q, store: store, sample: row, interviewer: "maria",
                                               id: "01INT\(Int(start))", clock: { start })
            for a in answers { try s.perform(a) }
            if suspend { try s.suspend() } else { s.interrupt() }
            clock += 60
        }
        try session(SampleRecord(id: "R0007", fields: ["id": "R0007", "name": "Paola Marino"]), answers: [.answer("1"), .answer("2"), .back, .note("richiamare"), .answer("3")],
                    suspend: true)  // 5 actions, 2 answers
        try session(SampleRecord(id: "R0009", fields: ["id": "R0009", "name": "Roberto Bruno"]), answers: [.answer("3")],
                    suspend: false)
        try session(nil, answers: [], suspend: true)
        let list = try store.resumable()
        let answered = Dictionary(uniqueKeysWithValues: list.map {
            ($0.header.id, store.answeredQuestions(in: $0.header.id, questionnaire: q) ?? -1)
        })
        return (list, folder, answered)
    }

    // MARK: - Drawing

    @Test func showsTheCaseToCallWithNamePhoneAndPreloadValues() {
        let frame = Self.model().frame(Self.size)
        #expect(frame.lines[0].contains("cc_parma │ next interview │ maria"))
        #expect(frame.text.contains(" Call:"))
        #expect(frame.lines.contains("   R0001   Maria Rossi"))
        #expect(frame.lines.contains("   ☎ 0521 234 517"))
        #expect(frame.lines.contains("   tipo: privato   motivo: anagrafe"))
        #expect(frame.text.contains("40 cases left in the sample"))
        #expect(frame.lines[23] == " Enter start · n next case · number+Enter resume · q quit")
        #expect(frame.lines.count == 24)
    }

    @Test func blankInterviewWithoutASample() {
        let frame = Self.model(nextCase: nil, hasSample: false, caseValues: []).frame(Self.size)
        #expect(frame.text.contains("Blank interview (no sample loaded)"))
        #expect(!frame.text.contains("n next case"))
        #expect(frame.lines[23] == " Enter start · number+Enter resume · q quit")
    }

    @Test func noCaseLeft() {
        let frame = Self.model(nextCase: nil, hasSample: true, caseValues: [], casesLeft: 0).frame(Self.size)
        #expect(frame.text.contains("No case left to call in the sample."))
    }

    @Test func showsTheLatestSaveConfirmationWithTheID() {
        let frame = Self.model(lastSaved: "Saved: 01JDX4ABCDEF (complete)").frame(Self.size)
        #expect(frame.lines[2] == " Saved: 01JDX4ABCDEF (complete)")
        #expect(frame.rows[2].spans.contains { $0.style == .ok })
    }

    @Test func italianWords() {
        let frame = Self.model(lastSaved: "Salvata: 01X (complete)", language: .it).frame(Self.size)
        #expect(frame.lines[0].contains("prossima intervista"))
        #expect(frame.text.contains("Chiamare:"))
        #expect(frame.text.contains("40 casi ancora nel campione"))
        #expect(frame.lines[23] == " Invio inizia · n caso successivo · numero+Invio riprende · q esci")
    }

    @Test(arguments: [InterviewerLanguage.en, .it])
    func everyMessageBetweenInterviewsIsInTheQuestionnairesLanguage(language: InterviewerLanguage) {
        let labels = InterviewerLabels(language)
        let messages = [labels.saved("01X", .complete), labels.suspended("01X"), labels.notSaved("disk full"),
                        labels.notSuspended("disk full"), labels.recovered(["01A", "01B"]),
                        labels.respondentUnavailable("R9"), labels.caseTaken("R1"), labels.cannotStart("why"),
                        labels.cannotResume("01X", "why")]
        let expected = language == .it
            ? ["Salvata: 01X (complete)", "Sospesa: 01X", "NON SALVATO: disk full", "NON SOSPESA: disk full",
               "Salvate dal giornale di un'intervista il cui programma si è fermato durante il salvataggio: 01A, 01B",
               "l'intervistato 'R9' non è nel campione o è già stato preso",
               "il caso R1 è appena stato preso da un altro intervistatore", "impossibile iniziare: why",
               "impossibile riprendere 01X: why"]
            : ["Saved: 01X (complete)", "Suspended: 01X", "NOT SAVED: disk full", "NOT SUSPENDED: disk full",
               "Saved from the journal of an interview whose program stopped while saving: 01A, 01B",
               "respondent 'R9' is not in the sample or is already taken",
               "case R1 was just taken by another interviewer", "cannot start: why", "cannot resume 01X: why"]
        #expect(messages == expected)
    }

    @Test func storeErrorsAreExplainedInItalianReasonFirst() {
        let it = InterviewerLabels(.it), en = InterviewerLabels(.en)
        let full = StoreError.diskFull("write /d/interviews.jsonl")
        #expect(it.explain(full) == "disco pieno: write /d/interviews.jsonl")
        #expect(en.explain(full) == "No space left on device (the disk is full): write /d/interviews.jsonl")
        #expect(it.explain(StoreError.ioFailure(reason: "Input/output error", detail: "fsync /d/j"))
                == "errore di lettura/scrittura del disco: fsync /d/j")
        #expect(it.explain(StoreError.busy("01X")) == "l'intervista 01X è aperta nella sessione di un altro intervistatore")
        #expect(en.explain(StoreError.busy("01X")) == "interview 01X is open in another interviewer's session")
        for error in [StoreError.unknownInterview("A"), .damaged("p"), .closed("p"), .questionnaireChanged("A"),
                      .alreadySaved("A"), .permissionDenied("p"), .readOnly("p"), .notFound("p")] {
            #expect(it.explain(error) != en.explain(error), "\(error) has Italian words")
        }
    }

    @Test func anUnreachableDatabaseIsSaidFirstWithATryAgainInBothLanguages() {
        let it = InterviewerLabels(.it), en = InterviewerLabels(.en)
        let down = StoreError.unavailable("cannot connect to postgres://cati@db:5432/cc (record an answer of interview 01X)")
        #expect(en.notSaved(en.explain(down)) == "NOT SAVED: the database cannot be reached, try again: "
                + "cannot connect to postgres://cati@db:5432/cc (record an answer of interview 01X)")
        #expect(it.notSaved(it.explain(down)) == "NON SALVATO: database non raggiungibile, riprovare: "
                + "cannot connect to postgres://cati@db:5432/cc (record an answer of interview 01X)")
        #expect(down.isUnavailable && !down.isDiskFull)
        #expect("\(down)".hasPrefix("the database cannot be reached: "), "commands say it in words too")
    }

    @Test func tooSmall() {
        let frame = Self.model().frame(Size(width: 60, height: 20))
        #expect(frame.text.contains("Enlarge the window to at least 80×24 (60×20)"))
    }

    @Test func listsResumableInterviewsNumberedNewestFirst() throws {
        let (list, folder, answered) = try Self.resumable()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(list.count == 3)
        var model = Self.model(resumable: list)
        model.answered = answered
        // Names come from the sample, as the app reads them: journals hold none (issue 20).
        let names = ["R0009": "Roberto Bruno", "R0007": "Paola Marino"]
        #expect(list.allSatisfy { $0.header.sample?.value("name") == nil })
        model.names = names
        let frame = model.frame(Self.size)
        #expect(frame.text.contains("Interviews that can be resumed (number + Enter):"))
        let rows = frame.lines.filter { $0.hasPrefix("  ") && $0.contains("01INT") }
        #expect(rows.count == 3, "\(frame.text)")
        guard rows.count == 3 else { return }
        // Who, state, when and how many questions answered first; the interview id last.
        #expect(rows[0] == "  1  —   suspended 2027-01-15 08:02 UTC  0 answers  01INT1800000120")
        #expect(rows[1].hasPrefix("  2  R0009 Roberto Bruno  interrupted 2027-01-15 08:01 UTC  1 answer  01INT"))
        #expect(rows[2].hasPrefix("  3  R0007 Paola Marino  suspended 2027-01-15 08:00 UTC  2 answers  01INT"))
        #expect(list[2].actions == 5, "R0007 took 5 actions (a back and a note among them) for its 2 answers")
        var wideModel = Self.model(resumable: list)
        wideModel.answered = answered
        wideModel.names = names
        let wide = wideModel.frame(Size(width: 120, height: 30))
        #expect(wide.lines.contains("  2  R0009 Roberto Bruno  interrupted 2027-01-15 08:01 UTC  1 answer  01INT1800000060"))
        // In the interviewer's time zone, as the app shows it.
        var local = Self.model(resumable: list)
        local.clockText = { t in "at \(Int(t))" }
        #expect(local.frame(Self.size).lines.contains { $0.hasPrefix("  1  —   suspended at 1800000120  01INT") })
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    // MARK: - Keys

    @Test func enterStartsTheCaseShown() {
        var model = Self.model()
        #expect(model.handle(.enter) == .start)
    }

    @Test func enterWithoutASampleStartsABlankInterview() {
        var model = Self.model(nextCase: nil, hasSample: false, caseValues: [])
        #expect(model.handle(.enter) == .start)
    }

    @Test func enterDoesNothingWhenTheSampleIsUsedUp() {
        var model = Self.model(nextCase: nil, hasSample: true, caseValues: [], casesLeft: 0)
        #expect(model.handle(.enter) == Choice.none)
    }

    @Test func qQuitsAndNSkips() {
        var model = Self.model()
        #expect(model.handle(.char("q")) == .quit)
        #expect(model.handle(.char("Q")) == .quit)
        #expect(model.handle(.char("n")) == .skip)
        var blank = Self.model(nextCase: nil, hasSample: false, caseValues: [])
        #expect(blank.handle(.char("n")) == Choice.none, "no sample: nothing to skip")
    }

    @Test func numberEnterResumesThatInterview() throws {
        let (list, folder, _) = try Self.resumable()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var model = Self.model(resumable: list)
        #expect(model.handle(.char("2")) == Choice.none)
        #expect(model.frame(Self.size).lines[21].hasPrefix(" > 2"), "the number shows at the prompt")
        #expect(model.handle(.enter) == .resume("01INT1800000060"))
        #expect(model.field.isEmpty)
        _ = model.handle(.char("3"))
        #expect(model.handle(.enter) == .resume("01INT1800000000"))
    }

    @Test func respondentOrInterviewIDEnterResumes() throws {
        let (list, folder, _) = try Self.resumable()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var model = Self.model(resumable: list)
        for c in "R0007" { _ = model.handle(.char(c)) }
        #expect(model.handle(.enter) == .resume("01INT1800000000"))
        for c in "01INT1800000060" { _ = model.handle(.char(c)) }
        #expect(model.handle(.enter) == .resume("01INT1800000060"))
    }

    @Test func qAfterTypingIsPartOfTheEntryNotQuit() throws {
        var model = Self.model()
        _ = model.handle(.char("1"))
        #expect(model.handle(.char("q")) == Choice.none)
        #expect(model.field.text == "1q")
        _ = model.handle(.backspace)
        _ = model.handle(.backspace)
        #expect(model.handle(.char("q")) == .quit)
    }

    @Test func unknownNumberSaysSoAndStays() {
        var model = Self.model()
        _ = model.handle(.char("7"))
        #expect(model.handle(.enter) == Choice.none)
        #expect(model.message == "No interview '7' to resume")
        #expect(model.frame(Self.size).lines[22] == " No interview '7' to resume")
        var italian = Self.model(language: .it)
        _ = italian.handle(.char("7"))
        _ = italian.handle(.enter)
        #expect(italian.message == "Nessuna intervista '7' da riprendere")
    }

    typealias Choice = NextInterviewModel.Choice
}

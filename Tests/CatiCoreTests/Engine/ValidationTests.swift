import Testing
@testable import CatiCore

/// Every entry the interviewer can type, accepted or refused, with the message in
/// English and in Italian (`language it`).
struct ValidationTests {
    /// One question, one entry: refused with these messages, or accepted and recorded as
    /// `stored` (the record's `answers`).
    struct Entry: Sendable, CustomTestStringConvertible {
        let question: String
        let typed: String
        let en: String?
        let it: String?
        let stored: String?

        static func refused(_ question: String, _ typed: String, en: String, it: String) -> Entry {
            Entry(question: question, typed: typed, en: en, it: it, stored: nil)
        }

        static func accepted(_ question: String, _ typed: String, _ stored: String) -> Entry {
            Entry(question: question, typed: typed, en: nil, it: nil, stored: stored)
        }

        var testDescription: String {
            "\(question.split(separator: "\n")[0].split(separator: " ").prefix(2).joined(separator: " ")) ← '\(typed)'"
        }
    }

    static let single = """
    single q "Sesso"
      1 m "Maschio"
      2 f "Femmina"
    """
    static let singleFive = """
    single q "Voto"
      1 "uno"
      2 "due"
      3 "tre"
      4 "quattro"
      5 "cinque"
    """
    static let multi = """
    multi q "Canali" pick 2..3
      1 tel "Telefono"
      2 mail "E-mail"
      3 "Fax"
      4 "SMS"
      5 "Web"
      9 nessuno "Nessuno" exclusive
    """
    static let multiOne = """
    multi q "Il principale" pick 1..1
      1 "Telefono"
      2 "E-mail"
    """
    static let multiDefault = """
    multi q "Canali"
      1 "Telefono"
      2 "E-mail"
      3 "Fax"
    """
    static let multiTwo = """
    multi q "I due più importanti" pick 2
      1 "Cortesia"
      2 "Rapidità"
      3 "Chiarezza"
    """
    static let multiNone = """
    multi q "Quali altri servizi?" pick 0..2
      1 "Anagrafe"
      2 "Tributi"
      3 "Scuola"
    """
    static let age = #"number q "Età" range 18..99"#
    static let money = #"number q "Euro" range 0..500 decimals 2"#
    static let tenths = #"number q "Ore" range -5..5 decimals 1"#
    static let short = #"text q "Sigla" max 3"#
    static let cap = #"text q "CAP" pattern "^\d{5}$""#
    static let digits = #"text q "Cifre" pattern "[0-9]+""#
    static let scale = #"scale q "Voto" 1..10"#

    static let entries: [Entry] = [
        // single: code, code name, unknown code, empty
        .accepted(single, "2", #"{"q":2}"#),
        .accepted(single, " 1 ", #"{"q":1}"#),
        .accepted(single, "f", #"{"q":2}"#),
        .accepted(single, "M", #"{"q":1}"#),
        .refused(single, "3", en: "Unknown code '3': the codes are 1, 2", it: "Codice '3' sconosciuto: i codici sono 1, 2"),
        .refused(single, "x", en: "Unknown code 'x': the codes are 1, 2", it: "Codice 'x' sconosciuto: i codici sono 1, 2"),
        .refused(single, "1 2", en: "Unknown code '1 2': the codes are 1, 2",
                 it: "Codice '1 2' sconosciuto: i codici sono 1, 2"),
        .refused(singleFive, "6", en: "Unknown code '6': the codes are 1–5", it: "Codice '6' sconosciuto: i codici sono 1–5"),
        .refused(single, "", en: "An answer is required", it: "Serve una risposta"),
        // multi: separators, order, duplicates, pick, exclusive, unknown codes
        .accepted(multi, "3 1", #"{"q":[1,3]}"#),
        .accepted(multi, "4,2", #"{"q":[2,4]}"#),
        .accepted(multi, "5, 1,  3", #"{"q":[1,3,5]}"#),
        .accepted(multi, "tel mail", #"{"q":[1,2]}"#),
        .accepted(multi, "2 2 1", #"{"q":[1,2]}"#),
        .accepted(multi, "9", #"{"q":[9]}"#),
        .refused(multi, "1", en: "Pick at least 2 codes", it: "Scegliere almeno 2 codici"),
        .refused(multi, "1 1", en: "Pick at least 2 codes", it: "Scegliere almeno 2 codici"),
        .refused(multi, "1 2 3 4", en: "Pick at most 3 codes", it: "Scegliere al massimo 3 codici"),
        .refused(multiOne, "1 2", en: "Pick at most 1 code", it: "Scegliere al massimo 1 codice"),
        .refused(multi, "1 9", en: "Code 9 cannot be combined with other codes",
                 it: "Il codice 9 non si combina con altri codici"),
        .refused(multi, "nessuno,tel", en: "Code 9 cannot be combined with other codes",
                 it: "Il codice 9 non si combina con altri codici"),
        .refused(multi, "1 7", en: "Unknown code '7': the codes are 1, 2, 3, 4, 5, 9",
                 it: "Codice '7' sconosciuto: i codici sono 1, 2, 3, 4, 5, 9"),
        .refused(multiDefault, "1 2 3 4", en: "Unknown code '4': the codes are 1–3",
                 it: "Codice '4' sconosciuto: i codici sono 1–3"),
        .accepted(multiDefault, "1 2 3", #"{"q":[1,2,3]}"#),
        .accepted(multiTwo, "3 1", #"{"q":[1,3]}"#),
        .refused(multiTwo, "2", en: "Pick at least 2 codes", it: "Scegliere almeno 2 codici"),
        .refused(multiTwo, "1 2 3", en: "Pick at most 2 codes", it: "Scegliere al massimo 2 codici"),
        .accepted(multiNone, "", #"{"q":[]}"#),
        .accepted(multiNone, "2", #"{"q":[2]}"#),
        .refused(multiDefault, "", en: "An answer is required", it: "Serve una risposta"),
        .refused(multiDefault, " , ", en: "An answer is required", it: "Serve una risposta"),
        // number: range, whole numbers, decimals, comma as decimal separator
        .accepted(age, "45", #"{"q":45}"#),
        .accepted(age, "18", #"{"q":18}"#),
        .accepted(age, "99", #"{"q":99}"#),
        .refused(age, "17", en: "Out of range: 18–99", it: "Fuori intervallo: 18–99"),
        .refused(age, "100", en: "Out of range: 18–99", it: "Fuori intervallo: 18–99"),
        .refused(age, "45.5", en: "A whole number is required", it: "Serve un numero intero"),
        .refused(age, "45,5", en: "A whole number is required", it: "Serve un numero intero"),
        .refused(age, "quaranta", en: "Not a number", it: "Non è un numero"),
        .refused(age, "4 5", en: "Not a number", it: "Non è un numero"),
        .refused(age, "", en: "An answer is required", it: "Serve una risposta"),
        .accepted(money, "12,5", #"{"q":12.5}"#),
        .accepted(money, "12.25", #"{"q":12.25}"#),
        .accepted(money, "0,05", #"{"q":0.05}"#),
        .accepted(money, "500", #"{"q":500}"#),
        .refused(money, "12.345", en: "At most 2 decimals", it: "Al massimo 2 decimali"),
        .refused(money, "500.01", en: "Out of range: 0.00–500.00", it: "Fuori intervallo: 0.00–500.00"),
        .refused(money, "-1", en: "Out of range: 0.00–500.00", it: "Fuori intervallo: 0.00–500.00"),
        .refused(money, "1,2,3", en: "Not a number", it: "Non è un numero"),
        .accepted(tenths, "-2,5", #"{"q":-2.5}"#),
        .refused(tenths, "2.55", en: "At most 1 decimal", it: "Al massimo 1 decimale"),
        // text: length in characters as a reader counts them, whole-match pattern
        .accepted(short, "àèì", #"{"q":"àèì"}"#),
        .accepted(short, "a\u{300}e\u{300}i\u{300}", "{\"q\":\"a\u{300}e\u{300}i\u{300}\"}"),
        .accepted(short, "  ab  ", #"{"q":"ab"}"#),
        .refused(short, "àèìò", en: "Too long: at most 3 characters (typed 4)",
                 it: "Troppo lungo: al massimo 3 caratteri (scritti 4)"),
        .refused(short, "", en: "An answer is required", it: "Serve una risposta"),
        .refused(short, "   ", en: "An answer is required", it: "Serve una risposta"),
        .accepted(cap, "43121", #"{"q":"43121"}"#),
        .refused(cap, "4312", en: "Not in the required format", it: "Formato non valido"),
        .refused(cap, "431210", en: "Not in the required format", it: "Formato non valido"),
        .accepted(digits, "2026", #"{"q":"2026"}"#),
        .refused(digits, "12a", en: "Not in the required format", it: "Formato non valido"),
        .refused(digits, "a12", en: "Not in the required format", it: "Formato non valido"),
        // scale
        .accepted(scale, "10", #"{"q":10}"#),
        .refused(scale, "11", en: "Out of range: 1–10", it: "Fuori intervallo: 1–10"),
        .refused(scale, "0", en: "Out of range: 1–10", it: "Fuori intervallo: 1–10"),
        .refused(scale, "7.5", en: "A whole number is required", it: "Serve un numero intero"),
        .refused(scale, "sette", en: "A whole number is required", it: "Serve un numero intero"),
        .refused(scale, "", en: "An answer is required", it: "Serve una risposta"),
    ]

    static func source(_ question: String, language: InterviewerLanguage) -> String {
        """
        survey t "Test"
        version 1
        language \(language.rawValue)
        \(question)
        info fine "Grazie"
        """
    }

    @Test(arguments: entries, InterviewerLanguage.allCases)
    func entry(_ e: Entry, language: InterviewerLanguage) throws {
        var run = try EngineRun(Self.source(e.question, language: language))
        #expect(run.at == "q")
        let outcome = try run.answer(e.typed)
        if let stored = e.stored {
            #expect(outcome == .moved)
            #expect(run.at == "fine")
            #expect(run.answersJSON == stored)
        } else {
            let message = try #require(language == .it ? e.it : e.en)
            #expect(outcome == .rejected(message))
            #expect(run.interview.message == message)
            #expect(run.at == "q", "a refused entry keeps the question")
            #expect(run.answersJSON == "{}")
        }
    }

    /// The message of a refused entry stays until the next accepted action.
    @Test func messageClearsOnTheNextAcceptedEntry() throws {
        var run = try EngineRun(Self.source(Self.age, language: .en))
        try run.answer("7")
        #expect(run.interview.message == "Out of range: 18–99")
        try run.answer("30")
        #expect(run.interview.message == nil)
    }

    // MARK: - optional

    static let optionalQuestions = [
        #"text q "Suggerimenti" max 300 optional"#,
        #"number q "Età" range 18..99 optional"#,
        #"scale q "Voto" 1..10 optional"#,
        "single q \"Sesso\" optional\n  1 \"M\"\n  2 \"F\"",
        "multi q \"Canali\" optional\n  1 \"Tel\"\n  2 \"Mail\"",
    ]

    @Test(arguments: optionalQuestions)
    func optionalEmptyIsAbsent(_ question: String) throws {
        var run = try EngineRun(Self.source(question, language: .en))
        #expect(try run.answer("  ") == .moved)
        #expect(run.at == "fine")
        try run.answers("")
        let record = try run.finish()
        #expect(record["answers"]?.serialized == "{}")
        #expect(run.interview.values["q"] == nil)
    }

    // MARK: - dk and refused

    struct Missing: Sendable, CustomTestStringConvertible {
        let attributes: String
        let dk: Bool
        let refused: Bool
        var testDescription: String { attributes.isEmpty ? "(none)" : attributes }
    }

    static let missingCases = [
        Missing(attributes: "", dk: false, refused: false),
        Missing(attributes: "allow dk", dk: true, refused: false),
        Missing(attributes: "allow refused", dk: false, refused: true),
        Missing(attributes: "allow dk, refused", dk: true, refused: true),
        Missing(attributes: "allow refused, dk", dk: true, refused: true),
    ]

    @Test(arguments: missingCases, InterviewerLanguage.allCases)
    func dkAndRefused(_ m: Missing, language: InterviewerLanguage) throws {
        let source = Self.source(#"number q "Età" range 18..99 "# + m.attributes, language: language)
        for (action, allowed, recorded) in [(Action.dontKnow, m.dk, "dk"), (Action.refused, m.refused, "refused")] {
            var run = try EngineRun(source)
            let outcome = try run.perform(action)
            if allowed {
                #expect(outcome == .moved)
                #expect(run.at == "fine", "dk/refused is recorded at once and the interview moves on")
                #expect(run.answersJSON == #"{"q":{"missing":"\#(recorded)"}}"#)
            } else {
                let message = switch (recorded, language) {
                case ("dk", .en): "Not allowed: don't know"
                case ("dk", .it): "Non ammesso: non sa"
                case (_, .en): "Not allowed: refused"
                case (_, .it): "Non ammesso: rifiuto"
                }
                #expect(outcome == .rejected(message))
                #expect(run.at == "q")
                #expect(run.answersJSON == "{}")
            }
        }
    }

    @Test func infoRefusesDkAndRefused() throws {
        var run = try EngineRun("survey t \"T\"\ninfo intro \"Buongiorno\"\nscale q \"Voto\" 1..5 allow dk, refused")
        #expect(try run.dk() == .rejected("Not allowed: don't know"))
        #expect(try run.refused() == .rejected("Not allowed: refused"))
        #expect(try run.answer("anything") == .moved)
        #expect(run.at == "q")
        #expect(run.answersJSON == "{}", "an info screen is not recorded")
    }

    // MARK: - other

    static let otherSingle = """
    single q "Motivo"
      1 anagrafe "Anagrafe"
      2 tributi "Tributi"
      8 altro "Altro (specificare)" other
    """
    static let otherMulti = """
    multi q "Canali"
      1 "Telefono"
      2 "E-mail"
      8 "Altro (specificare)" other
    """

    @Test(arguments: [(otherSingle, "altro", #"{"q":8,"q_other":"sportello chiuso"}"#),
                      (otherSingle, "8", #"{"q":8,"q_other":"sportello chiuso"}"#),
                      (otherMulti, "8 1", #"{"q":[1,8],"q_other":"sportello chiuso"}"#)],
          InterviewerLanguage.allCases)
    func otherAsksForASpecification(_ c: (question: String, typed: String, stored: String),
                                    language: InterviewerLanguage) throws {
        let (question, typed, stored) = c
        var run = try EngineRun(Self.source(question, language: language))
        try run.answer(typed)
        #expect(run.at == "q_other", "the specification comes right after the question")
        guard case .specifyOther(let prompt) = run.screen else { return }
        #expect(prompt.labels == ["Altro (specificare)"])
        let nonEmpty = language == .it ? "Specificare (altro)" : "Please specify (other)"
        #expect(try run.answer("") == .rejected(nonEmpty))
        #expect(try run.answer("   ") == .rejected(nonEmpty))
        #expect(run.at == "q_other")
        #expect(try run.answer("  sportello chiuso ") == .moved)
        #expect(run.at == "fine")
        #expect(run.answersJSON == stored)
    }

    @Test func noSpecificationWithoutOther() throws {
        var run = try EngineRun(Self.source(Self.otherSingle, language: .en))
        try run.answer("2")
        #expect(run.at == "fine")
        #expect(run.answersJSON == #"{"q":2}"#)
    }

    // MARK: - grid

    static let grid = """
    survey t "T"
    version 1
    language it
    grid aspetti "Quanto è soddisfatto di..." scale 1..5 allow dk
      attesa "Tempo di attesa"
      cortesia "Cortesia"
      chiarezza "Chiarezza"
    info fine "Grazie"
    """

    @Test func gridIsAnsweredItemByItem() throws {
        var run = try EngineRun(Self.grid)
        #expect(run.at == "attesa")
        #expect(run.prompt?.name == "aspetti")
        #expect(run.prompt?.items.map(\.name) == ["attesa", "cortesia", "chiarezza"])
        #expect(run.prompt?.currentItem == 0)
        #expect(try run.answer("6") == .rejected("Fuori intervallo: 1–5"))
        #expect(run.at == "attesa")
        try run.answers("4")
        #expect(run.at == "cortesia")
        #expect(run.prompt?.currentItem == 1)
        #expect(run.prompt?.items.map(\.value) == ["4", nil, nil])
        #expect(try run.dk() == .moved)
        #expect(run.at == "chiarezza")
        #expect(run.prompt?.items.map(\.value) == ["4", "dk", nil])
        #expect(try run.refused() == .rejected("Non ammesso: rifiuto"))
        try run.answers("5")
        #expect(run.at == "fine")
        #expect(run.answersJSON == #"{"attesa":4,"cortesia":{"missing":"dk"},"chiarezza":5}"#)
    }
}

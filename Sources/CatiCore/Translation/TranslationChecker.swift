/// Checks a translation file against the questionnaire it translates: every text
/// translated, no key that is not a text, none twice, the same fills as the original.
/// A missing translation is reported in the questionnaire, at the text that lacks it;
/// the rest in the translation file, at its line.
public enum TranslationChecker {
    public struct Result: Sendable {
        /// The translation, when there is no error.
        public let translation: Translation?
        /// Errors about the questionnaire's texts (missing translations), in its file.
        public let questionnaireDiagnostics: [Diagnostic]
        /// Errors in the translation file.
        public let diagnostics: [Diagnostic]
        public let source: SourceText
    }

    public static func check(_ source: SourceText, for questionnaire: Questionnaire, file: String) -> Result {
        var own = DiagnosticList()
        var main = DiagnosticList()
        let parsed = TranslationFile.parse(source, into: &own)
        let originals = questionnaire.textTemplates()
        let keys = questionnaire.textKeys
        let loopOfKey = Dictionary(keys.compactMap { e in e.loop.map { (e.key, $0) } }, uniquingKeysWith: { a, _ in a })
        var loopRounds = LoopRounds(questionnaire) // Translation+Loop.swift
        let locations = Dictionary(keys.map { ($0.key, $0.location) }, uniquingKeysWith: { a, _ in a })
        var texts: [String: Template] = [:]
        if let language = parsed.language {
            if language.value == questionnaire.textLanguage {
                own.error(.translationSameLanguage(language.value), at: language.location)
            }
            for entry in parsed.entries {
                if let loopName = loopOfKey[entry.key], let loop = loopRounds.loop(loopName) {
                    // Translation+Loop.swift: one text for every round.
                    if texts[entry.key] != nil {
                        own.error(.translationTwice(entry.key), at: entry.location)
                    } else if let wrong = translateRounds(entry, of: loop, originals: originals,
                                                          in: questionnaire, into: &texts, names: &loopRounds) {
                        own.error(.translationFill(wrong.name), at: entry.text.location)
                    }
                    continue
                }
                guard let original = originals[entry.key] else {
                    own.error(.translationUnknownKey(entry.key), at: entry.location)
                    continue
                }
                if texts[entry.key] != nil {
                    own.error(.translationTwice(entry.key), at: entry.location)
                    continue
                }
                switch fills(entry.text.value, like: original, in: questionnaire) {
                case .success(let template): texts[entry.key] = template
                case .failure(let name):
                    own.error(.translationFill(name.name), at: entry.text.location)
                    texts[entry.key] = original
                }
            }
            for entry in keys where texts[entry.key] == nil {
                main.error(.translationMissing(language: language.value, key: entry.key, file: file),
                           at: locations[entry.key] ?? entry.location)
            }
        }
        let ok = !own.hasErrors && !main.hasErrors
        let translation = ok ? parsed.language.map { Translation(language: $0.value, texts: texts) } : nil
        func columns(_ list: DiagnosticList, _ text: SourceText) -> [Diagnostic] {
            list.mapLocations { SourceLocation(line: $0.line, column: text.characterColumn(line: $0.line, scalarColumn: $0.column)) }.sorted
        }
        return Result(translation: translation, questionnaireDiagnostics: main.sorted,
                      diagnostics: columns(own, source), source: source)
    }

    /// The translated text as a template whose fills are among the original's; the
    /// first fill that is not, by name, as the failure.
    static func fills(_ text: String, like original: Template, in questionnaire: Questionnaire,
                      round: [String: Template.Part] = [:])
        -> Swift.Result<Template, FillName> {
        let allowed = Set(original.parts.filter { if case .literal = $0 { return false } else { return true } })
        var parts: [Template.Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let after = rest.index(after: open)
            if after < rest.endIndex, rest[after] == "{" {
                literal += "{"
                rest = rest[rest.index(after: after)...]
                continue
            }
            guard let close = rest[after...].firstIndex(of: "}") else {
                return .failure(FillName(name: String(rest[open...])))
            }
            let name = String(rest[after..<close]).trimmingSpaces()
            rest = rest[rest.index(after: close)...]
            if case .literal(let value)? = round[name] { literal += value; continue } // a number loop's value
            guard let part = round[name] ?? part(named: name, in: questionnaire), allowed.contains(part) else {
                return .failure(FillName(name: "{\(name)}"))
            }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(part)
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return .success(Template(parts: parts))
    }

    struct FillName: Error { let name: String }

    private static func part(named name: String, in questionnaire: Questionnaire) -> Template.Part? {
        if name == "interviewer" { return .interviewer }
        if name.hasPrefix("sample.") { return .sample(String(name.dropFirst(7))) }
        if let v = questionnaire.variable(named: name) { return .variable(v.id) }
        if name.hasSuffix("_other"), let v = questionnaire.variable(named: String(name.dropLast(6))),
           case .question(let q) = v.role {
            return .other(question: q)
        }
        return nil
    }
}

/// The texts of a questionnaire in one more language, by `TextKeys` key.
public struct Translation: Sendable {
    public let language: String
    let texts: [String: Template]
}

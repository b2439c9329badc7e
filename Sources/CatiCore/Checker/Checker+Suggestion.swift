/// "Did you mean" for unknown names, against every name declared so far.
///
/// Each search looks at every declared name, so a file with thousands of unknown names
/// and thousands of declarations would take seconds to report. As clang does (its
/// `-fspell-checking-limit`, default 50), the first 50 unknown names get a suggestion
/// and later ones only the error: by then the author has a systematic mistake to fix,
/// which no suggestion would explain better.
extension Checker {
    static let suggestionLimit = 50

    mutating func suggestDeclared(_ name: String) -> String? {
        guard suggestionsLeft > 0 else { return nil }
        suggestionsLeft -= 1
        return Suggest.closest(to: name, in: Array(declared.keys))
    }
}

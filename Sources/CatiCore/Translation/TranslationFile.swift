/// A translation file (extension): the texts of a questionnaire in another language,
/// one per line, keyed as `TextKeys` says, after a first line `translation CODE`:
///
///     translation en
///     intro "Good morning, I am {interviewer} and I am calling on behalf of …"
///     consenso "May we go on with the interview?"
///     consenso 1 "Yes"
///
/// Strings, comments and continuation lines are those of the questionnaire language.
struct TranslationFile {
    struct Entry {
        var key: String
        var location: SourceLocation
        var text: Located<String>
    }

    var language: Located<String>?
    var entries: [Entry] = []

    static func parse(_ source: SourceText, into diagnostics: inout DiagnosticList) -> TranslationFile {
        var strings: [MultiLineString] = []
        let bytes = source.readableBytes
        let tokens = Lexer.tokenize(bytes, invalidUTF8At: source.invalidUTF8At, into: &diagnostics,
                                    multiLineStrings: &strings)
        func text(_ t: Token) -> String { String(decoding: bytes[t.bytes], as: UTF8.self) }
        var file = TranslationFile()
        var i = 0
        while i < tokens.count, tokens[i].kind != .end {
            let start = tokens[i]
            if start.kind == .newline { i += 1; continue }
            var line: [Token] = []
            while i < tokens.count, !tokens[i].isLineEnd { line.append(tokens[i]); i += 1 }
            if line.contains(where: { $0.kind == .invalid }) { continue }
            if file.language == nil {
                guard line.count == 2, line[0].isName, text(line[0]) == "translation", line[1].isName else {
                    diagnostics.error(.translationHeader, at: start.location)
                    return file
                }
                file.language = Located(value: text(line[1]), location: line[1].location)
                continue
            }
            // KEY… "text" "more text"…
            guard let firstString = line.firstIndex(where: \.isString), firstString > 0,
                  line[firstString...].allSatisfy(\.isString), let key = Self.key(line[..<firstString], text)
            else {
                diagnostics.error(.translationLine, at: start.location)
                continue
            }
            let value = line[firstString...].map { StringLiteral.value(of: text($0)) }.joined(separator: " ")
            file.entries.append(Entry(key: key, location: start.location,
                                      text: Located(value: value, location: line[firstString].location)))
        }
        if file.language == nil { diagnostics.error(.translationHeader, at: SourceLocation(line: 1, column: 1)) }
        return file
    }

    /// The key of a line: its names and codes joined by one space (`-` joins the code
    /// after it); nil when something else stands there.
    private static func key(_ tokens: ArraySlice<Token>, _ text: (Token) -> String) -> String? {
        var parts: [String] = []
        var minus = false
        for t in tokens {
            switch t.kind {
            case .name: if minus { return nil }; parts.append(text(t))
            case .integer(let n): parts.append(minus ? "-\(n)" : "\(n)"); minus = false
            case .symbol(.minus): if minus { return nil }; minus = true
            default: return nil
            }
        }
        return minus ? nil : parts.joined(separator: " ")
    }
}

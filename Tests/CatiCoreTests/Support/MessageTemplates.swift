import Foundation

/// The message texts written in `Sources/CatiCore/Language/Message.swift`, read from the
/// source: each `Message("...")` literal, its interpolations standing for any text.
struct MessageTemplates {
    struct Template {
        /// The literal as written, interpolations included.
        var source: String
        var pattern: Regex<AnyRegexOutput>

        func matches(_ message: String) -> Bool {
            (try? pattern.wholeMatch(in: message)) != nil
        }
    }

    static let sourceFile = CorpusFiles.repositoryFolder
        .appendingPathComponent("Sources/CatiCore/Language/Message.swift")

    static func load() throws -> [Template] {
        // Message.swift, and its extensions by subject (Message+Loop.swift, …).
        let folder = sourceFile.deletingLastPathComponent()
        let extras = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("Message+") && $0.hasSuffix(".swift") }.sorted()
        let text = try ([sourceFile] + extras.map { folder.appendingPathComponent($0) })
            .map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        return try literals(in: text).map { parts in
            let source = parts.map { $0 ?? "\\(…)" }.joined()
            let regex = parts.map { $0.map(escape) ?? "(?s:.*)" }.joined()
            return Template(source: source, pattern: try Regex(regex))
        }
    }

    /// For each `Message(` followed by a string literal: its pieces, `nil` for an
    /// interpolation. (Enough Swift for Message.swift: escapes, nested parentheses.)
    static func literals(in text: String) -> [[String?]] {
        var out: [[String?]] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard matchesWord("Message(", at: i, in: chars) else { i += 1; continue }
            i += "Message(".count
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            guard i < chars.count, chars[i] == "\"" else { continue }
            i += 1
            var parts: [String?] = []
            var literal = ""
            while i < chars.count, chars[i] != "\"" {
                if chars[i] == "\\", i + 1 < chars.count {
                    let next = chars[i + 1]
                    if next == "(" {
                        if !literal.isEmpty { parts.append(literal); literal = "" }
                        parts.append(nil)
                        var depth = 1
                        i += 2
                        while i < chars.count, depth > 0 {
                            if chars[i] == "(" { depth += 1 } else if chars[i] == ")" { depth -= 1 }
                            i += 1
                        }
                        continue
                    }
                    literal.append(next == "n" ? "\n" : next == "t" ? "\t" : next)
                    i += 2
                    continue
                }
                literal.append(chars[i])
                i += 1
            }
            if !literal.isEmpty { parts.append(literal) }
            out.append(parts)
            i += 1
        }
        return out
    }

    private static func matchesWord(_ word: String, at i: Int, in chars: [Character]) -> Bool {
        let w = Array(word)
        guard i + w.count <= chars.count, Array(chars[i..<(i + w.count)]) == w else { return false }
        return i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_")
    }

    private static func escape(_ literal: String) -> String {
        var out = ""
        for c in literal {
            if "\\^$.|?*+()[]{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

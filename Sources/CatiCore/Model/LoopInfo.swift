/// A loop of a checked questionnaire (extension): its body's names, and its rounds.
/// Each round's variables are the body's, named `NAME_CODE` (see docs/data-folder.md).
public struct LoopInfo: Sendable, Hashable {
    public struct Round: Sendable, Hashable {
        /// The code of the `multi` (or the value 1..N of the `number`) the round is for.
        public let code: Int
        /// What `{LOOP}` fills in the round: the code's label, or the value.
        public let fill: Template.Part
    }

    public let name: String
    /// The `multi` or `number` the rounds come from.
    public let source: Int
    /// The names the body declares, as written (questions, grid items, computes).
    public let bodyNames: Set<String>
    public let rounds: [Round]
    public let location: SourceLocation

    /// A body name as round `code` names it: `voto_servizio` → `voto_servizio_3`.
    public static func roundName(_ name: String, code: Int) -> String { "\(name)_\(code)" }

    /// A translation key of the body as the round names it: each body name in it gets
    /// the round's suffix (`aspetti cortesia` → `aspetti_3 cortesia_3`); a key without
    /// one (`check 2`) gets ` @CODE`.
    public func roundKey(_ key: String, code: Int) -> String {
        guard let space = key.utf8.firstIndex(of: 0x20) else {
            return bodyNames.contains(key) ? LoopInfo.roundName(key, code: code) : "\(key) @\(code)"
        }
        let first = String(key[..<space])
        // `check N` / `warn N`: no body name leads a rule's key (those words are reserved).
        guard bodyNames.contains(first) else { return "\(key) @\(code)" }
        var out = LoopInfo.roundName(first, code: code)
        for word in key[space...].split(separator: " ", omittingEmptySubsequences: false).dropFirst() {
            out += " "
            let w = String(word)
            out += bodyNames.contains(w) ? LoopInfo.roundName(w, code: code) : w // a grid item is a body name
        }
        return out
    }
}

/// The round the checker is in: what the loop's name stands for, and which round
/// names the body's names are aliases of.
struct LoopRound {
    let loopName: String
    let code: Int
    let fill: Template.Part
    /// The source's code list for a `multi` loop (so `LOOP = codename` reads), nil for a `number`.
    let codes: CodeList?
    /// Round name → body name, for the names the body declares.
    let baseNames: [String: String]
}

extension Questionnaire {
    /// The text with each loop round's `{LOOP}` fill written as its label (for the report
    /// and other places that show texts as written, where `{servizi=3}` would not read).
    public func withLoopLabels(_ template: Template) -> Template {
        guard template.parts.contains(where: { if case .label = $0 { return true } else { return false } }) else {
            return template
        }
        return Template(parts: template.parts.flatMap { part -> [Template.Part] in
            guard case .label(let id, let code) = part else { return [part] }
            return variables[id].codes?.option(code: code)?.label.parts ?? [.literal(String(code))]
        })
    }
}

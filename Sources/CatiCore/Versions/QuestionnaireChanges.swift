/// What changed from one version of a questionnaire to the next, and whether the
/// interviews in progress under the old one can go on under the new one (extension;
/// `cati check NEW --against OLD`).
///
/// A change is **compatible** when every answer an interview in progress may hold
/// still means the same under the new version: texts, labels and instructions
/// rewritten, questions or codes added, ranges widened, dk/refused newly allowed.
/// It is **incompatible** when an answer given could lose its place or its meaning: a
/// question removed or of another kind, a code removed or renamed, a range narrowed,
/// a pattern or maximum length tightened, dk/refused no longer allowed.
public struct QuestionnaireChanges: Sendable, Equatable {
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        public let variable: String?
        public let text: String
        public let compatible: Bool
        public var description: String { (compatible ? "  " : "! ") + text }
    }

    public let changes: [Change]

    /// True when interviews in progress under the old version can be resumed.
    public var compatible: Bool { changes.allSatisfy(\.compatible) }
    /// The variables whose change makes resuming impossible, in file order.
    public var blocking: [String] {
        var seen: [String] = []
        for c in changes where !c.compatible { if let v = c.variable, !seen.contains(v) { seen.append(v) } }
        return seen
    }

    public init(from old: Questionnaire, to new: Questionnaire) {
        var out: [Change] = []
        func add(_ variable: String?, _ text: String, _ compatible: Bool) {
            out.append(Change(variable: variable, text: text, compatible: compatible))
        }
        if old.survey != new.survey {
            add(nil, "survey name changed from '\(old.survey)' to '\(new.survey)': another survey", false)
        }
        if old.version == new.version, old.sha256 != new.sha256 {
            add(nil, "the file changed but its version is still \(new.version): raise 'version' so records tell them apart", true)
        } else if old.version != new.version {
            add(nil, "version \(old.version) → \(new.version)", true)
        }
        for v in old.variables where v.role != .info {
            guard let n = new.variable(named: v.name) else {
                add(v.name, "\(Self.what(v, in: old)) '\(v.name)' removed", false)
                continue
            }
            Self.compare(v, old, n, new, add)
        }
        for v in new.variables where v.role != .info && old.variable(named: v.name) == nil {
            add(v.name, "\(Self.what(v, in: new)) '\(v.name)' added", true)
        }
        // Texts, labels and instructions, by their translation keys.
        let before = old.textTemplates(), after = new.textTemplates()
        for entry in new.textKeys {
            guard let a = after[entry.key] else { continue }
            if let b = before[entry.key], Self.text(b, in: old) != Self.text(a, in: new) {
                add(entry.key.split(separator: " ").first.map(String.init), "text of '\(entry.key)' changed", true)
            }
        }
        changes = out
    }

    private static func what(_ v: Variable, in q: Questionnaire) -> String {
        switch v.role {
        case .question: return "question"
        case .gridItem: return "grid item"
        case .computed: return "compute"
        case .sample: return "sample variable"
        case .info: return "info"
        }
    }

    /// A template with its fills shown by name (ids differ between versions).
    private static func text(_ t: Template, in q: Questionnaire) -> String {
        t.parts.map { part in
            switch part {
            case .literal(let s): return s
            case .variable(let id): return "{\(q.variables[id].name)}"
            case .sample(let c): return "{sample.\(c)}"
            case .interviewer: return "{interviewer}"
            case .other(let i): return "{\(q.questions[i].name)_other}"
            case .label(let id, let code): return q.variables[id].codes?.option(code: code).map { text($0.label, in: q) } ?? String(code)
            }
        }.joined()
    }

    private static func question(_ v: Variable, _ q: Questionnaire) -> Question? {
        if case .question(let i) = v.role { return q.questions[i] }
        if case .gridItem(let i, _) = v.role { return q.questions[i] }
        return nil
    }

    private static func compare(_ o: Variable, _ old: Questionnaire, _ n: Variable, _ new: Questionnaire,
                                _ add: (String?, String, Bool) -> Void) {
        let name = o.name
        guard what(o, in: old) == what(n, in: new), o.type == n.type else {
            add(name, "'\(name)' is now a \(what(n, in: new)) of another kind (was \(o.type.describedInMessages), now \(n.type.describedInMessages))", false)
            return
        }
        // Codes: added is fine; removed or renamed is a recode.
        if let oc = o.codes, let nc = n.codes, !(isScaleLike(o, old) && isScaleLike(n, new)) {
            for option in oc.options {
                guard let now = nc.option(code: option.code) else {
                    add(name, "'\(name)': code \(option.code) removed", false)
                    continue
                }
                if option.codeName != now.codeName {
                    add(name, "'\(name)': code \(option.code) renamed from '\(option.codeName ?? "")' to '\(now.codeName ?? "")'", false)
                }
                if option.other != now.other {
                    add(name, "'\(name)': code \(option.code) \(now.other ? "now asks" : "no longer asks") for a specification", false)
                }
            }
            for option in nc.options where oc.option(code: option.code) == nil {
                add(name, "'\(name)': code \(option.code) added", true)
            }
        }
        guard let oq = question(o, old), let nq = question(n, new) else { return }
        if case .question = o.role {
            if oq.allowDK && !nq.allowDK { add(name, "'\(name)': 'allow dk' removed", false) }
            if !oq.allowDK && nq.allowDK { add(name, "'\(name)': 'allow dk' added", true) }
            if oq.allowRefused && !nq.allowRefused { add(name, "'\(name)': 'allow refused' removed", false) }
            if !oq.allowRefused && nq.allowRefused { add(name, "'\(name)': 'allow refused' added", true) }
            if oq.optional && !nq.optional { add(name, "'\(name)': no longer optional", false) }
        }
        switch (oq.kind, nq.kind) {
        case (.number(let a, let da), .number(let b, let db)):
            if b.lowerBound > a.lowerBound || b.upperBound < a.upperBound || db < da {
                add(name, "'\(name)': range narrowed from \(NumberFormat.plain(a.lowerBound))..\(NumberFormat.plain(a.upperBound)) to \(NumberFormat.plain(b.lowerBound))..\(NumberFormat.plain(b.upperBound))", false)
            } else if a != b || da != db {
                add(name, "'\(name)': range widened", true)
            }
        case (.text(let a, let pa), .text(let b, let pb)):
            if b < a { add(name, "'\(name)': max length lowered from \(a) to \(b)", false) }
            if pa != pb { add(name, "'\(name)': pattern changed", pb == nil) }
        case (.scale(let a, _), .scale(let b, _)), (.grid(let a, _), .grid(let b, _)):
            if b.lowerBound > a.lowerBound || b.upperBound < a.upperBound {
                add(name, "'\(name)': scale narrowed from \(a.lowerBound)..\(a.upperBound) to \(b.lowerBound)..\(b.upperBound)", false)
            }
        case (.multi(_, let a), .multi(_, let b)):
            if b.lowerBound > a.lowerBound || b.upperBound < a.upperBound {
                add(name, "'\(name)': pick narrowed from \(a.lowerBound)..\(a.upperBound) to \(b.lowerBound)..\(b.upperBound)", false)
            }
        default: break
        }
    }

    private static func isScaleLike(_ v: Variable, _ q: Questionnaire) -> Bool {
        if case .gridItem = v.role { return true }
        if case .question(let i) = v.role, case .scale = q.questions[i].kind { return true }
        return false
    }
}

/// The names of a questionnaire's translatable texts, as a translation file writes them:
///
/// | key | the text |
/// | --- | --- |
/// | `NAME` | a question's (or `info`'s, or grid's) text |
/// | `NAME instruction` | its interviewer instruction |
/// | `NAME CODE` / `NAME CODE instruction` | an option's label / instruction |
/// | `NAME VALUE` | a scale's anchor |
/// | `NAME ITEM` / `NAME ITEM instruction` | a grid item's text / instruction |
/// | `terminate N`, `check N`, `warn N` | the Nth of them in the file, from 1 |
/// | `quota NAME full` | a quota's closing text |
/// | `NAME CODE` | a `single` sample variable's code label (filled as `{NAME}`) |
enum TextKeys {
    struct Entry: Sendable {
        var key: String
        var location: SourceLocation
        /// The loop whose body the text is in: translated once, used in every round.
        var loop: String? = nil
    }

    static func collect(_ statements: [Statement]) -> [Entry] {
        var walker = Walker()
        walker.walk(statements)
        return walker.entries
    }

    private struct Walker {
        var entries: [Entry] = []
        var terminates = 0, checks = 0, warns = 0
        var loop: String?

        mutating func add(_ key: String, _ location: SourceLocation) {
            entries.append(Entry(key: key, location: location, loop: loop))
        }

        mutating func walk(_ statements: [Statement]) {
            for statement in statements {
                switch statement {
                case .question(let q): question(q)
                case .branch(let b): for arm in b.arms { walk(arm.body) }
                case .terminate(let t):
                    terminates += 1
                    add("terminate \(terminates)", t.text.location)
                case .rule(let r):
                    if r.isHard { checks += 1; add("check \(checks)", r.message.location) }
                    else { warns += 1; add("warn \(warns)", r.message.location) }
                case .quota(let q):
                    if let full = q.fullText { add("quota \(q.name.value) full", full.location) }
                case .sample(let s):
                    for o in s.options { add("\(s.name.value) \(o.code.value)", o.label.location) }
                case .compute: break
                case .loop(let l):
                    loop = l.name.value
                    walk(l.body)
                    loop = nil
                }
            }
        }

        mutating func question(_ q: QuestionSyntax) {
            let name = q.name.value
            add(name, q.text.location)
            if let i = q.instruction { add("\(name) instruction", i.location) }
            for o in q.options {
                add("\(name) \(o.code.value)", o.label.location)
                if let i = o.instruction { add("\(name) \(o.code.value) instruction", i.location) }
            }
            for a in q.anchors { add("\(name) \(a.value.value)", a.label.location) }
            for item in q.items {
                add("\(name) \(item.name.value)", item.text.location)
                if let i = item.instruction { add("\(name) \(item.name.value) instruction", i.location) }
            }
        }
    }
}

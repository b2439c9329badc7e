import CatiCore

/// What the interviewer screen remembers between keys: the answer field, the
/// highlighted row, and whether a note or the end dialog is open. Pure: keys in,
/// commands out.
public struct InterviewerState: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case answering
        case note(AnswerField)
        case endChoice
        case endReason(InterviewStatus, AnswerField)
        /// F9: the reason of the suspension is typed, then Enter suspends.
        case suspendReason(AnswerField)
    }

    public var field = AnswerField()
    /// The highlighted option (or, on a failed check, the highlighted involved answer).
    public var highlight: Int?
    /// True after Up/Down: Space then marks the highlighted row of a multi.
    public var highlightActive = false
    public var mode: Mode = .answering
    /// A short confirmation shown on the message line ("Note saved").
    public var notice: String?
    private var screenKey = ""
    /// Screen-reader mode: Up/Down move the focus over the options without writing the
    /// code into the field (Enter answers the option under the focus), so a move
    /// repaints only the two rows involved.
    public var screenReader = false
    /// What the screen-reader keys asked to read, until the next key: the question
    /// from its first word (F6, Ctrl-L) or where the interview is (F7, Ctrl-W).
    public enum Reading: Sendable, Equatable { case question, whereabouts }
    public var reading: Reading?

    public init() {}

    /// What the screen asks the session to do.
    public enum Command: Sendable, Equatable {
        case none
        case perform(Action)
        case suspend(reason: String)
    }

    /// Resets the field to the earlier answer when a new step is shown.
    public mutating func sync(with screen: Screen) {
        let key = Self.key(of: screen)
        guard key != screenKey else { return }
        screenKey = key
        mode = .answering
        highlightActive = false
        highlight = nil
        switch screen {
        case .question(let p):
            field.set(p.prefill)
            if let code = Int(p.prefill), let index = p.options.firstIndex(where: { $0.code == code }) { highlight = index }
        case .specifyOther(let p): field.set(p.prefill)
        default: field.set("")
        }
    }

    static func key(of screen: Screen) -> String {
        switch screen {
        case .question(let p): return "q|\(p.name)|\(p.currentItem ?? -1)|\(p.position)"
        case .specifyOther(let p): return "o|\(p.question)|\(p.position)"
        case .checkFailed(let p): return "c|\(p.message)|\(p.position)"
        case .warning(let p): return "w|\(p.message)|\(p.position)"
        case .ending(let p): return "e|\(p.status.rawValue)"
        }
    }

    public mutating func handle(_ key: Key, screen: Screen) -> Command {
        reading = nil
        switch mode {
        case .note(var note):
            switch key {
            case .enter:
                mode = .answering
                return note.isEmpty ? .none : .perform(.note(note.text))
            case .escape: mode = .answering
            default: if note.edit(key) { mode = .note(note) }
            }
            return .none
        case .endChoice:
            switch key {
            case .char("1"): mode = .endReason(.refused, AnswerField())
            case .char("2"): mode = .endReason(.breakOff, AnswerField())
            case .escape, .function(10), .ctrl("x"): mode = .answering
            default: break
            }
            return .none
        case .endReason(let status, var reason):
            switch key {
            case .enter:
                mode = .answering
                return .perform(.end(status, reason: reason.text))
            case .escape: mode = .answering
            default: if reason.edit(key) { mode = .endReason(status, reason) }
            }
            return .none
        case .suspendReason(var reason):
            switch key {
            case .enter:
                mode = .answering
                return .suspend(reason: reason.text.trimmingCharacters())
            case .escape, .function(9), .ctrl("p"): mode = .answering
            default: if reason.edit(key) { mode = .suspendReason(reason) }
            }
            return .none
        case .answering:
            return answering(key, screen: screen)
        }
    }

    private mutating func answering(_ key: Key, screen: Screen) -> Command {
        notice = nil
        switch key {
        case .function(2), .ctrl("b"): return .perform(.back)
        case .function(3), .ctrl("d"): return .perform(.dontKnow)
        case .function(4), .ctrl("r"): return .perform(.refused)
        case .function(5), .ctrl("n"):
            mode = .note(AnswerField())
            return .none
        case .function(9), .ctrl("p"):
            mode = .suspendReason(AnswerField())
            return .none
        case .function(10), .ctrl("x"):
            mode = .endChoice
            return .none
        case .function(6), .ctrl("l"):
            reading = .question
            return .none
        case .function(7), .ctrl("w"):
            reading = .whereabouts
            return .none
        case .up, .down:
            moveHighlight(key == .up ? -1 : 1, screen: screen)
            return .none
        case .enter:
            return enter(screen)
        case .char(" ") where highlightActive:
            if case .question(let p) = screen, case .multi = p.question.kind, let h = highlight {
                toggle(p.options[h].code)
                return .none
            }
            field.insert(" ")
            return .none
        default:
            if case .char = key { highlightActive = false }
            _ = field.edit(key)
            // A typed code of a single moves the highlight to its row.
            if case .question(let p) = screen, case .single = p.question.kind {
                let typed = field.text.trimmingCharacters()
                highlight = p.options.firstIndex { String($0.code) == typed || $0.codeName == typed } ?? highlight
            }
            return .none
        }
    }

    private mutating func enter(_ screen: Screen) -> Command {
        if case .checkFailed(let p) = screen {
            if let h = highlight, p.involved.indices.contains(h) { return .perform(.goTo(p.involved[h].variable)) }
            if let n = Int(field.text.trimmingCharacters()), p.involved.indices.contains(n - 1) {
                return .perform(.goTo(p.involved[n - 1].variable))
            }
        }
        if screenReader, highlightActive, let h = highlight, case .question(let p) = screen, case .single = p.question.kind,
           p.options.indices.contains(h) {
            return .perform(.answer(String(p.options[h].code)))
        }
        return .perform(.answer(field.text))
    }

    private mutating func moveHighlight(_ delta: Int, screen: Screen) {
        let count: Int
        switch screen {
        case .question(let p): count = p.options.count
        case .checkFailed(let p): count = p.involved.count
        default: count = 0
        }
        guard count > 0 else { return }
        let next = highlight.map { ($0 + delta + count) % count } ?? (delta > 0 ? 0 : count - 1)
        highlight = next
        highlightActive = true
        if !screenReader, case .question(let p) = screen, case .single = p.question.kind {
            field.set(String(p.options[next].code))
        }
    }

    private mutating func toggle(_ code: Int) {
        var codes = field.text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let index = codes.firstIndex(of: String(code)) { codes.remove(at: index) } else { codes.append(String(code)) }
        field.set(codes.joined(separator: " "))
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

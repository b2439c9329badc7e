import CatiCore

/// What the line mode remembers between lines of one interview: whether a note, a
/// suspension's reason or the end of the interview is being asked. Pure: a typed line
/// in, a command and the lines to print out. Commands start with "/" (the letters of
/// the screen's Ctrl keys: ^B back, ^D dk, ^R refused, ^N note, ^X end; /s suspends);
/// anything else is the answer, "//" types an answer starting with "/".
public struct PlainInterviewState: Sendable {
    public enum Mode: Sendable, Equatable {
        case answering
        case note
        case suspendReason
        case endChoice
        case endReason(InterviewStatus)
    }

    public enum Command: Sendable, Equatable {
        case none
        case perform(Action)
        case suspend(reason: String)
        /// Print the step again (/q).
        case repeatStep
        /// Say where we are (/w).
        case whereAmI
    }

    public private(set) var mode: Mode = .answering
    let words: PlainWords

    public init(words: PlainWords) { self.words = words }

    /// The prompt of the current mode, or nil while answering (the step's own prompt).
    public var modePrompt: String? {
        switch mode {
        case .answering: nil
        case .note: words.notePrompt
        case .suspendReason: words.suspendPrompt
        case .endChoice: words.endPrompt
        case .endReason: words.endReasonPrompt
        }
    }

    /// A typed line (without its line break) on `screen`.
    public mutating func handle(_ typed: String, screen: Screen) -> (Command, [String]) {
        let line = typed.trimmingCharacters()
        switch mode {
        case .note:
            mode = .answering
            return line.isEmpty ? (.none, [words.cancelled]) : (.perform(.note(line)), [])
        case .suspendReason:
            mode = .answering
            return line == "/c" ? (.none, [words.cancelled]) : (.suspend(reason: line), [])
        case .endChoice:
            switch line {
            case "": mode = .answering; return (.none, [words.cancelled])
            case "1": mode = .endReason(.refused)
            case "2": mode = .endReason(.breakOff)
            default: return (.none, [words.endChoiceInvalid])
            }
            return (.none, [])
        case .endReason(let status):
            mode = .answering
            return line == "/c" ? (.none, [words.cancelled]) : (.perform(.end(status, reason: line)), [])
        case .answering:
            return answering(line, screen: screen)
        }
    }

    private mutating func answering(_ line: String, screen: Screen) -> (Command, [String]) {
        if line == "?" || line == "/?" || line == "/h" { return (.none, help(screen)) }
        guard line.hasPrefix("/") else { return (enter(line, screen: screen), []) }
        if line.hasPrefix("//") { return (.perform(.answer(String(line.dropFirst()))), []) }
        let word = line.dropFirst().prefix { $0 != " " }
        let rest = String(line.dropFirst(1 + word.count)).trimmingCharacters()
        switch word.lowercased() {
        case "b": return (.perform(.back), [])
        case "d": return (.perform(.dontKnow), [])
        case "r": return (.perform(.refused), [])
        case "n":
            if rest.isEmpty { mode = .note; return (.none, []) }
            return (.perform(.note(rest)), [])
        case "s", "p":
            if rest.isEmpty { mode = .suspendReason; return (.none, []) }
            return (.suspend(reason: rest), [])
        case "x":
            mode = .endChoice
            return (.none, [])
        case "q": return (.repeatStep, [])
        case "w": return (.whereAmI, [])
        default: return (.none, [words.unknownCommand(line)])
        }
    }

    /// Enter on a failed check with the number of an involved answer goes there, as the
    /// screen's number + Enter does; anything else is the answer.
    private func enter(_ line: String, screen: Screen) -> Command {
        if case .checkFailed(let p) = screen, let n = Int(line), p.involved.indices.contains(n - 1) {
            return .perform(.goTo(p.involved[n - 1].variable))
        }
        // An empty line keeps the earlier answer, as Enter on the screen's prefilled field.
        if line.isEmpty {
            switch screen {
            case .question(let p) where !p.question.isInfo: return .perform(.answer(p.prefill))
            case .specifyOther(let p): return .perform(.answer(p.prefill))
            default: break
            }
        }
        return .perform(.answer(line))
    }

    func help(_ screen: Screen) -> [String] {
        var dk = false, refused = false
        if case .question(let p) = screen, !p.question.isInfo {
            dk = p.question.allowDK
            refused = p.question.allowRefused
        }
        return words.interviewHelp(dk: dk, refused: refused)
    }
}

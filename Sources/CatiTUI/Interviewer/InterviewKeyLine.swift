import CatiCore

/// The key line of an interview screen, for the normal screen and the screen-reader
/// mode alike: F3 and F4 only where the engine takes them (a question that allows dk /
/// refused); the Ctrl alternatives when they fit in `width`, else the F keys alone.
enum InterviewKeyLine {
    static func text(_ screen: Screen, labels: InterviewerLabels, reading: Bool, separator: String,
                     width: Int) -> String {
        var dk = false, refused = false
        if case .question(let p) = screen, !p.question.isInfo {
            dk = p.question.allowDK
            refused = p.question.allowRefused
        }
        var keys = [("F2", "^B", labels.back)]
        if dk { keys.append(("F3", "^D", labels.dk)) }
        if refused { keys.append(("F4", "^R", labels.refused)) }
        keys.append(("F5", "^N", labels.note))
        // The screen reader's own: re-read the question, say where we are.
        if reading { keys += [("F6", "^L", labels.reread), ("F7", "^W", labels.whereKey)] }
        keys += [("F9", "^P", labels.suspend), ("F10", "^X", labels.end)]
        let withCtrl = keys.map { "\($0.0)/\($0.1) \($0.2)" }.joined(separator: separator)
        let plain = keys.map { "\($0.0) \($0.2)" }.joined(separator: separator)
        return " " + (DisplayWidth.of(withCtrl) + 2 <= width ? withCtrl : plain)
    }
}

/// Why the terminal cannot go on. `hangUp` and `signal` are not failures of ours: the
/// caller saves the work in progress, calls `Terminal.stop()` and exits.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// TERM is unset, unknown to terminfo, or a terminal that cannot move the cursor.
    case cannotStart(term: String?)
    /// `readKey` before `start()` or after `stop()`.
    case notStarted
    /// The terminal went away (its input reports POLLHUP/POLLERR/POLLNVAL, or keeps
    /// failing at once).
    case hangUp
    /// SIGINT, SIGTERM or SIGHUP arrived (the number).
    case signal(Int32)

    public var description: String {
        switch self {
        case .cannotStart(let term?):
            "cannot start the terminal: TERM=\(term) is unknown to terminfo or cannot move the cursor (try TERM=xterm-256color)"
        case .cannotStart(nil):
            "cannot start the terminal: TERM is not set (try TERM=xterm-256color)"
        case .notStarted:
            "the terminal is not started"
        case .hangUp:
            "the terminal hung up"
        case .signal(let number):
            "interrupted by signal \(number)"
        }
    }
}

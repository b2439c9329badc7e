/// What can go wrong in a store, in the words of the domain. Every store (the data
/// folder, a database) throws these and nothing lower: screens and commands word them
/// without knowing errno, file descriptors or SQL states. The detail is for people
/// (what was being done, and where); it is never parsed.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No room left to write (a full disk or quota).
    case diskFull(String)
    /// The login running this process may not read or write there.
    case permissionDenied(String)
    /// The place is read-only (a read-only file system, a read-only database role).
    case readOnly(String)
    /// Any other failure to read or write: what the system said, and what was being done.
    case ioFailure(reason: String, detail: String)
    /// The interview is held by another live process.
    case busy(String)
    /// The interview (or case) is held by a live process that this login may not take
    /// over: another login's, or one on another host.
    case heldBy(String, InterviewHolder)
    /// No interrupted or suspended interview has this id (or respondent).
    case unknownInterview(String)
    /// Stored data that cannot be read (a journal without its header).
    case damaged(String)
    /// The interview's handle was let go already.
    case closed(String)
    /// The interview was started with another version of the questionnaire.
    case questionnaireChanged(String)
    /// The interview was finished already and its record is saved.
    case alreadySaved(String)
    /// The store named does not exist or is not a store of this survey (for commands
    /// that only read: they never create one).
    case notFound(String)
    /// The store cannot be reached now (a database server down or the connection lost):
    /// nothing was written; the same operation may be tried again, and a store reconnects
    /// on its next operation.
    case unavailable(String)

    public var description: String {
        switch self {
        case .diskFull(let detail): return "No space left on device (the disk is full): \(detail)"
        case .permissionDenied(let detail): return "permission denied: \(detail)"
        case .readOnly(let detail): return "read-only: \(detail)"
        case .ioFailure(let reason, let detail): return "\(reason): \(detail)"
        case .busy(let id): return "interview \(id) is open in another interviewer's session"
        case .heldBy(let id, let h):
            return "\(id) is held by login \(h.login) on host \(h.host) (pid \(h.pid)): only \(h.login) on \(h.host) "
                + "can take it over; a supervisor can free it with 'cati release \(id)'"
        case .unknownInterview(let id): return "no interrupted or suspended interview '\(id)'"
        case .damaged(let what): return "\(what) cannot be read (no header line)"
        case .closed(let id): return "interview \(id) is closed"
        case .alreadySaved(let id): return "interview \(id) was finished and is saved in interviews.jsonl"
        case .questionnaireChanged(let id):
            return "interview \(id) was started with another version of the questionnaire (its sha256 differs)"
        case .notFound(let detail): return detail
        case .unavailable(let detail): return "the database cannot be reached: \(detail)"
        }
    }

    /// Whether the disk (or database) is out of room: the screens say so first.
    public var isDiskFull: Bool { if case .diskFull = self { true } else { false } }

    /// Whether the store could not be reached (worth trying again once it is back).
    public var isUnavailable: Bool { if case .unavailable = self { true } else { false } }
}

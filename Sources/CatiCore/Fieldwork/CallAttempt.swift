/// One line of `calls.jsonl` (fieldwork.md): a call attempt on a sample case.
public struct CallAttempt: Sendable, Equatable {
    public var caseID: String
    public var attempt: Int
    public var interviewer: String
    /// When the attempt ended, seconds since 1970 (whole seconds).
    public var at: Double
    public var outcome: CallOutcome
    /// Whether this attempt closed the case. Normally the outcome's, but an attempt that
    /// reaches the limit closes the case whatever its outcome.
    public var final: Bool
    public var appointment: Double?
    public var interview: String?
    public var note: String?
    /// A fingerprint of the sample row's name and phone (never the name or phone), so a
    /// sample row reused for another person is noticed. Extension of fieldwork.md.
    public var contact: String?
    /// The login of the process that recorded the attempt (from the kernel, set by the
    /// store), beside `interviewer`: docs/logins.md. Nil in older lines.
    public var login: String?

    public init(caseID: String, attempt: Int, interviewer: String, at: Double, outcome: CallOutcome,
                final: Bool? = nil, appointment: Double? = nil, interview: String? = nil, note: String? = nil,
                contact: String? = nil) {
        self.caseID = caseID
        self.attempt = attempt
        self.interviewer = interviewer
        self.at = at.rounded(.down)
        self.outcome = outcome
        self.final = final ?? outcome.isFinal
        self.appointment = appointment?.rounded(.down)
        self.interview = interview
        self.note = note
        self.contact = contact
    }

    public var aapor: String { outcome.aapor }

    public var json: JSON {
        var members: [(String, JSON)] = [
            ("case", .string(caseID)), ("attempt", .int(attempt)), ("interviewer", .string(interviewer)),
        ]
        if let login { members.append(("login", .string(login))) }
        members += [
            ("at", .string(Timestamp.rfc3339(at))), ("outcome", .string(outcome.rawValue)),
            ("aapor", .string(aapor)), ("final", .bool(final)),
            ("appointment", appointment.map { .string(Timestamp.rfc3339($0)) } ?? .null),
            ("interview", interview.map { .string($0) } ?? .null),
        ]
        if let note, !note.isEmpty { members.append(("note", .string(note))) }
        if let contact { members.append(("contact", .string(contact))) }
        return .object(members)
    }

    /// The line as written to `calls.jsonl` (no newline).
    public var line: String { json.serialized }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case missing(String)
        case unknownOutcome(String)
        public var description: String {
            switch self {
            case .missing(let field): return "not a call attempt: '\(field)' missing or of the wrong type"
            case .unknownOutcome(let name): return "unknown outcome '\(name)'"
            }
        }
    }

    public init(json: JSON) throws {
        guard case .string(let id)? = json["case"] else { throw ParseError.missing("case") }
        guard let attempt = json["attempt"]?.intValue else { throw ParseError.missing("attempt") }
        guard case .string(let atText)? = json["at"], let at = Timestamp.parse(atText) else { throw ParseError.missing("at") }
        guard case .string(let name)? = json["outcome"] else { throw ParseError.missing("outcome") }
        guard let outcome = CallOutcome(rawValue: name) else { throw ParseError.unknownOutcome(name) }
        var interviewer = ""
        if case .string(let s)? = json["interviewer"] { interviewer = s }
        var final = outcome.isFinal
        if case .bool(let b)? = json["final"] { final = b }
        var appointment: Double?
        if case .string(let s)? = json["appointment"] { appointment = Timestamp.parse(s) }
        var interview: String?
        if case .string(let s)? = json["interview"] { interview = s }
        var note: String?
        if case .string(let s)? = json["note"] { note = s }
        var contact: String?
        if case .string(let s)? = json["contact"] { contact = s }
        self.init(caseID: id, attempt: attempt, interviewer: interviewer, at: at, outcome: outcome, final: final,
                  appointment: appointment, interview: interview, note: note, contact: contact)
        if case .string(let s)? = json["login"] { login = s }
    }

    /// The fingerprint of a sample row's name and phone: 16 hex digits of SHA-256.
    public static func contactFingerprint(of record: SampleRecord) -> String? {
        let name = record.value("name") ?? ""
        let phone = (record.value("phone") ?? "").filter { $0.isNumber || $0 == "+" }
        guard !name.isEmpty || !phone.isEmpty else { return nil }
        return String(SHA256.hex(Array((name.lowercased() + "\t" + phone).utf8)).prefix(16))
    }
}

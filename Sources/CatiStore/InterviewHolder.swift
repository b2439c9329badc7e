import CatiCore

/// The live process that holds an interview (or a sample case): who, where, since when,
/// and when its interviewer last pressed a key. Told to whoever asks for what it holds
/// (`--resume`, the resume list, the monitor), and the ground for a takeover: only the
/// same login on the same host may take it back (`InterviewStore.takeOver`).
public struct InterviewHolder: Sendable, Equatable {
    /// The login of the process, from the kernel (not $USER).
    public var login: String
    /// The interviewer id of the interview (`--interviewer`, by default the login).
    public var interviewer: String
    public var host: String
    public var pid: Int32
    /// When this process took the interview (started or resumed it), seconds since 1970.
    public var since: Double
    /// When its interviewer last pressed a key (or an answer was recorded).
    public var lastKey: Double

    public init(login: String, interviewer: String, host: String, pid: Int32, since: Double, lastKey: Double) {
        self.login = login
        self.interviewer = interviewer
        self.host = host
        self.pid = pid
        self.since = since
        self.lastKey = lastKey
    }

    /// A holder without a key for this long is stale: the interviewer is probably gone
    /// (a frozen connection), though its process still holds the interview.
    public static let staleAfter: Double = 300

    public func isStale(at now: Double) -> Bool { now - lastKey >= Self.staleAfter }

    /// This process, holding since `since`.
    public static func thisProcess(interviewer: String, since: Double) -> InterviewHolder {
        InterviewHolder(login: Platform.effectiveLogin, interviewer: interviewer, host: Platform.hostName,
                        pid: Platform.processID, since: since, lastKey: since)
    }

    /// Whether `login` on this host may take it over.
    public func isOwn(login: String, host: String = Platform.hostName) -> Bool {
        self.login == login && self.host == host
    }

    /// "login mario (interviewer mario) on host vm, pid 4242, since 10:02:05, last key
    /// 10:15:40" (times in `clock`'s words), ", stale" when silent for long.
    public func describe(now: Double, clock: (Double) -> String) -> String {
        var text = "login \(login)"
        if interviewer != login { text += " (interviewer \(interviewer))" }
        text += " on host \(host), pid \(pid), since \(clock(since)), last key \(clock(lastKey))"
        if isStale(at: now) { text += " — stale, no key for \(Int((now - lastKey) / 60)) min" }
        return text
    }

    var json: JSON {
        .object([("holder", .int(1)), ("login", .string(login)), ("interviewer", .string(interviewer)),
                 ("host", .string(host)), ("pid", .int(Int(pid))), ("since", .double(since))])
    }

    init?(_ json: JSON, lastKey: Double?) {
        guard json["holder"]?.intValue == 1, let login = json["login"]?.stringValue,
              let host = json["host"]?.stringValue, let pid = json["pid"]?.intValue,
              let since = json["since"]?.doubleValue else { return nil }
        self.init(login: login, interviewer: json["interviewer"]?.stringValue ?? login, host: host, pid: Int32(pid),
                  since: since, lastKey: lastKey ?? since)
    }
}

/// How a held interview or case was freed (`takeOver`, `release`).
public struct Release: Sendable, Equatable {
    public enum How: Sendable, Equatable {
        /// Nobody held it.
        case wasFree
        /// Its process let go when asked (SIGHUP on the folder).
        case letGo
        /// Its process did not let go in time and was killed: nothing is lost, every
        /// accepted answer was durable already.
        case killed
    }

    /// The interview freed (its id), or the case.
    public var id: String
    public var holder: InterviewHolder?
    public var how: How
    /// Seconds it took.
    public var seconds: Double

    public init(id: String, holder: InterviewHolder?, how: How, seconds: Double) {
        self.id = id
        self.holder = holder
        self.how = how
        self.seconds = seconds
    }
}

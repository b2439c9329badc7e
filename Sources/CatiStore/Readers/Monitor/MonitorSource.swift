import CatiCore

/// What the supervisor screen reads, refresh after refresh: the records appended to
/// `interviews.jsonl` since the last look, the journals of interviews in progress and
/// the quota places. `figures(now:)` puts them together.
public final class MonitorSource {
    public let questionnaire: Questionnaire
    public let store: any InterviewStore
    public let until: Double?
    public private(set) var feed: MonitorFeed
    private var reader: LiveInterviewReader
    public private(set) var live: [LiveInterview] = []
    public private(set) var places: [String: [String: Int]] = [:]
    /// Call attempts per interviewer, read on from `attempts` at each refresh.
    public private(set) var calls: [String: CallTally] = [:]
    private var attempts = RecordCursor.start
    private var callSpan: [String: (first: Double, last: Double)] = [:]
    /// A message for the screen: the file read again, or a read that failed.
    public private(set) var message: String?

    public init(questionnaire: Questionnaire, store: any InterviewStore, until: Double?, utcOffset: Int) {
        self.questionnaire = questionnaire
        self.store = store
        self.until = until
        feed = MonitorFeed(store: store, utcOffset: utcOffset)
        reader = LiveInterviewReader(store: store, questionnaire: questionnaire)
    }

    /// Reads what changed; true when the figures may differ from the last ones.
    @discardableResult
    public func refresh() -> Bool {
        var changed = false
        do {
            changed = try feed.refresh()
            if let why = feed.restarted {
                message = Self.localTime(Platform.now, utcOffset: feed.tally.utcOffset) + " " + why
            } else if message?.hasPrefix("cannot read") == true {
                message = nil
            }
        } catch {
            message = "cannot read the \(store.location): \(error)"
        }
        if let read = try? store.readAttempts(after: attempts), read.restarted || !read.attempts.isEmpty {
            // Rewritten since the last look (an erasure, docs/privacy.md): the batch is
            // every attempt from the start, so the tallies are counted again from it.
            if read.restarted { calls = [:]; callSpan = [:] }
            for a in read.attempts {
                let span = callSpan[a.interviewer].map { (min($0.first, a.at), max($0.last, a.at)) } ?? (a.at, a.at)
                callSpan[a.interviewer] = span
                var tally = calls[a.interviewer] ?? CallTally()
                tally.add(outcome: a.outcome.rawValue, seconds: 0)
                // Calls per hour over the span from the first attempt to the last.
                tally.seconds = Int(span.1 - span.0)
                calls[a.interviewer] = tally
            }
            attempts = read.cursor
            changed = true
        }
        let nowLive = reader.read()
        let nowPlaces = reader.places()
        if nowLive != live || nowPlaces != places { changed = true }
        live = nowLive
        places = nowPlaces
        return changed
    }

    /// HH:MM:SS in the supervisor's time zone.
    static func localTime(_ t: Double, utcOffset: Int) -> String {
        String(Timestamp.rfc3339(t + Double(utcOffset)).dropFirst(11).prefix(8))
    }

    public func figures(now: Double) -> MonitorFigures {
        var tally = feed.tally
        if !calls.isEmpty { tally.setCalls(calls) }
        return MonitorFigures(questionnaire: questionnaire, tally: tally, live: live, places: places, now: now, until: until)
    }
}

/// Chooses the next case to call, by rule (fieldwork.md, issue 13): due appointments
/// first (to the interviewer who made them during the grace period, while that
/// interviewer is working; to anyone after it), then retries whose delay has passed, then
/// fresh cases. Within each, cases whose quota cells are furthest below target first
/// (lowest share of the target reached, in steps of 5%, over the case's fullest known
/// cell), then the earliest due, then sample order.
/// A case whose known quota values fall in a full cell is not offered; when the cell's
/// completes alone reach the target, it is closed as `quota-filled`.
public struct CallQueue: Sendable {
    public let questionnaire: Questionnaire
    /// Per case (by CaseBook index) and quota: the cell index its known values fall in,
    /// or -1 when a value is unknown.
    private var cells: [Int32]
    private let quotaCount: Int
    /// Cases excluded from calling (e.g. a sample row whose name/phone changed).
    public var excluded: Set<Int> = []

    public enum Tier: Int, Sendable, Comparable {
        case appointment = 0, retry = 1, fresh = 2
        public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
    }

    public struct Offer: Sendable, Equatable {
        public let caseID: String
        public let position: Int
        public let tier: Tier
    }

    public struct Decision: Sendable, Equatable {
        /// The case to call, if any.
        public var offer: Offer? { offers.first }
        /// The best cases to call, best first (up to the limit asked for).
        public var offers: [Offer] = []
        /// Cases to close as `quota-filled` (their known cell is full with completes).
        public var toClose: [String] = []
        /// When nothing is offered: the earliest moment a case becomes due.
        public var nextDue: Double?
        /// Whether `now` is outside calling hours.
        public var outsideCallingHours = false
    }

    public struct Context: Sendable {
        public var now: Double
        public var interviewer: String
        public var settings: FieldworkSettings
        /// Completes and places per quota and cell (`QuotaTable` order).
        public var quotas: QuotaTable?
        /// Case ids held by someone right now (claims, interviews in progress).
        public var busy: Set<String> = []
        /// Interviewers working now; nil when unknown (then they are taken to be working).
        public var working: Set<String>?

        public init(now: Double, interviewer: String, settings: FieldworkSettings, quotas: QuotaTable? = nil,
                    busy: Set<String> = [], working: Set<String>? = nil) {
            self.now = now
            self.interviewer = interviewer
            self.settings = settings
            self.quotas = quotas
            self.busy = busy
            self.working = working
        }
    }

    /// `samples[k]` is the sample row of case k of the book (nil: not in the sample).
    public init(questionnaire: Questionnaire, samples: [SampleRecord?]) {
        self.questionnaire = questionnaire
        quotaCount = questionnaire.quotas.count
        cells = []
        cells.reserveCapacity(samples.count * quotaCount)
        for record in samples { appendCells(record) }
    }

    private mutating func appendCells(_ record: SampleRecord?) {
        for quota in questionnaire.quotas {
            var values: [Int] = []
            for v in quota.variables {
                if case .number(let n) = SampleValues.value(of: questionnaire.variables[v], in: record, questionnaire: questionnaire) {
                    values.append(Int(n))
                }
            }
            let cell = values.count == quota.variables.count ? quota.cells.firstIndex { $0.matches(values) } : nil
            cells.append(Int32(cell ?? -1))
        }
    }

    /// The decision for `context.now`: up to `limit` cases to offer, best first.
    public func decide(book: CaseBook, context: Context, limit: Int = 1) -> Decision {
        var decision = Decision()
        let s = context.settings
        guard s.isCallingTime(context.now) else {
            decision.outsideCallingHours = true
            decision.nextDue = s.nextCallingTime(from: context.now)
            return decision
        }
        // Per quota cell: share of the target reached (with places), full, closed by completes.
        var reached: [[Double]] = [], full: [[Bool]] = [], closed: [[Bool]] = []
        for (qi, quota) in questionnaire.quotas.enumerated() {
            let table = context.quotas?.quotas.indices.contains(qi) == true ? context.quotas!.quotas[qi].cells : nil
            reached.append(quota.cells.indices.map { c in
                let cell = table?[c]
                let target = Double(max(1, quota.cells[c].target))
                // In steps of 5% of the target: small differences keep the sample's order.
                return (Double((cell?.complete ?? 0) + (cell?.inProgress ?? 0)) / target * 20).rounded(.down) / 20
            })
            full.append(quota.cells.indices.map { c in (table?[c].isFull ?? false) || quota.cells[c].target == 0 })
            closed.append(quota.cells.indices.map { c in (table?[c].complete ?? 0) >= quota.cells[c].target })
        }
        let busy = Set(context.busy.compactMap { book.position(of: $0) })
        typealias Key = (tier: Tier, share: Double, due: Double, k: Int)
        var best: [Key] = []     // sorted, at most `limit`
        best.reserveCapacity(limit + 1)
        var nextDue: Double?
        let rules = CaseBook.Rules(s)
        let now = context.now
        for k in book.ids.indices {
            if !excluded.isEmpty, excluded.contains(k) { continue }
            let (kind, time) = book.quickStatus(k, rules)
            let tier: Tier, due: Double
            switch kind {
            case 3: continue
            case 0: (tier, due) = (.fresh, 0)
            case 1:
                guard time <= now else { nextDue = min(nextDue ?? time, time); continue }
                (tier, due) = (.retry, time)
            default:
                let at = time
                guard at <= now else { nextDue = min(nextDue ?? at, at); continue }
                if at + s.appointmentGrace > now {
                    let maker = book.states[k].last?.interviewer ?? ""
                    if maker != context.interviewer, context.working?.contains(maker) ?? true {
                        let free = at + s.appointmentGrace
                        nextDue = min(nextDue ?? free, free)
                        continue
                    }
                }
                (tier, due) = (.appointment, at)
            }
            // A case cannot beat the worst kept one: skip the cell lookups.
            if best.count == limit, let w = best.last, w.tier < tier { continue }
            // Quota cells known from the sample.
            var share = 0.0, isFull = false, isClosed = false
            if k * quotaCount < cells.count {
                for q in 0..<quotaCount {
                    let c = Int(cells[k * quotaCount + q])
                    guard c >= 0 else { continue }
                    if full[q][c] { isFull = true }
                    if closed[q][c] { isClosed = true }
                    share = max(share, reached[q][c])
                }
            }
            if isClosed {
                if !busy.contains(k) { decision.toClose.append(book.ids[k]) }
                continue
            }
            if isFull { continue }
            if best.count == limit, let w = best.last, (w.tier, w.share, w.due, w.k) <= (tier, share, due, k) { continue }
            if !busy.isEmpty, busy.contains(k) { continue }
            let key: Key = (tier, share, due, k)
            let at = best.firstIndex { (key.tier, key.share, key.due, key.k) < ($0.tier, $0.share, $0.due, $0.k) } ?? best.count
            best.insert(key, at: at)
            if best.count > limit { best.removeLast() }
        }
        decision.offers = best.map { Offer(caseID: book.ids[$0.k], position: $0.k, tier: $0.tier) }
        if best.isEmpty { decision.nextDue = nextDue }
        return decision
    }
}

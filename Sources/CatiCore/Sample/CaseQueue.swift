/// The sample cases in file order, offered one at a time, for the next-interview screen
/// and for `cati simulate` alike. The case offered is the first one no one has taken at
/// or after a position; skipping a case moves the position past it, so repeated skips
/// go round every case still available, and come back to the first after the last.
/// Pure: which cases are taken (saved, in progress, claimed) is passed in.
public struct CaseQueue: Sendable {
    public let rows: [SampleRecord]
    /// Where the search for the next case starts (an index into `rows`).
    private var position = 0

    public init(rows: [SampleRecord]) { self.rows = rows }

    /// The case to offer: `preferring` when it is in the sample and free, else the first
    /// free case from the position on, wrapping round; nil when every case is taken.
    public func next(excluding taken: Set<String>, preferring id: String? = nil) -> SampleRecord? {
        if let id, let row = rows.first(where: { $0.id == id }), !taken.contains(id) { return row }
        return index(from: position, excluding: taken).map { rows[$0] }
    }

    /// What skipping `current` leads to.
    public enum Skip: Sendable, Equatable {
        /// Another case, further on in the sample.
        case next(SampleRecord)
        /// Another case, after going round past the end of the sample.
        case wrapped(SampleRecord)
        /// `current` is the only free case.
        case onlyOne(SampleRecord)
        /// No case is free.
        case none
    }

    /// Skips `current` (the case on screen): the next free case after it in file order.
    public mutating func skip(_ current: String?, excluding taken: Set<String>) -> Skip {
        let here = current.flatMap { id in rows.firstIndex { $0.id == id } } ?? (position - 1)
        let start = here + 1
        guard let found = index(from: start, excluding: taken) else { return .none }
        position = found
        let row = rows[found]
        if row.id == current { return .onlyOne(row) }
        return start >= rows.count || found < start ? .wrapped(row) : .next(row)
    }

    /// How many cases no one has taken.
    public func remaining(excluding taken: Set<String>) -> Int { rows.filter { !taken.contains($0.id) }.count }

    /// The first free row at or after `start`, wrapping round.
    private func index(from start: Int, excluding taken: Set<String>) -> Int? {
        guard !rows.isEmpty else { return nil }
        for step in 0..<rows.count {
            let k = (start + step) % rows.count
            if !taken.contains(rows[k].id) { return k }
        }
        return nil
    }
}

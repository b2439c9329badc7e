/// "Did you mean …?": the closest candidate by edit distance, if close enough (ties go
/// to the first in alphabetical order).
///
/// Asked once per unknown name against every declared name, so it must stay cheap on a
/// file with thousands of both: a candidate whose length alone puts it out of reach is
/// skipped before any distance is computed, and a distance stops as soon as it exceeds
/// the limit.
public enum Suggest {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        let limit = max(1, min(3, target.count / 3 + 1))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            // A character takes 1 to 4 UTF-8 bytes: a cheap bound on its length in characters.
            let bytes = candidate.utf8.count
            guard bytes >= target.count - limit, (bytes + 3) / 4 <= target.count + limit else { continue }
            let other = Array(candidate.lowercased())
            guard abs(other.count - target.count) <= limit,
                  let d = distance(target, other, atMost: best.map { min(limit, $0.distance) } ?? limit) else { continue }
            if let current = best, d > current.distance || (d == current.distance && candidate >= current.candidate) {
                continue
            }
            best = (candidate, d)
        }
        return best?.candidate
    }

    /// The edit distance of `a` and `b`, or nil when it is larger than `bound`.
    static func distance(_ a: [Character], _ b: [Character], atMost bound: Int) -> Int? {
        if a.isEmpty { return b.count <= bound ? b.count : nil }
        if b.isEmpty { return a.count <= bound ? a.count : nil }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > bound { return nil }  // every later row is at least this
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }
}

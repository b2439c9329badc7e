/// The line where each key was last recorded, for the handful of codes or code names of
/// one question: searched in order while small (no hashing, one allocation), hashed
/// once it grows.
struct SeenLines<Key: Hashable> {
    private var entries: [(key: Key, line: Int)] = []
    private var hashed: [Key: Int]?

    /// Beyond this many entries, a dictionary answers.
    private static var linearLimit: Int { 16 }

    init(expected: Int) {
        if expected > SeenLines.linearLimit {
            hashed = Dictionary(minimumCapacity: expected)
        } else {
            entries.reserveCapacity(expected)
        }
    }

    subscript(key: Key) -> Int? {
        get {
            if let hashed { return hashed[key] }
            for entry in entries where entry.key == key { return entry.line }
            return nil
        }
        set {
            if hashed != nil {
                hashed![key] = newValue
                return
            }
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].line = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
                if entries.count > SeenLines.linearLimit {
                    hashed = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.line) })
                    entries = []
                }
            }
        }
    }
}

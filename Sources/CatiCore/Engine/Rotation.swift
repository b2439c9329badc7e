/// The order options (or grid items) are shown in when a question has `rotate`: a
/// cyclic rotation of the movable entries, by an offset drawn from the interview id
/// and the question's name, so the same interview always sees the same order and
/// across interviews each option starts the list equally often. `fixed` entries keep
/// their places.
public enum Rotation {
    public static func order(count: Int, fixed: [Bool], interview: String, question: String) -> [Int] {
        let movable = (0..<count).filter { !fixed[$0] }
        guard movable.count > 1 else { return Array(0..<count) }
        let offset = Int(hash(interview + "\u{1F}" + question) % UInt64(movable.count))
        var out = Array(0..<count)
        for (k, slot) in movable.enumerated() {
            out[slot] = movable[(k + offset) % movable.count]
        }
        return out
    }

    /// FNV-1a 64-bit, then a SplitMix64 finaliser for spread.
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}

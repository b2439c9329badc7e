/// Interview ids: 26-character ULIDs (48 bits of milliseconds, 80 random bits, Crockford
/// base 32). Unique across processes and hosts; they sort by start time.
public enum InterviewID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make(at seconds: Double) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(at: seconds, using: &generator)
    }

    public static func make<G: RandomNumberGenerator>(at seconds: Double, using generator: inout G) -> String {
        let millis = UInt64(max(0, seconds * 1000))
        var chars: [Character] = []
        for shift in stride(from: 45, through: 0, by: -5) {
            chars.append(alphabet[Int((millis >> UInt64(shift)) & 31)])
        }
        let high = UInt64.random(in: 0...UInt64.max, using: &generator)
        let low = UInt64.random(in: 0...UInt64.max, using: &generator)
        // 80 random bits: 16 from `high`, 64 from `low`.
        var bits = [UInt8]()
        for k in 0..<16 { bits.append(UInt8((high >> UInt64(15 - k)) & 1)) }
        for k in 0..<64 { bits.append(UInt8((low >> UInt64(63 - k)) & 1)) }
        for group in 0..<16 {
            var v = 0
            for b in 0..<5 { v = v << 1 | Int(bits[group * 5 + b]) }
            chars.append(alphabet[v])
        }
        return String(chars)
    }
}

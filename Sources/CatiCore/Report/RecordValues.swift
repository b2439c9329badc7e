/// The answers of one record that a report reads, one slot per variable of the plan,
/// in storage that is reused from record to record.
public struct RecordValues: Sendable {
    public enum State: UInt8, Sendable { case absent, value, dk, refused }

    public var state: [State]
    public var value: [Double]
    /// `multi` answers: the codes, for the slots that hold one.
    public var codes: [[Int]]
    /// The record's `version` (nil when it has none).
    public var version: Int?
    /// Whether the record's `questionnaire_sha256` is another file's than the one reported on.
    public var otherFile = false

    public init(slots: Int) {
        state = Array(repeating: .absent, count: slots)
        value = Array(repeating: 0, count: slots)
        codes = Array(repeating: [], count: slots)
    }

    public mutating func reset() {
        for k in state.indices where state[k] != .absent {
            state[k] = .absent
            codes[k].removeAll(keepingCapacity: true)
        }
        version = nil
        otherFile = false
    }

    /// The code in a slot, when it holds a whole number.
    @inline(__always) public func code(_ slot: Int) -> Int? {
        guard state[slot] == .value else { return nil }
        let v = value[slot]
        return v == v.rounded() && abs(v) < 1e15 ? Int(v) : nil
    }

    /// The same values read from a parsed record (tests and small files; the report
    /// itself reads bytes with the store's scanner).
    public mutating func fill(from record: JSON, plan: ReportPlan) {
        reset()
        version = record["version"]?.intValue
        if let sha = record["questionnaire_sha256"]?.stringValue { otherFile = sha != plan.questionnaire.sha256 }
        guard case .object(let members)? = record["answers"] else { return }
        let slots = Dictionary(plan.slotNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (name, answer) in members {
            guard let slot = slots[name] else { continue }
            switch answer {
            case .int(let i): state[slot] = .value; value[slot] = Double(i)
            case .double(let d): state[slot] = .value; value[slot] = d
            case .array(let items):
                state[slot] = .value
                codes[slot] = items.compactMap(\.intValue)
            case .object:
                switch answer["missing"]?.stringValue {
                case "dk": state[slot] = .dk
                case "refused": state[slot] = .refused
                default: break
                }
            default: break
            }
        }
    }
}

/// The hash chain of the audit trail: line N carries `seq` N and `prev`, the SHA-256
/// (lowercase hex) of line N−1's bytes without its newline; line 1's `prev` is 64
/// zeros. Editing a line changes its hash, which the next line no longer carries;
/// removing one leaves a gap in `seq`; moving one breaks the order of `seq`. Pure: the
/// file is read and written by the store.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// The line (without newline) that follows `previous` (nil: the first line).
    public static func line(for entry: AuditEntry, after previous: [UInt8]?) -> String {
        let prev = previous.map(SHA256.hex) ?? genesis
        let seq = previous.flatMap { JSONParser.parseObject($0)?["seq"]?.intValue }.map { $0 + 1 } ?? 1
        var members: [(String, JSON)] = [
            ("seq", .int(seq)), ("prev", .string(prev)), ("at", .string(Timestamp.rfc3339(entry.at))),
            ("action", .string(entry.action)), ("survey", .string(entry.survey)), ("login", .string(entry.login)),
            ("uid", .int(entry.uid)), ("host", .string(entry.host)), ("pid", .int(entry.pid)),
        ]
        members.append(contentsOf: entry.detail)
        return JSON.object(members).serialized
    }

    /// A line that breaks the chain: its number (1-based) and what is wrong with it.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "audit.jsonl:\(line): \(message)" }
    }

    /// Every break in the chain, in file order; empty when intact. The lines are the
    /// file's lines without their newlines (a last line without one is passed too).
    /// Each problem names the line to look at: the edited one, the one after a removal,
    /// the one out of order.
    public static func verify(_ lines: [[UInt8]]) -> [Problem] {
        var problems: [Problem] = []
        var entries: [(number: Int, seq: Int, prev: String, bytes: [UInt8])] = []
        for (index, line) in lines.enumerated() {
            guard let json = JSONParser.parseObject(line), let seq = json["seq"]?.intValue, seq >= 1,
                  let prev = json["prev"]?.stringValue else {
                problems.append(Problem(line: index + 1, message: "not an audit entry (no seq or prev): edited or damaged"))
                continue
            }
            entries.append((index + 1, seq, prev, line))
        }
        var lineOfSeq: [Int: Int] = [:]
        for (i, entry) in entries.enumerated() where lineOfSeq[entry.seq] == nil { lineOfSeq[entry.seq] = i }
        var highest: (seq: Int, line: Int)?
        for entry in entries {
            // Order: seq only grows down the file.
            if let top = highest, entry.seq <= top.seq {
                problems.append(Problem(line: entry.number, message: "out of order: seq \(entry.seq) comes after seq "
                                        + "\(top.seq) on line \(top.line) (lines swapped, moved or copied)"))
            } else {
                highest = (entry.seq, entry.number)
            }
            // Chain: prev is the hash of the line whose seq is one less.
            if entry.seq == 1 {
                if entry.prev != genesis {
                    problems.append(Problem(line: entry.number, message: "edited: the first entry's prev is not 64 zeros"))
                }
            } else if let before = lineOfSeq[entry.seq - 1].map({ entries[$0] }) {
                if SHA256.hex(before.bytes) != entry.prev {
                    problems.append(Problem(line: before.number, message: "edited: its SHA-256 is not the one line "
                                            + "\(entry.number) (seq \(entry.seq)) carries"))
                }
            } else {
                var gap = entry.seq - 1
                while gap > 1, lineOfSeq[gap - 1] == nil { gap -= 1 }
                let missing = gap == entry.seq - 1 ? "seq \(gap)" : "seq \(gap) to \(entry.seq - 1)"
                problems.append(Problem(line: entry.number, message: "line removed before this one: no entry has \(missing)"))
            }
        }
        return problems.sorted { $0.line < $1.line }
    }

    /// The SHA-256 of the last line: write it down elsewhere, and an edit of the last line
    /// (which no later line covers yet) shows too.
    public static func head(_ lines: [[UInt8]]) -> String {
        lines.last.map(SHA256.hex) ?? genesis
    }
}

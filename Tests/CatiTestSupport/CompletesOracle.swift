import CatiTestSupport
import CatiCore

/// Completes per quota and cell counted the slow, obvious way: every record line parsed
/// whole, `status` = complete, its `quota_cells` tallied. The tests compare what the
/// program counts (its fast scanner, its snapshots) with this.
public enum CompletesOracle {
    public static func completes(_ lines: [String]) -> [String: [String: Int]] {
        completes(records: lines.compactMap { JSONParser.parseObject(Array($0.utf8)) })
    }

    public static func completes(records: [JSON]) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for record in records where record["status"]?.stringValue == "complete" {
            for (quota, cell) in record["quota_cells"]?.objectMembers ?? [] {
                out[quota, default: [:]][cell.stringValue ?? "?", default: 0] += 1
            }
        }
        return out
    }
}

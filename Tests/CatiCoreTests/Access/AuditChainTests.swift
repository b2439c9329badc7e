import CatiCore
import Testing

/// The audit trail's hash chain: intact, then with one line edited, removed, swapped,
/// each named by its line.
struct AuditChainTests {
    static func trail(_ count: Int) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        let actions: [AuditAction] = [.initialised, .shiftStarted, .report, .settingsChanged, .export, .shiftEnded, .release]
        for k in 0..<count {
            let entry = AuditEntry(action: actions[k % actions.count], survey: "cc_parma", login: k % 2 == 0 ? "anna" : "luca",
                                   uid: 1000 + k % 2, host: "cc1", pid: 4000 + k, at: 1_796_000_000 + Double(k) * 61)
            lines.append(Array(AuditChain.line(for: entry, after: lines.last).utf8))
        }
        return lines
    }

    @Test func anIntactTrailHasNoProblemAndEachLineCarriesThePreviousLinesHash() {
        let lines = Self.trail(7)
        #expect(AuditChain.verify(lines).isEmpty)
        #expect(String(decoding: lines[0], as: UTF8.self).contains("\"seq\":1,\"prev\":\"" + AuditChain.genesis + "\""))
        #expect(String(decoding: lines[3], as: UTF8.self).contains("\"prev\":\"" + SHA256.hex(lines[2]) + "\""))
        #expect(String(decoding: lines[3], as: UTF8.self).contains("\"seq\":4,"))
        #expect(AuditChain.head(lines) == SHA256.hex(lines[6]))
    }

    @Test func anEditedLineIsNamed() {
        var lines = Self.trail(7)
        lines[2] = Array(String(decoding: lines[2], as: UTF8.self).replacingLogin("anna", "mallory").utf8)
        let problems = AuditChain.verify(lines)
        #expect(problems.map(\.line) == [3], "\(problems)")
        #expect(problems.first?.description.hasPrefix("audit.jsonl:3: edited") == true, "\(problems)")
    }

    @Test func aRemovedLineIsNamedByTheLineAfterTheGap() {
        var lines = Self.trail(7)
        lines.remove(at: 3)
        let problems = AuditChain.verify(lines)
        #expect(problems.map(\.line) == [4], "\(problems)")
        #expect(problems.first?.message.contains("removed") == true && problems.first?.message.contains("seq 4") == true,
                "\(problems)")
    }

    @Test func twoSwappedLinesAreNamedAsOutOfOrder() {
        var lines = Self.trail(7)
        lines.swapAt(4, 5)
        let problems = AuditChain.verify(lines)
        #expect(problems.map(\.line) == [6], "\(problems)")
        #expect(problems.first?.message.contains("out of order: seq 5 comes after seq 6 on line 5") == true, "\(problems)")
    }

    @Test func removingTheFirstLineOrWritingGarbageIsNamed() {
        var lines = Self.trail(4)
        lines.removeFirst()
        #expect(AuditChain.verify(lines).map(\.line) == [1])
        var garbage = Self.trail(4)
        garbage[1] = Array("hello".utf8)
        let problems = AuditChain.verify(garbage)
        #expect(problems.map(\.line).contains(2), "\(problems)")
    }
}

private extension String {
    func replacingLogin(_ old: String, _ new: String) -> String {
        split(separator: "\"login\":\"\(old)\"", omittingEmptySubsequences: false).joined(separator: "\"login\":\"\(new)\"")
    }
}

import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// Two `cati erase --sample` at once on one sample file (two supervisors, or an erase and
/// a purge): each empties its own cases' cells and neither undoes the other, because the
/// sample's rewrite holds the sample file's own lock (docs/privacy.md, "The sample file,
/// its lock"); `erasures.jsonl`'s lock is let go before the sample is written.
struct EraseSampleLockTests {
    @Test func twoErasuresOfOneSampleAtOnceKeepBothAndTheFileKeepsItsMode() async throws {
        let scratch = try ScratchFolder("erase-sample-lock", under: "/dev/shm")
        try PrivacyCLITests.smallSample(scratch, count: 12)
        try await PrivacyCLITests.simulateCalls(scratch, days: 2)
        // Two cases the data folder knows nothing of (added to the sample after the
        // calls): their erasures write no file of the folder, so whichever comes second
        // reaches the sample while the first is still writing it (each step waits 150 ms).
        let gone = ["R9998", "R9999"]
        try (try String(contentsOfFile: scratch.path("sample.csv"), encoding: .utf8)
             + "R9998,Penultima Persona,0521 999 998,azienda,tributi\r\n"
             + "R9999,Ultima Persona,0521 999 999,privato,anagrafe\r\n")
            .write(toFile: scratch.path("sample.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: scratch.path("sample.csv"))
        let before = try PrivacyCLITests.sampleRows(scratch)
        let cati = try ChildProcess.cati()
        func erase(_ id: String) throws -> ChildProcess {
            try ChildProcess([cati, "erase", SimFiles.ccParma, id, "--data", scratch.path("data"),
                              "--sample", scratch.path("sample.csv")],
                             directory: scratch.path, environment: ["CATI_ERASE_STEP_MS": "150"])
        }
        let a = try erase(gone[0])
        let b = try erase(gone[1])
        #expect(try await a.wait() == 0, "\(a.stderr)")
        #expect(try await b.wait() == 0, "\(b.stderr)")
        let after = try PrivacyCLITests.sampleRows(scratch)
        #expect(after.map(\.id) == before.map(\.id), "every row stays, in order")
        for (old, new) in zip(before, after) {
            if gone.contains(old.id) {
                #expect(new.name.isEmpty && new.phone.isEmpty, "\(new.id) still has \(new.name), \(new.phone)")
            } else {
                #expect(new.name == old.name && new.phone == old.phone)
            }
        }
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.path("sample.csv"))[.posixPermissions] as? Int
        #expect(mode == 0o640, "the sample keeps its mode: \(String(mode ?? -1, radix: 8))")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("sample.csv.erasing")))
    }
}

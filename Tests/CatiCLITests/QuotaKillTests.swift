import CatiTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// language.md: "the place of an interviewer process that dies ... is released." A
/// place is a file locked by its live process; the kernel drops the lock when the
/// process dies, so the place is free at once — no timeout, no clean-up step.
/// Tests/Fixtures/quotas/hold.cati: one cell of target 1, held from the first answer
/// to the end of a 40-question interview that never completes.
@Suite(.serialized) struct QuotaKillTests {
    let file = QuotaCLI.fixture("hold")

    /// Statuses of the interviews of one interviewer, from interviews.jsonl.
    func statuses(_ data: String, of interviewer: String) throws -> [String] {
        try QuotaJSONL(path: data + "/interviews.jsonl").records
            .filter { $0["interviewer"] as? String == interviewer }.compactMap { $0["status"] as? String }
    }

    func cell(_ data: String) throws -> [String: Int]? {
        try QuotaCLI.quotasJSON(file, data: data).table["q"]?["unico"]
    }

    /// Whether another process holds `path`'s flock now.
    static func lockBusy(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }

    /// Whether the process is stopped (state T in /proc/PID/stat).
    static func isStopped(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)...].hasPrefix("T")
    }

    @Test func aKilledInterviewersPlaceIsFreeAtOnce() throws {
        let scratch = try ScratchFolder("kill")
        let data = scratch.path("data")
        let holder = try QuotaCLI.Child(["simulate", file, "--data", data, "-n", "1000000", "--seed", "1",
                                         "--interviewer", "holder", "-q"])
        // Stop the holder at a moment it holds the place, and neither the folder's
        // quota lock (every decision takes it) nor interviews.jsonl's (every save does).
        var holding = false
        for attempt in 0..<300 where holder.process.isRunning {
            usleep(attempt == 0 ? 200_000 : 15_000)
            holder.signal(SIGSTOP)
            while holder.process.isRunning, !Self.isStopped(holder.pid) { usleep(500) }
            // (`cati quotas` refuses a folder that does not exist yet: wait for it.)
            if FileManager.default.fileExists(atPath: data + "/places"),
               !Self.lockBusy(data + "/quota.lock"), !Self.lockBusy(data + "/interviews.jsonl"),
               try cell(data)?["in_progress"] == 1 {
                holding = true
                break
            }
            holder.signal(SIGCONT)
        }
        try #require(holding, "the holder was never caught holding its place: \(holder.stderr)")

        #expect(try cell(data) == ["target": 1, "complete": 0, "in_progress": 1, "remaining": 0],
                "a live holder's place is counted in progress")
        let blocked = try QuotaCLI.run(["simulate", file, "--data", data, "-n", "1", "--seed", "7",
                                        "--interviewer", "before-kill", "-q"])
        #expect(blocked.status == 0, "\(blocked.stderr)")
        #expect(try statuses(data, of: "before-kill") == ["over-quota"], "the only place is taken by the live holder")

        holder.signal(SIGKILL)
        holder.wait()
        // At once: no waiting, no timeout.
        #expect(try cell(data) == ["target": 1, "complete": 0, "in_progress": 0, "remaining": 1])
        let next = try QuotaCLI.run(["simulate", file, "--data", data, "-n", "1", "--seed", "8",
                                     "--interviewer", "after-kill", "-q"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try statuses(data, of: "after-kill") == ["screened-out"],
                "the next interview takes the place, answers its 40 questions and reaches the end")
        #expect(try cell(data)?["in_progress"] == 0)
    }

    /// The same with the place's lock held by a plain `flock` holder: the place file
    /// of a live process counts, the same file without a live holder does not.
    @Test func aPlaceCountsExactlyWhileItsLockIsHeld() throws {
        let scratch = try ScratchFolder("kill-flock")
        let data = scratch.path("data")
        // A first run creates the data folder with its places folder.
        #expect(try QuotaCLI.run(["simulate", file, "--data", data, "-n", "1", "--seed", "1",
                                  "--interviewer", "first", "-q"]).status == 0)
        #expect(try statuses(data, of: "first") == ["screened-out"])
        let place = data + "/places/01HOLDERHOLDERHOLDERHOLDER"
        try "q\tunico\n".write(toFile: place, atomically: false, encoding: .utf8)
        #expect(try cell(data)?["in_progress"] == 0, "a place file nobody holds belongs to a dead process")

        try "q\tunico\n".write(toFile: place, atomically: false, encoding: .utf8)
        let holder = try QuotaLockHolder(place)
        #expect(try cell(data) == ["target": 1, "complete": 0, "in_progress": 1, "remaining": 0])
        #expect(try QuotaCLI.run(["simulate", file, "--data", data, "-n", "1", "--seed", "2",
                                  "--interviewer", "while-held", "-q"]).status == 0)
        #expect(try statuses(data, of: "while-held") == ["over-quota"])
        holder.kill9()
        #expect(try QuotaCLI.run(["simulate", file, "--data", data, "-n", "1", "--seed", "3",
                                  "--interviewer", "after-kill", "-q"]).status == 0)
        #expect(try statuses(data, of: "after-kill") == ["screened-out"])
        #expect(try cell(data)?["in_progress"] == 0)
    }
}

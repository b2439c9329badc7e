import CatiTestSupport
import Foundation
import Testing

/// End to end: `cati monitor` open on a data folder in tmux while `simulate` processes
/// append to it and an interviewer works in another terminal.
@Suite(.serialized)
struct MonitorScreenTests {
    static let questionnaire = """
        survey mon "Monitor end to end"
        version 1
        single tipo "Tipo?"
          1 privato "Privato cittadino"
          2 azienda "Azienda"
        number voto "Voto?" range 1..10
        quota per_tipo "Per tipo" by tipo
          privato: 500
          azienda: 5
        end
        """

    /// The "N finished" of the monitor's title line.
    static func finished(_ screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first, let r = line.range(of: " finished") else { return nil }
        return Int(line[..<r.lowerBound].split(separator: " ").last ?? "")
    }

    static func recordCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    @Test func theScreenFollowsSimulateProcessesAndAnInterviewerAndQuitsCleanly() async throws {
        let folder = try ScratchFolder("monitor")
        try folder.write("mon.cati", Self.questionnaire)
        let file = folder.path("mon.cati"), data = folder.path("data")
        let cati = try CatiExecutable.path()
        // A reading command needs the data folder: the first interviewer (here a
        // simulate of no interview) makes it.
        let made = try await ChildProcess.run([cati, "simulate", file, "--data", data, "-n", "0"], directory: folder.path)
        #expect(made.status == 0, "\(made.stderr)")
        let command = [cati, "monitor", file, "--data", data]
        let monitor = try TmuxSession(width: 110, height: 32,
                                      script: "\(TmuxSession.quote(command)); rc=$?; stty -a > stty.txt 2>&1; exit $rc")
        try await monitor.waitFor("0 finished")
        try await monitor.waitFor("Privato cittadino")

        // An interviewer in the middle of an interview: listed under Now with its question.
        let maria = try InterviewScreen(file, data: data, interviewer: "maria")
        try await maria.waitFor("Enter")
        try maria.session.sendKeys("Enter")
        try await maria.waitForQuestion("tipo")
        try maria.answer("1")
        try await maria.waitForQuestion("voto")
        try monitor.sendKeys("2")
        let now = try await monitor.waitUntil("maria listed in progress at voto", timeout: .seconds(180)) { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("maria") && $0.contains("voto") && $0.hasSuffix("in progress") }
        }
        #expect(now.contains("1 in progress · 0 interrupted · 0 suspended"))

        // Simulate processes append: the count on screen follows (within a refresh or
        // two, ~1 s each; the deadline is loose because the whole suite shares two
        // cores: the refresh cost is measured in bench/monitor.sh, not here).
        let records = data + "/interviews.jsonl"
        let sims = try (1...2).map { k in
            try ChildProcess([cati, "simulate", file, "--data", data, "-n", "80", "--seed", "\(k)"], directory: folder.path)
        }
        var sampled = 0
        for _ in 0..<3 {
            let count = Self.recordCount(records)
            try await monitor.waitUntil("at least \(count) finished", timeout: .seconds(180)) { (Self.finished($0) ?? -1) >= count }
            sampled += 1
            try await Task.sleep(for: .milliseconds(300))
        }
        for sim in sims { #expect(try await sim.wait() == 0, "\(sim.stderr)") }
        let total = Self.recordCount(records)
        #expect(total == 160)
        try await monitor.waitUntil("\(total) finished", timeout: .seconds(180)) { Self.finished($0) == total }

        // The azienda cell (target 5) is full; maria holds a place in privato.
        try monitor.sendKeys("1")
        let quotas = try await monitor.waitUntil("the Quotas panel", timeout: .seconds(180)) { $0.contains("per_tipo") }
        let azienda = try #require(quotas.split(separator: "\n").first { $0.hasPrefix("Azienda") })
        #expect(azienda.contains("     5      5      0      0") && azienda.hasSuffix("FULL"), "\(azienda)")
        let privato = try #require(quotas.split(separator: "\n").first { $0.hasPrefix("Privato cittadino") })
        #expect(privato.contains("   500 ") && !privato.hasSuffix("FULL"))
        #expect(privato.split(separator: " ").filter { !$0.isEmpty }[4] == "1", "one place held by maria: \(privato)")

        // maria's terminal goes away: her interview shows as interrupted.
        try maria.session.killPane()
        try monitor.sendKeys("2")
        try await monitor.waitUntil("maria interrupted", timeout: .seconds(5)) { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("maria") && $0.contains("voto") && $0.hasSuffix("interrupted") }
        }

        // The filter, then q: exit 0 and the terminal given back.
        try monitor.sendKeys("3", "/")
        try monitor.type("simul")
        try monitor.sendKeys("Enter")
        let filtered = try await monitor.waitFor("filter: simul")
        #expect(!filtered.split(separator: "\n").contains { $0.hasPrefix("maria") })
        // Too small, then large again: a message, then the screen.
        try monitor.resize(width: 50, height: 10)
        try await monitor.waitFor("Enlarge the window to at least 60×12", timeout: .seconds(5))
        try monitor.resize(width: 110, height: 32)
        try await monitor.waitFor("filter: simul", timeout: .seconds(5))
        try monitor.sendKeys("q")
        #expect(try await monitor.waitForExit() == 0, "\(monitor.stderrLog)")
        #expect(monitor.stderrLog.isEmpty, "\(monitor.stderrLog)")
        let stty = monitor.file("stty.txt")
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"), "canonical mode is back:\n\(stty)")
        #expect(stty.contains(" echo ") && !stty.contains("-echo "), "echo is back:\n\(stty)")
        #expect(!(try monitor.screen()).contains("cati monitor"), "the screen was given back")
    }

    @Test func plainAndJSONGiveTheSameFiguresWithoutCurses() async throws {
        let folder = try ScratchFolder("monitor-plain")
        try folder.write("mon.cati", Self.questionnaire)
        let file = folder.path("mon.cati"), data = folder.path("data")
        let cati = try CatiExecutable.path()
        let sim = try await ChildProcess.run([cati, "simulate", file, "--data", data, "-n", "40", "--seed", "9"],
                                             directory: folder.path)
        #expect(sim.status == 0)
        let json = try await ChildProcess.run([cati, "monitor", file, "--data", data, "--json"], directory: folder.path)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let survey = try #require(object["survey_figures"] as? [String: Any])
        #expect(survey["records"] as? Int == 40)
        let quotas = try #require(object["quotas"] as? [[String: Any]])
        let cells = try #require(quotas.first?["cells"] as? [[String: Any]])
        let completes = cells.compactMap { $0["complete"] as? Int }.reduce(0, +)
        let plain = try await ChildProcess.run([cati, "monitor", file, "--data", data, "--plain", "--once"],
                                               directory: folder.path)
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("40 finished"))
        #expect(plain.stdout.contains("== Quotas ==") && plain.stdout.contains("== Survey =="))
        #expect(plain.stdout.split(separator: "\n").contains { $0.hasPrefix("total") && $0.contains(" \(completes) ") })
        let bad = try await ChildProcess.run([cati, "monitor", file, "--data", data, "--json", "--until", "tomorrow"],
                                             directory: folder.path)
        #expect(bad.status == 1 && bad.stderr.contains("--until 'tomorrow' is not a date YYYY-MM-DD"), "\(bad.stderr)")
    }

    @Test func aFullCellStandsOutInColourAndWithNoColorInReverse() async throws {
        let folder = try ScratchFolder("monitor-colour")
        try folder.write("mon.cati", Self.questionnaire)
        let file = folder.path("mon.cati"), data = folder.path("data")
        let cati = try CatiExecutable.path()
        let sim = try await ChildProcess.run([cati, "simulate", file, "--data", data, "-n", "60", "--seed", "4"],
                                             directory: folder.path)
        #expect(sim.status == 0)
        for noColor in [false, true] {
            let monitor = try TmuxSession(width: 110, height: 32, command: [cati, "monitor", file, "--data", data],
                                          environment: noColor ? ["NO_COLOR": "1"] : [:])
            let screen = try await monitor.waitUntil("the full cell", escapes: true) { $0.contains("FULL") }
            let row = try #require(screen.split(separator: "\n").first { $0.contains("FULL") })
            let mark = String(row[row.range(of: "FULL")!.lowerBound...])
            let before = String(row[..<row.range(of: "FULL")!.lowerBound])
            if noColor {
                #expect(!row.contains("41m"), "no colour with NO_COLOR: \(row.debugDescription)")
                #expect(before.contains("\u{1B}[7m") || before.contains(";7m"), "reverse: \(row.debugDescription)")
            } else {
                #expect(before.contains("41m"), "white on red: \(row.debugDescription)")
            }
            #expect(mark.hasPrefix("FULL"))
            try monitor.sendKeys("q")
            #expect(try await monitor.waitForExit() == 0)
        }
    }
}

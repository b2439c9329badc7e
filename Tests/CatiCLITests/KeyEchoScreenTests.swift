import CatiTestSupport
import Foundation
import Testing

/// End to end: the terminal layer as the real binary uses it, through `cati key-echo`
/// in a private tmux server.
@Suite(.serialized)
struct KeyEchoScreenTests {
    /// Starts `cati key-echo` writing its log and pid in the session's folder, and waits
    /// for its first screen. `prefix` is shell text run before it (`trap '' HUP;`).
    private func start(
        width: Int = 100, height: Int = 30, prefix: String = "", after: String = "",
        environment: [String: String] = [:]
    ) async throws -> TmuxSession {
        let cati = TmuxSession.quote(try CatiExecutable.path())
        let script = "\(prefix) \(cati) key-echo --log key-echo.log --pid-file key-echo.pid\(after)"
        let session = try TmuxSession(width: width, height: height, script: script, environment: environment)
        try await session.waitFor("size: \(width)x\(height)")
        return session
    }

    /// The decoded-key lines of the screen (between the blank line and the key line).
    private func keyLines(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array(lines.dropFirst(3).prefix { !$0.isEmpty })
    }

    private func pid(_ session: TmuxSession) throws -> pid_t {
        let text = session.file("key-echo.pid").trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(pid_t(text), "no pid in key-echo.pid: \(text.debugDescription)")
    }

    /// Waits until the process no longer runs (gone, or a zombie nobody reaped yet).
    private func waitUntilGone(_ pid: pid_t, timeout: Duration = .seconds(20)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {  // looks once more after the deadline: a starved test wakes up late
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let state = stat.split(separator: ")").last?.split(separator: " ").first
            if stat.isEmpty || state == "Z" { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func functionKeysAndTheirControlAlternativesDecode() async throws {
        let session = try await start()
        try session.sendKeys("F2", "C-b", "F3", "C-d", "F4", "C-r", "F10", "C-x")
        let screen = try await session.waitFor("ctrl(x)")
        #expect(keyLines(screen) == [
            "function(2)", "ctrl(b)", "function(3)", "ctrl(d)",
            "function(4)", "ctrl(r)", "function(10)", "ctrl(x)",
        ])
        try session.sendKeys("F5", "C-n", "F9", "C-p", "Enter", "BSpace", "C-c", "Up")
        let next = try await session.waitFor("up\n")
        #expect(keyLines(next) == [
            "function(10)", "ctrl(x)", "function(5)", "ctrl(n)", "function(9)",
            "ctrl(p)", "enter", "backspace", "ctrl(c)", "up",
        ])
    }

    @Test func accentedLettersShowAsTyped() async throws {
        let session = try await start()
        try session.type("àèìòù€")
        let screen = try await session.waitFor("char(€)")
        #expect(keyLines(screen) == ["char(à)", "char(è)", "char(ì)", "char(ò)", "char(ù)", "char(€)"])
    }

    @Test func aBurstOfKeysArrivesWhole() async throws {
        let session = try await start()
        try session.type("abcdefghijklmnoprstuvwxyz0123456789")  // no q: it quits
        let screen = try await session.waitFor("char(9)")
        #expect(keyLines(screen) == "0123456789".map { "char(\($0))" })
    }

    @Test func resizeRedrawsAtTheNewSize() async throws {
        let session = try await start()
        try session.resize(width: 80, height: 24)
        let screen = try await session.waitFor("size: 80x24")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(24).last == "q quits", "the key line is on row 24:\n\(screen)")
        #expect(!screen.contains("100x30"))
    }

    @Test func qQuitsWithStatusZeroAndRestoresTheTerminal() async throws {
        let session = try await start(prefix: "stty -g > stty.before;", after: "; rc=$?; stty -g > stty.after; exit $rc")
        try session.sendKeys("x", "q")
        #expect(try await session.waitForExit() == 0)
        let screen = try await session.waitUntil("bye is printed", history: true) { $0.contains("bye") }
        #expect(!screen.contains("q quits"), "the key-echo screen is gone:\n\(screen)")
        #expect(!session.file("stty.before").isEmpty)
        #expect(session.file("stty.after") == session.file("stty.before"))
        #expect(session.file("key-echo.log") == "quit\n")
        #expect(session.stderrLog.isEmpty)
    }

    @Test(arguments: [(SIGHUP, "signal 1"), (SIGTERM, "signal 15"), (SIGINT, "signal 2")])
    func aSignalRunsTheCleanupPath(signal: Int32, logLine: String) async throws {
        let session = try await start(prefix: "stty -g > stty.before;", after: "; rc=$?; stty -g > stty.after; exit $rc")
        #expect(kill(try pid(session), signal) == 0)
        #expect(try await session.waitForExit() == 128 + signal)
        #expect(session.file("key-echo.log") == logLine + "\n")
        #expect(session.file("stty.after") == session.file("stty.before"), "terminal modes restored")
    }

    @Test func killingThePaneEndsTheProgram() async throws {
        let session = try await start()
        let process = try pid(session)
        try session.killPane()
        #expect(try await waitUntilGone(process), "key-echo still runs after its terminal went away")
        #expect(["signal 1\n", "hangup\n"].contains(session.file("key-echo.log")))
    }

    /// With SIGHUP ignored (nohup), only the terminal's hang-up tells the program: the
    /// poll after a failed read must see it, or the program would spin for ever.
    @Test func aHangUpWithoutSignalEndsTheProgram() async throws {
        let session = try await start(prefix: "trap '' HUP;")
        let process = try pid(session)
        try session.killPane()
        #expect(try await waitUntilGone(process), "key-echo still runs after its terminal went away")
        #expect(session.file("key-echo.log") == "hangup\n")
    }

    @Test func colorsUnlessNoColor() async throws {
        let colored = try await start()
        let title = try colored.screen(escapes: true).split(separator: "\n").first ?? ""
        #expect(title.contains("44m") || title.contains(";44"), "title on blue: \(title.debugDescription)")
        let plain = try await start(environment: ["NO_COLOR": "1"])
        let monoTitle = try plain.screen(escapes: true).split(separator: "\n").first ?? ""
        #expect(monoTitle.contains("7m") || monoTitle.contains(";7"), "title reversed: \(monoTitle.debugDescription)")
        #expect(!monoTitle.contains("44"), "no colour: \(monoTitle.debugDescription)")
    }

    @Test func anUnknownTermFailsWithAClearMessage() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CatiExecutable.path())
        process.arguments = ["key-echo"]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "no-such-terminal"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("TERM=no-such-terminal"), "stderr: \(message)")
    }
}

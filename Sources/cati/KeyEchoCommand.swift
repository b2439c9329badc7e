import ArgumentParser
import CatiTUI
import Foundation

/// `cati key-echo` (hidden): shows the last keys as the terminal layer decodes them,
/// and the terminal's size. A debugging aid for terminals and key bindings, and the
/// program the end-to-end tests of the terminal layer drive. `q` quits.
struct KeyEchoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key-echo",
        abstract: "Show decoded keys and the terminal size (debugging aid; q quits).",
        shouldDisplay: false
    )

    @Option(help: "Append a line to this file when the program ends: quit, hangup or signal N.")
    var log: String?

    @Option(name: .customLong("pid-file"), help: "Write the process id to this file once the screen is up.")
    var pidFile: String?

    func run() throws {
        try MainActor.assumeIsolated {
            try KeyEcho(logPath: log, pidPath: pidFile).run()
        }
    }
}

@MainActor
private struct KeyEcho {
    let logPath: String?
    let pidPath: String?
    static let shown = 10

    func run() throws {
        let terminal = Terminal(environment: ProcessInfo.processInfo.environment)
        try terminal.start()
        if let pidPath {
            try? "\(ProcessInfo.processInfo.processIdentifier)\n".write(toFile: pidPath, atomically: true, encoding: .utf8)
        }
        var keys: [Key] = []
        while true {
            terminal.draw(KeyEcho.frame(keys: keys, size: terminal.size))
            do {
                guard let key = try terminal.readKey(timeoutMilliseconds: 1000) else { continue }
                if key == .char("q") {
                    terminal.stop()
                    log("quit")
                    print("bye")
                    return
                }
                keys = Array((keys + [key]).suffix(KeyEcho.shown))
            } catch .signal(let number) {
                log("signal \(number)")
                terminal.stop()
                throw ExitCode(128 + number)
            } catch {
                log(error == .hangUp ? "hangup" : "error: \(error)")
                terminal.stop()
                throw ExitCode.failure
            }
        }
    }

    /// The screen, as a value.
    static func frame(keys: [Key], size: Size) -> Frame {
        var rows: [Row] = [
            Row("key-echo", style: .title).padded(to: size.width, style: .title),
            Row("size: \(size)"),
            Row.empty,
        ]
        rows += keys.map { Row($0.description) }
        var frame = Frame(size: size, rows: rows)
        frame[size.height - 1] = Row("q quits", style: .dim)
        return frame
    }

    func log(_ line: String) {
        guard let logPath else { return }
        let data = Data((line + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: logPath) {
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: data)
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: logPath, contents: data)
        }
    }
}

import CatiTestSupport
import Foundation
import Testing

/// Drives `cati interview --screen-reader` (or `cati monitor --screen-reader`) in tmux
/// and checks, after every key, what a screen reader and a braille display rely on:
/// the hardware cursor on the focus. Every byte the program writes goes to out.bytes
/// (tmux pipe-pane, attached before the program starts), for the idle, clear-screen
/// and glyph checks. Keys are counted: the screen's key trace (CATI_KEY_TRACE) says
/// when the frame after key N is drawn, so nothing is checked on a half-drawn screen.
final class ScreenReaderRun {
    let screen: InterviewScreen
    var session: TmuxSession { screen.session }
    private(set) var keys = 0
    /// After each key: the key, the cursor, the row under it (for docs/accessibility.md).
    private(set) var transcript: [String] = []

    struct Snapshot {
        let lines: [String]
        let x: Int
        let y: Int
        var row: String { lines.indices.contains(y) ? lines[y] : "" }
    }

    /// Runs `command` (cati and its arguments) once out.bytes is being written.
    init(command: [String], data: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        let script = "while [ ! -e go ]; do sleep 0.05; done; \(TmuxSession.quote(command))"
        screen = try InterviewScreen(script: script, data: data, width: width, height: height,
                                     environment: environment.merging(["CATI_KEY_TRACE": "keys.trace"]) { a, _ in a })
        try session.pipeOutput(to: session.path("out.bytes"))
        FileManager.default.createFile(atPath: session.path("go"), contents: nil)
    }

    /// `cati interview FILE --data DATA --interviewer maria --screen-reader ARGS…`.
    convenience init(interview file: String, data: String, arguments: [String] = [], width: Int = 80, height: Int = 24,
                     environment: [String: String] = [:]) throws {
        let cati = try CatiExecutable.path()
        try self.init(command: [cati, "interview", file, "--data", data, "--interviewer", "maria", "--screen-reader"]
                      + arguments, data: data, width: width, height: height, environment: environment)
    }

    // MARK: Keys

    /// Waits for the first frame (key 0).
    @discardableResult
    func started() async throws -> Snapshot {
        try await settled(afterKey: 0)
    }

    /// Sends one key by tmux name and returns the screen drawn after it; the cursor must
    /// be on the focus unless `focus` is false.
    @discardableResult
    func press(_ name: String, focus: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Snapshot {
        try session.sendKeys(name)
        return try await after(name, focus: focus, sourceLocation: sourceLocation)
    }

    /// Types `text` one character at a time, the focus checked after each.
    @discardableResult
    func type(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Snapshot {
        var last: Snapshot?
        for c in text {
            try session.type(String(c))
            last = try await after(String(c), focus: true, sourceLocation: sourceLocation)
        }
        return try #require(last)
    }

    /// Types `text` (may be empty) and Enter.
    @discardableResult
    func answer(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Snapshot {
        if !text.isEmpty { try await type(text, sourceLocation: sourceLocation) }
        return try await press("Enter", sourceLocation: sourceLocation)
    }

    /// Resizes the window (a key: KEY_RESIZE) and checks the focus after it.
    @discardableResult
    func resize(width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Snapshot {
        try session.resize(width: width, height: height)
        return try await after("resize \(width)x\(height)", focus: true, sourceLocation: sourceLocation)
    }

    private func after(_ name: String, focus: Bool, sourceLocation: SourceLocation) async throws -> Snapshot {
        keys += 1
        let shot = try await settled(afterKey: keys)
        transcript.append("\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) cursor \(shot.x),\(shot.y): \(shot.row)")
        if focus, let problem = Self.focusProblem(shot) {
            Issue.record("after key \(keys) (\(name)): \(problem)\n\(Self.marked(shot))", sourceLocation: sourceLocation)
        }
        return shot
    }

    /// The screen and cursor once the frame after key `n` is drawn and has stopped
    /// changing (the same twice, 40 ms apart).
    func settled(afterKey n: Int, timeout: Duration = .seconds(180)) async throws -> Snapshot {
        let deadline = ContinuousClock.now + timeout
        let line = "drawn after key \(n)\n"
        while !session.file("keys.trace").contains(line) {
            if ContinuousClock.now >= deadline {
                throw TmuxSession.Failure.timeout("no frame drawn after key \(n); screen:\n\((try? session.screen()) ?? "")\n\(session.stderrLog)")
            }
            try await Task.sleep(for: .milliseconds(15))
        }
        var last = try snapshot()
        while true {
            try await Task.sleep(for: .milliseconds(40))
            let again = try snapshot()
            if again.lines == last.lines && again.x == last.x && again.y == last.y { return again }
            if ContinuousClock.now >= deadline { return again }
            last = again
        }
    }

    func snapshot() throws -> Snapshot {
        let text = try session.screen()
        let (x, y) = try session.cursor()
        return Snapshot(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), x: x, y: y)
    }

    // MARK: Checks

    /// The words that mark a focus besides `>`: a message that needs an answer.
    static let stateWords = ["Attenzione:", "Warning:", "Errore:", "Error:", "Nota:", "Note:"]

    /// Why the cursor is not on a focus, or nil: the 40 cells a braille display shows
    /// around the cursor (the 40-column segment of its row that holds it) must hold the
    /// focus mark (`>` or a state word) followed by the start of a label (a letter or
    /// digit); a `>` row of a list has the cursor on the `>` itself or in its cell.
    static func focusProblem(_ shot: Snapshot) -> String? {
        let cells = Array(shot.row)
        let start = (shot.x / 40) * 40
        guard start < max(cells.count, 1) || shot.x == 0 else { return "cursor \(shot.x),\(shot.y) is past the end of its row" }
        let window = String(cells[min(start, cells.count)..<min(cells.count, start + 40)])
        var markEnd: String.Index?
        if let r = window.range(of: ">") { markEnd = r.upperBound }
        for word in stateWords { if let r = window.range(of: word) { markEnd = markEnd.map { min($0, r.upperBound) } ?? r.upperBound } }
        guard let markEnd else { return "no focus mark ('>' or a state word) in the 40 cells \(window.debugDescription)" }
        guard window[markEnd...].contains(where: { $0.isLetter || $0.isNumber }) else {
            return "no label after the focus mark in \(window.debugDescription)"
        }
        return nil
    }

    /// The screen with the cursor's row and a caret under the cursor's cell.
    static func marked(_ shot: Snapshot) -> String {
        var out: [String] = []
        for (k, line) in shot.lines.enumerated() {
            out.append(line)
            if k == shot.y { out.append(String(repeating: " ", count: shot.x) + "^ cursor \(shot.x),\(shot.y)") }
        }
        return out.joined(separator: "\n")
    }

    /// Everything the program wrote so far.
    var output: [UInt8] { Array((try? Data(contentsOf: URL(fileURLWithPath: session.path("out.bytes")))) ?? Data()) }

    /// Waits until out.bytes has not grown for 500 ms; returns its size.
    func outputSettled() async throws -> Int {
        var size = output.count
        var stableSince = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now - stableSince < .milliseconds(500) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            let now = output.count
            if now != size { size = now; stableSince = ContinuousClock.now }
        }
        return size
    }

    /// The bytes written during `seconds` of idling (no key), watched every 100 ms: it
    /// returns as soon as one byte arrives.
    func bytesWrittenWhileIdle(seconds: Int) async throws -> Int {
        let before = try await outputSettled()
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let grown = output.count - before
            if grown > 0 { return grown }
            try await Task.sleep(for: .milliseconds(100))
        }
        return output.count - before
    }

    /// Presses `name` and returns the rows that changed on screen and the bytes written.
    func pressMeasured(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> (changedRows: [Int], bytes: [UInt8], shot: Snapshot)
    {
        let start = try await outputSettled()
        let before = try snapshot()
        let shot = try await press(name, sourceLocation: sourceLocation)
        let end = try await outputSettled()
        let bytes = Array(output[start..<max(start, end)])
        let height = max(before.lines.count, shot.lines.count)
        let changed = (0..<height).filter { k in
            (before.lines.indices.contains(k) ? before.lines[k] : "") != (shot.lines.indices.contains(k) ? shot.lines[k] : "")
        }
        return (changed, bytes, shot)
    }

    /// The erase sequences that clear the screen or a part of it bigger than a line:
    /// ED (ESC [ J, 0 J, 1 J, 2 J, 3 J) and RIS (ESC c).
    static func clearsScreen(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        return ["\u{1b}[J", "\u{1b}[0J", "\u{1b}[1J", "\u{1b}[2J", "\u{1b}[3J", "\u{1b}c"].contains { text.contains($0) }
    }

    /// Box drawing, block elements, geometric shapes, arrows, miscellaneous symbols.
    static func glyphs(in bytes: [UInt8]) -> [Character] {
        String(decoding: bytes, as: UTF8.self).filter { c in
            c.unicodeScalars.contains { s in
                (0x2190...0x21FF).contains(s.value) || (0x2500...0x25FF).contains(s.value) || (0x2600...0x26FF).contains(s.value)
            }
        }.map { $0 }
    }

    /// True when a colour is set anywhere in `bytes` (an SGR with 30–49 or 90–107).
    static func setsColour(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        for match in text.matches(of: /\x1b\[([0-9;]*)m/) {
            let params = match.1.split(separator: ";").compactMap { Int($0) }
            if params.contains(where: { (30...49).contains($0) || (90...107).contains($0) }) { return true }
        }
        return false
    }
}

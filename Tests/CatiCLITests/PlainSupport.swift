import CatiTestSupport
import Foundation
import Testing

/// The line mode (`cati interview --plain`) driven in a real pseudo-terminal by
/// Tests/Fixtures/terminal/plain_driver.py (Python pexpect): steps in, the exit status
/// and every byte the terminal showed out.
enum PlainStep {
    case expect(String)
    case send(String)
    case capture(String, String)
    /// Answers `count` grid items, each by the item the line mode names.
    case grid([String: String], count: Int)
    case kill(Int32)
    /// Makes or removes a file (the flag of CATI_FAULTS_WHILE).
    case touch(String)
    case remove(String)
    /// Runs a bash command and waits for it (stops or starts a database server).
    case shell(String)
    /// Ctrl-D on an empty line: the end of the input.
    case sendEOF
    case eof

    var json: [String: Any] {
        switch self {
        case .expect(let re): ["expect": re]
        case .send(let text): ["send": text]
        case .capture(let name, let re): ["capture": name, "expect": re]
        case .grid(let values, let count): ["grid": values, "count": count, "item": #"(?:voce|item) \d+ (?:di|of) \d+, (\w+):"#]
        case .kill(let signal): ["kill": Int(signal)]
        case .touch(let path): ["touch": path]
        case .remove(let path): ["remove": path]
        case .shell(let command): ["shell": command]
        case .sendEOF: ["sendeof": true]
        case .eof: ["eof": true]
        }
    }

    /// The prompt of a question (`Risposta (1–10, ? per l'aiuto): `, `Answer (…): `).
    static let answerPrompt = #"(?:Risposta|Answer) \([^)]*\): "#

    /// Waits for question `name` to be presented, then for its prompt, and types `answer`.
    static func ask(_ name: String, _ answer: String) -> [PlainStep] {
        [.expect(#"(?:D|Q)\d+/\d+ "# + name + ": "), .expect(answerPrompt), .send(answer)]
    }

    /// An info step: presented, then Enter.
    static func info(_ name: String) -> [PlainStep] {
        [.expect(#"(?:D|Q)\d+/\d+ "# + name + ": "), .expect(#"(?:Invio per continuare|Enter to continue) \([^)]*\): "#),
         .send("")]
    }

    static let nextPrompt = #"(?:Prossima intervista \(Invio inizia|Next interview \(Enter starts), [^)]*\): "#
}

struct PlainRun {
    let status: Int?
    let signal: Int?
    let captured: [String: String]
    /// Grid items in the order the line mode asked them.
    let grid: [String]
    /// Every byte the terminal showed.
    let transcript: [UInt8]
    var text: String { String(decoding: transcript, as: UTF8.self) }
}

enum PlainDriver {
    static let script = InterviewFiles.root + "/Tests/Fixtures/terminal/plain_driver.py"

    /// Runs `cati interview ARGUMENTS` (with `--plain` unless `plain` is false) in a pty.
    static func run(_ arguments: [String], steps: [PlainStep], folder: ScratchFolder, name: String,
                    plain: Bool = true, environment: [String: String] = [:]) async throws -> PlainRun {
        let argv = [try CatiExecutable.path(), "interview"] + arguments + (plain ? ["--plain"] : [])
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
                   "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        env.merge(environment) { $1 }
        let scenario: [String: Any] = ["argv": argv, "env": env, "cwd": folder.path, "steps": steps.map(\.json)]
        let scenarioPath = folder.path("\(name).json"), transcriptPath = folder.path("\(name).transcript")
        try JSONSerialization.data(withJSONObject: scenario).write(to: URL(fileURLWithPath: scenarioPath))
        let run = try await ChildProcess.run(["python3", script, scenarioPath, transcriptPath], directory: folder.path,
                                             timeout: .seconds(240))
        let transcript = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: transcriptPath))) ?? Data())
        let line = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let result = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        if run.status != 0 || result["failed"] != nil {
            Issue.record("the pexpect driver failed: \(run.stdout)\(run.stderr)")
            throw ChildProcess.Failure.failed("plain driver: \(line)")
        }
        return PlainRun(status: result["status"] as? Int, signal: result["signal"] as? Int,
                        captured: result["captured"] as? [String: String] ?? [:], grid: result["grid"] as? [String] ?? [],
                        transcript: transcript)
    }
}

/// What the line mode may write: letters, digits, punctuation, spaces and line breaks;
/// never an escape byte, a box-drawing or block glyph, or any other pictograph.
enum TranscriptCharacters {
    /// The characters of `bytes` that are outside that class (empty when it is clean).
    static func offending(_ bytes: [UInt8]) -> [String] {
        var bad: [String] = []
        if bytes.contains(0x1B) { bad.append("ESC") }
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            if scalar == "\r" || scalar == "\n" { continue }
            let category = scalar.properties.generalCategory
            let isBox = (0x2500...0x259F).contains(v)  // Box Drawing, Block Elements
                || (0x2190...0x21FF).contains(v)  // Arrows (the screen's ↑ ↓)
            let isControl = category == .control || category == .format
            let isPicture = category == .otherSymbol  // ☎, arrows, geometric shapes, U+FFFD
            if isBox || isControl || isPicture || v == 0xFFFD {
                bad.append(String(format: "U+%04X", v))
            }
        }
        return bad
    }
}

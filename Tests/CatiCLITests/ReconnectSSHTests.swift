import CatiTestSupport
import Foundation
import Testing

/// End to end over a real sshd (issue 22): an interviewer's connection drops in the
/// middle of cc_parma's `aspetti` grid, and the interview is taken back at once. The
/// interviewer's `ssh -tt` runs in tmux; the server is a throwaway sshd on a loopback
/// port (Support/SSHServer.swift).
@Suite(.serialized, .enabled(if: SSHServer.available, "needs root and openssh-server (.ci/setup installs it)"))
struct ReconnectSSHTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")
    static let sample = InterviewFiles.questionnaire("cc_parma-sample.csv")
    static let values = InterviewResumeTests.values

    /// `cati interview` on `data` in a new ssh session of `user`, in tmux.
    static func overSSH(_ server: SSHServer, _ data: String, user: String = "root", arguments: [String] = [],
                        width: Int = 80) throws -> InterviewScreen {
        // Root runs them where they are; another login, copies it can read (a checkout
        // cloned into a `mktemp -d` folder is private to root: mode 0700).
        let (cati, file, sample) = user == "root" ? (try CatiExecutable.path(), Self.file, Self.sample) : try Self.shared()
        let remote = TmuxSession.quote([cati, "interview", file, "--data", data, "--sample", sample,
                                        "--interviewer", "maria"] + arguments)
        let script = TmuxSession.quote(server.command(user: user, "LANG=C.UTF-8 LC_ALL=C.UTF-8 " + remote))
        return try InterviewScreen(script: script, data: data, width: width)
    }

    /// The binary and the questionnaires folder copied once per test run to a folder every
    /// login can read and run (0755), by `cp` processes (SharedHost says why).
    static func shared() throws -> (cati: String, file: String, sample: String) { try sharedCopy.get() }

    private static let sharedCopy = Result { try makeShared() }

    private static func makeShared() throws -> (cati: String, file: String, sample: String) {
        let folder = "/tmp/cati-ssh-shared-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try SharedHost.shell(["mkdir", "-m", "0755", folder])
        _ = try SharedHost.shell(["cp", try CatiExecutable.path(), folder + "/cati"])
        _ = try SharedHost.shell(["cp", "-r", InterviewFiles.root + "/questionnaires", folder + "/questionnaires"])
        _ = try SharedHost.shell(["chmod", "-R", "a+rX", folder])
        let name = { (path: String) in folder + "/questionnaires/" + URL(fileURLWithPath: path).lastPathComponent }
        return (folder + "/cati", name(file), name(sample))
    }

    static var host: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        return String(cString: buffer)
    }

    /// The id of the one interview in progress.
    static func interviewID(_ s: InterviewScreen) throws -> String {
        try #require(s.journals.first.map { String($0.dropLast(".jsonl".count)) })
    }

    @Test func aKilledClientsProcessLeavesAndResumeContinuesWithEveryAnswer() async throws {
        let server = try SSHServer()
        defer { server.stop() }
        let folder = try ScratchFolder("ssh-kill")
        let data = folder.path("data")
        let first = try Self.overSSH(server, data)
        let asked = try await InterviewResumeTests.answerUpToTheGrid(first)
        _ = try await first.catiPID()
        let clients = server.clientPIDs()
        #expect(clients.count == 1)
        for pid in clients { kill(pid, SIGKILL) }
        #expect(try await first.waitUntilNoCati(timeout: .seconds(10)), "sshd hangs up: the remote cati leaves")
        let id = try Self.interviewID(first)
        #expect(try first.records().isEmpty)
        first.session.kill()

        let second = try Self.overSSH(server, data, arguments: ["--resume", "R0001"])
        try await InterviewResumeTests.checkResumed(second, asked: asked, id: id)
    }

    @Test func aFrozenClientsInterviewIsTakenOverByTheSameLoginWithin5Seconds() async throws {
        let server = try SSHServer()
        defer { server.stop() }
        let folder = try ScratchFolder("ssh-freeze")
        let data = folder.path("data")
        let first = try Self.overSSH(server, data)
        let asked = try await InterviewResumeTests.answerUpToTheGrid(first)
        let old = try await first.catiPID()
        let frozen = server.clientPIDs()
        #expect(frozen.count == 1)
        for pid in frozen { kill(pid, SIGSTOP) }  // Wi-Fi gone: no close, no hang-up
        defer { for pid in frozen { kill(pid, SIGKILL) } }
        let id = try Self.interviewID(first)

        let started = ContinuousClock.now
        let second = try Self.overSSH(server, data, arguments: ["--resume", "R0001"], width: 200)
        let screen = try await second.waitForMessage("Ripresa in ", timeout: .seconds(180))
        let took = ContinuousClock.now - started
        #expect(took < .seconds(5), "taken over in \(took)")
        let message = InterviewScreen.lines(screen, height: 24).message
        #expect(message.contains("dal login root su \(Self.host), pid \(old) (dalle "), "\(message)")
        #expect(message.contains("ultimo tasto"), "\(message)")
        #expect(message.contains("ha lasciato"), "SIGHUP was enough: \(message)")
        let now = try await second.catiPID()
        #expect(now != old, "the old process is gone, the new one holds it")

        // Every grid item before and after; then a break-off with its reason.
        let rest = Self.values.filter { !asked.contains($0.key) }
        let after = try await second.answerGrid("aspetti", rest)
        #expect(Set(after + asked) == Set(Self.values.keys))
        try await second.session.waitUntil("the grid is answered") { InterviewScreen.currentItem($0) == nil }
        try second.session.sendKeys("F10", "2")
        try await second.waitFor("Motivo")
        try second.answer("connessione caduta")
        try await second.waitFor("Salvata: \(id) (break-off)")
        let record = try #require(try await second.waitForRecords(1).first)
        #expect(record.string("id") == id)
        let answers = try #require(record["answers"] as? [String: Any])
        #expect(json(answers["consenso"]) == "1")
        #expect(json(answers["eta"]) == "2")
        #expect(json(answers["canali"]) == "[1,2]")
        #expect(json(answers["chiamate"]) == "5")
        for (item, value) in Self.values { #expect(json(answers[item]) == value, "answers.\(item)") }
        try second.session.sendKeys("q")
        #expect(try await second.waitForExit() == 0)
    }

    @Test func anotherLoginsTakeoverIsRefusedAndASupervisorReleasesIt() async throws {
        let server = try SSHServer()
        defer { server.stop() }
        let login = try TestLogin("catitest")
        defer { login.remove() }
        let folder = try ScratchFolder("ssh-other")
        let data = folder.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try SSHServer.run(["chown", "catitest", data])  // catitest's data folder
        let first = try Self.overSSH(server, data, user: "catitest")
        let asked = try await InterviewResumeTests.answerUpToTheGrid(first)
        let old = try await first.catiPID()
        let frozen = server.clientPIDs()
        for pid in frozen { kill(pid, SIGSTOP) }
        defer { for pid in frozen { kill(pid, SIGKILL) } }
        let id = try Self.interviewID(first)

        // Root, another login: the resume list names the holder; taking it is refused.
        let other = try Self.overSSH(server, data, width: 200)
        let list = try await other.waitFor("tenuta dal login catitest su \(Self.host), pid \(old)")
        #expect(list.contains("  1  R0001 Maria Rossi  tenuta dal login catitest"), "\(list)")
        try other.session.sendKeys("1", "Enter")
        var screen = try await other.session.waitUntil("the refusal is shown") {
            $0.contains("impossibile riprendere \(id): \(id) è tenuta dal login catitest sull'host \(Self.host) (pid \(old))")
        }
        #expect(screen.contains("solo catitest su \(Self.host) può riprenderla"), "\(screen)")
        #expect(first.catiPIDs().contains(old), "the holder was left alone")
        try other.session.sendKeys("q")
        #expect(try await other.waitForExit() == 0)
        let third = try Self.overSSH(server, data, arguments: ["--resume", "R0001"], width: 200)
        screen = try await third.waitFor("impossibile riprendere R0001: \(id) è tenuta dal login catitest")
        try third.session.sendKeys("q")
        #expect(try await third.waitForExit() == 0)
        #expect(first.catiPIDs().contains(old))

        // The supervisor (root) frees it: the old process leaves, nothing is lost.
        let output = try SSHServer.run([try CatiExecutable.path(), "release", Self.file, "R0001", "--data", data])
        #expect(output.contains("released R0001 (interview \(id)): it was held by login catitest (interviewer maria) on host \(Self.host), pid \(old)"), "\(output)")
        #expect(try await first.waitUntilNoCati(timeout: .seconds(10)))
        let again = try SSHServer.run([try CatiExecutable.path(), "release", Self.file, id, "--data", data])
        #expect(again.contains("was not held by any process"), "\(again)")
        let fourth = try Self.overSSH(server, data, arguments: ["--resume", "R0001"])
        try await InterviewResumeTests.checkResumed(fourth, asked: asked, id: id)
    }
}

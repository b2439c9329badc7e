import CatiTestSupport
import Foundation
import Testing

/// Issue 17 item 3: a lost connection during an interview on PostgreSQL. The real
/// `cati interview questionnaires/cc_parma.cati --store postgres://…` in tmux, on a
/// cluster of the test's own, stopped (`pg_ctl stop -m immediate`) while an answer is
/// typed: the screen says the answer is not saved, keeps it in the field and stays on
/// the question; once the server is back, Enter commits it once and the interview goes
/// on to one record with every answer.
@Suite(.serialized, .enabled(if: PostgresTestServer.enabled, "CATI_TEST_PG=0"))
struct PostgresLostConnectionScreenTests {
    static let file = InterviewFiles.questionnaire("cc_parma.cati")

    /// A cluster that this test stops and starts again on the same port.
    struct OwnCluster {
        let cluster: PostgresTestServer.Cluster
        let folder: String
        private(set) var url: String

        init(_ label: String) throws {
            folder = "/tmp/cati-test-pg-\(label)-\(getuid())"
            cluster = try PostgresTestServer.start(folder: folder)
            url = cluster.url
        }

        var port: String {
            get throws { try String(contentsOfFile: folder + "/port", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
        }

        /// `pg_ctl stop -m immediate`, as bash runs it: the server gone as in a crash.
        var stopCommand: String { cluster.ctl + " stop -m immediate -w -t 60 >/dev/null 2>&1 </dev/null" }

        /// `pg_ctl start` with the options .ci/pg-start gave it (plain `pg_ctl start`
        /// does not remember them), logging to the cluster's log, never to our pipes.
        var startCommand: String {
            get throws {
                cluster.ctl + " start -w -t 60 -l \(folder)/log -o '-p \(try port) -k \(folder) "
                    + "-c listen_addresses=127.0.0.1 -c max_connections=200' >/dev/null 2>&1 </dev/null"
            }
        }

        func stopAsACrashWould() throws { try PostgresTestServer.run("/bin/bash", ["-c", stopCommand]) }
        func startAgain() throws { try PostgresTestServer.run("/bin/bash", ["-c", try startCommand]) }

        /// A new database of this cluster (a rerun on a cluster left running starts clean).
        mutating func database(_ name: String) throws -> String {
            _ = try psql("CREATE DATABASE \(name)")
            url = cluster.url(database: name)
            return url
        }

        /// SQL on the test's database, rows as psql -At prints them.
        func psql(_ sql: String) throws -> String {
            try PostgresTestServer.run("/usr/bin/psql", ["-X", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The screen's key trace: how many keys it has read and drawn a screen after.
    static func keysProcessed(_ trace: String) -> Int {
        let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.max() ?? 0
    }

    @Test func anAnswerTypedWhileTheServerIsDownIsShownNotSavedKeptAndCommittedOnceWhenItIsBack() async throws {
        var pg = try OwnCluster("lost")
        defer { PostgresTestServer.stop(pg.cluster) }
        let survey = "cc_parma"
        let url = try pg.database("cati_lost_\(UInt32.random(in: 0...UInt32.max))")
        let scratch = try ScratchFolder("pglost-screen")
        let trace = scratch.path("keys.trace")
        let cati = try CatiExecutable.path()
        let command = [cati, "interview", Self.file, "--store", url, "--interviewer", "maria"]
        let s = try InterviewScreen(script: TmuxSession.quote(command), data: scratch.path("unused"),
                                    environment: ["CATI_KEY_TRACE": trace])
        defer { s.session.kill() }

        try await s.waitFor("Intervista senza campione")
        try s.session.sendKeys("Enter")
        try await s.waitForQuestion("intro")
        try s.answer("")
        try await s.waitForQuestion("consenso")
        try s.answer("1")
        try await s.waitForQuestion("tipo")
        try s.answer("1")
        try await s.waitForQuestion("eta")
        try s.answer("2")
        try await s.waitForQuestion("motivo")
        try s.answer("1")
        try await s.waitForQuestion("canali")
        try s.answer("1,2")
        try await s.waitForQuestion("chiamate")
        let id = try pg.psql("SELECT id FROM cati_in_progress WHERE survey = '\(survey)'")
        #expect(!id.isEmpty && !id.contains("\n"), "one interview in progress: \(id)")
        let actions = "SELECT count(*) FROM cati_events WHERE survey = '\(survey)' AND interview = '\(id)' AND action"
        let before = try #require(Int(try pg.psql(actions)), "the answers so far are committed")
        #expect(before == 6, "intro, consenso, tipo, eta, motivo, canali committed: \(before)")

        // The server goes down; an answer is typed and Enter pressed.
        try pg.stopAsACrashWould()
        try s.session.type("5")
        try s.session.sendKeys("Enter")
        var screen = try await s.waitForMessage("NON SALVATO")
        #expect(s.message(of: screen).contains("NON SALVATO: database non raggiungibile"),
                "the message line says why, in words:\n\(screen)")
        #expect(InterviewScreen.currentQuestion(screen) == "chiamate", "still on the question:\n\(screen)")
        #expect(s.field(of: screen).trimmingCharacters(in: .whitespaces).hasSuffix(": 5"),
                "the field keeps the typed answer:\n\(screen)")

        // Still down: Enter again fails again, and nothing moves.
        let keys = Self.keysProcessed(trace)
        try s.session.sendKeys("Enter")
        screen = try await s.session.waitUntil("the second Enter is processed") { _ in Self.keysProcessed(trace) > keys }
        #expect(InterviewScreen.currentQuestion(screen) == "chiamate", "\(screen)")
        #expect(s.message(of: screen).contains("NON SALVATO"), "\(screen)")
        #expect(s.field(of: screen).trimmingCharacters(in: .whitespaces).hasSuffix(": 5"), "\(screen)")

        // The server is back: the same Enter commits the answer, once, and the interview goes on.
        try pg.startAgain()
        try s.session.sendKeys("Enter")
        screen = try await s.waitForQuestion("aspetti")
        #expect(!s.message(of: screen).contains("NON SALVATO"), "the error is gone once it worked:\n\(screen)")
        #expect(try Int(try pg.psql(actions)) == before + 1, "the answer typed while the server was down, committed once")
        let answered = try pg.psql("SELECT count(*) FROM cati_events WHERE survey = '\(survey)' AND interview = '\(id)' "
                                   + "AND action AND event LIKE '%\"answer\":\"5\"%'")
        #expect(answered == "1", "one event with the answer 5")

        let grid = ["attesa": "7", "cortesia": "8", "competenza": "7", "chiarezza": "6", "risoluzione": "5",
                    "orari": "9", "accesso": "8"]
        try await s.answerGrid("aspetti", grid)
        try await s.waitForQuestion("voto")
        try s.answer("8")
        try await s.waitForQuestion("risolto")
        try s.answer("1")
        try await s.waitForQuestion("consiglia")
        try s.answer("1")
        try await s.waitForQuestion("suggerimenti")
        try s.answer("")
        try await s.waitForQuestion("sesso")
        try s.answer("2")
        try await s.waitForQuestion("studio")
        try s.answer("3")
        try await s.waitForQuestion("residenza")
        try s.answer("1")
        try await s.waitForQuestion("fine")
        try s.answer("")
        try await s.waitFor("Intervista completa. Premere Invio per salvare (F2 torna indietro).")
        try s.session.sendKeys("Enter")
        try await s.waitFor("Salvata: \(id) (complete)")

        let lines = try pg.psql("SELECT line FROM cati_interviews WHERE survey = '\(survey)'")
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "one record: \(lines)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(record["id"] as? String == id)
        let answers = try #require(record["answers"] as? [String: Any])
        let expected: [String: Any] = [
            "consenso": 1, "tipo": 1, "eta": 2, "motivo": 1, "canali": [1, 2], "chiamate": 5,
            "attesa": 7, "cortesia": 8, "competenza": 7, "chiarezza": 6, "risoluzione": 5, "orari": 9, "accesso": 8,
            "voto": 8, "insoddisfatto": false, "risolto": 1, "consiglia": 1, "sesso": 2, "studio": 3, "residenza": 1,
        ]
        for (name, value) in expected {
            #expect(json(answers[name]) == json(value), "answers.\(name)")
        }
        // In the line as stored, each name once among the answers (paradata names them again).
        let line = try #require(lines.first)
        let answersText = try #require(line.firstMatch(of: /"answers":\{[^}]*\}/)).output
        for name in expected.keys {
            #expect(answersText.components(separatedBy: "\"\(name)\":").count == 2, "\(name) once: \(answersText)")
        }
        #expect(try pg.psql("SELECT count(*) FROM cati_in_progress WHERE survey = '\(survey)'") == "0")
        try s.session.sendKeys("q")
        #expect(try await s.waitForExit() == 0)
    }
}

extension InterviewScreen {
    /// The question on screen: the first word of row 3.
    static func currentQuestion(_ screen: String) -> String? {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return rows.count > 2 ? rows[2].split(separator: " ").first.map(String.init) : nil
    }
}

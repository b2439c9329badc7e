import CatiTestSupport
import Foundation
import Testing

/// `cati check` as a questionnaire author runs it: the built binary, its output read as
/// a terminal or a pipe would show it, and its exit status.
struct CheckCommandTests {
    static let broken = """
        survey demo "Demo"
        single tipo "Tipo: è così?"
          1 privato "Privato"
          1 azienda "Azienda"
        number età_x "Età" range 99..18
        warn tipo = ente "x"

        """

    static func run(_ arguments: [String], in scratch: ScratchFolder) async throws -> ChildProcess.Result {
        try await ChildProcess.run([try ChildProcess.cati()] + arguments, directory: scratch.path)
    }

    @Test func everyErrorIsReportedWithFileLineColumnTheLineAndACaretThenTheCount() async throws {
        let scratch = try ScratchFolder("check")
        let file = scratch.path("bad.cati")
        try Self.broken.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await Self.run(["check", file], in: scratch)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            "\(file):4:3: error: duplicate code 1 in 'tipo': already used at line 3",
            "  1 azienda \"Azienda\"",
            "  ^",
            "\(file):5:26: error: range 99..18 is empty: the first number must not be larger than the second",
            "number età_x \"Età\" range 99..18",
            String(repeating: " ", count: 25) + "^",
            "\(file):6:13: error: unknown code name 'ente' for question 'tipo'",
            "warn tipo = ente \"x\"",
            "            ^",
            "\(file): 3 errors",
            "",
        ], "columns count characters (è, à), every error in one run:\n\(result.stderr)")
    }

    /// Issue 11.4: a closing quote left out makes the text run on to the next quote and
    /// the error appears a line later; a note with a caret points back to the opening.
    @Test func aMissingClosingQuoteGetsANoteAtTheTextsOpening() async throws {
        let scratch = try ScratchFolder("check")
        let file = scratch.path("quote.cati")
        try """
            survey s "S"
            number n "How many times did you call? range 1..5
            text t "Why" max 300

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await Self.run(["check", file], in: scratch)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(6)) == [
            "\(file):3:9: error: unknown attribute 'Why' for a number question",
            "text t \"Why\" max 300",
            "        ^",
            "\(file):2:10: note: the text opened here runs over 2 lines; is a closing quote missing?",
            "number n \"How many times did you call? range 1..5",
            "         ^",
        ], "the note follows its error:\n\(result.stderr)")
    }

    @Test func aCleanQuestionnairePrintsItsSummaryEvenThroughAPipe() async throws {
        let scratch = try ScratchFolder("check")
        let file = RepositoryFiles.file("questionnaires/cc_parma.cati")
        let result = try await Self.run(["check", file], in: scratch)  // stdout is a file here
        #expect(result.status == 0)
        #expect(result.stdout == "\(file): ok: 18 questions (26 variables), 2 quotas, 22 cells; languages: it, en\n",
                "cc_parma.en.cati is checked with it")
        #expect(result.stderr.isEmpty, "no warning on the bundled questionnaire: \(result.stderr)")
        let quiet = try await Self.run(["check", "--quiet", file], in: scratch)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
    }

    @Test func warningsAloneDoNotFailTheCheck() async throws {
        let scratch = try ScratchFolder("check")
        let file = scratch.path("warn.cati")
        try """
            survey w "W"
            single a "A"
              1 "x"
            terminate "bye"
            single b "B"
              1 "y"

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await Self.run(["check", file], in: scratch)
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("\(file):5:1: warning: "), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(file): ok: 2 questions"), "\(result.stdout)")
    }

    @Test(arguments: [["check", "missing.cati"], ["quotas", "missing.cati"], ["simulate", "missing.cati"],
                      ["interview", "missing.cati"], ["export", "missing.cati"]])
    func aFileThatCannotBeReadIsOneLineAndExitOne(arguments: [String]) async throws {
        let scratch = try ScratchFolder("check")
        let result = try await Self.run(arguments, in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: cannot read questionnaire 'missing.cati': no such file, or not readable\n")
    }

    @Test func versionAndHelpExitZero() async throws {
        let scratch = try ScratchFolder("check")
        let version = try await Self.run(["--version"], in: scratch)
        #expect(version.status == 0 && version.stdout == "0.2.0\n", "\(version.stdout)\(version.stderr)")
        for command in ["check", "interview", "simulate", "quotas", "export"] {
            let help = try await Self.run([command, "--help"], in: scratch)
            #expect(help.status == 0 && help.stdout.contains("USAGE: cati \(command)"), "\(command): \(help.stdout)")
        }
    }

    @Test(arguments: [(["check"], "Error: Missing expected argument '<file>' (see 'cati check --help')"),
                      (["check", "--bogus", "x.cati"], "Error: Unknown option '--bogus' (see 'cati check --help')"),
                      (["simulate", "x.cati", "-n"], "Error: Missing value for '-n <n>' (see 'cati simulate --help')"),
                      (["chek", "x.cati"], "Error: unknown command 'chek'; did you mean 'check'? (see 'cati --help')")])
    func aCommandLineThatCannotBeReadIsOneLineAndExitOne(arguments: [String], line: String) async throws {
        let scratch = try ScratchFolder("check")
        let result = try await Self.run(arguments, in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr == line + "\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func aSampleFileThatCannotBeReadIsOneLineAndExitOne() async throws {
        let scratch = try ScratchFolder("check")
        let result = try await Self.run(["simulate", RepositoryFiles.file("questionnaires/cc_parma.cati"),
                                         "--data", scratch.path("data"), "--sample", "nope.csv"], in: scratch)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: cannot read sample file 'nope.csv'\n")
    }
}

/// `cati check NEW --against OLD` as a field manager runs it before putting a fix into
/// the field.
struct CheckAgainstCommandTests {
    @Test func aCompatibleNewVersionSaysInterviewsCanBeResumed() async throws {
        let scratch = try ScratchFolder("against")
        let old = RepositoryFiles.file("questionnaires/cc_parma.cati")
        let source = try String(contentsOfFile: old, encoding: .utf8)
            .replacingOccurrences(of: "version 1", with: "version 2")
            .replacingOccurrences(of: "Possiamo procedere con l'intervista?", with: "Possiamo cominciare l'intervista?")
        let new = scratch.path("v2.cati")
        try source.write(toFile: new, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run([try ChildProcess.cati(), "check", new, "--against", old],
                                                directory: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr) stdout: \(result.stdout)")
        #expect(result.stdout.contains("changes from \(old) (version 1) to \(new) (version 2):\n  version 1 → 2\n  text of 'consenso' changed\n"),
                "\(result.stdout)")
        #expect(result.stdout.hasSuffix("interviews in progress under \(old) can be resumed under \(new)\n"))
    }

    @Test func aRecodeIsNamedAndExitsOne() async throws {
        let scratch = try ScratchFolder("against")
        let old = RepositoryFiles.file("questionnaires/cc_parma.cati")
        let source = try String(contentsOfFile: old, encoding: .utf8)
            .replacingOccurrences(of: "version 1", with: "version 2")
            .replacingOccurrences(of: "range 1..99", with: "range 1..50")
        let new = scratch.path("v2.cati")
        try source.write(toFile: new, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run([try ChildProcess.cati(), "check", new, "--against", old],
                                                directory: scratch.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("! 'chiamate': range narrowed from 1..99 to 1..50\n"), "\(result.stdout)")
        #expect(result.stdout.contains("cannot be resumed under \(new): 'chiamate' changed (lines marked !)"))
    }
}

import Testing

@testable import CatiTUI

/// What can be checked of `Terminal` without taking a terminal over (the rest is in
/// CatiCLITests, through `cati key-echo` in tmux).
@MainActor
struct TerminalTests {
    @Test func readingBeforeStartIsAnError() {
        let terminal = Terminal(environment: ["TERM": "xterm"])
        #expect(throws: TerminalError.notStarted) { try terminal.readKey(timeoutMilliseconds: 0) }
        #expect(terminal.size == Size(width: 0, height: 0))
        terminal.stop()  // harmless before start
        terminal.stop()
        #expect(!terminal.isStarted)
    }

    @Test func anUnknownTermIsNamed() {
        let terminal = Terminal(environment: ["TERM": "no-such-terminal"])
        #expect(throws: TerminalError.cannotStart(term: "no-such-terminal")) { try terminal.start() }
        #expect(!terminal.isStarted)
        #expect(TerminalError.cannotStart(term: "no-such-terminal").description.contains("TERM=no-such-terminal"))
    }

    @Test func aMissingTermIsNamed() {
        let terminal = Terminal(environment: [:])
        #expect(throws: TerminalError.cannotStart(term: nil)) { try terminal.start() }
        #expect(TerminalError.cannotStart(term: nil).description.contains("TERM is not set"))
    }
}

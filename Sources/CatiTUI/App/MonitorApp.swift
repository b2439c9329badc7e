import CatiCore
import CatiStore

/// `cati monitor`: the supervisor screen. Reads what changed every second (`source`),
/// redraws, and acts on keys in between; the terminal is given back on every way out.
@MainActor
public final class MonitorApp {
    let source: MonitorSource
    let terminal: Terminal
    let utcOffset: Int
    var screen = MonitorScreen()
    /// How often the data folder is read again.
    static let refreshMilliseconds = 1000

    public init(source: MonitorSource, utcOffset: Int, environment: [String: String]) {
        self.source = source
        self.utcOffset = utcOffset
        self.terminal = Terminal(environment: environment)
    }

    /// Runs until `q` (0), a hang-up (129) or a signal (128 + its number).
    public func run() throws(TerminalError) -> Int32 {
        try terminal.start()
        defer { terminal.stop() }
        do {
            try loop()
            return 0
        } catch .hangUp {
            return 129
        } catch .signal(let n) {
            return 128 + n
        }
    }

    /// Draws, reads keys and refreshes until `q`.
    private func loop() throws(TerminalError) {
        if terminal.screenReader { return try screenReaderLoop() }
        source.refresh()
        var figures = source.figures(now: Platform.now)
        var nextRefresh = Platform.monotonic + Double(Self.refreshMilliseconds) / 1000
        while true {
            screen.message = source.message
            terminal.draw(screen.frame(figures, size: terminal.size, records: source.feed.tally.records,
                                       clock: clock(Platform.now)))
            let wait = max(0, Int((nextRefresh - Platform.monotonic) * 1000))
            if let key = try terminal.readKey(timeoutMilliseconds: wait),
               screen.handle(key, figures: figures, size: terminal.size) == .quit {
                return
            }
            if Platform.monotonic >= nextRefresh {
                source.refresh()
                figures = source.figures(now: Platform.now)
                nextRefresh = Platform.monotonic + Double(Self.refreshMilliseconds) / 1000
            }
        }
    }

    /// Screen-reader mode: the screen changes on a key or when the data change, never
    /// by itself. The data are read every second as usual, but the figures are worked
    /// out at the moment of the last change or key (`shownAt`), so a figure that only
    /// ages with the clock (a pace, "minutes ago") does not repaint; the top line's
    /// time is that moment too.
    private func screenReaderLoop() throws(TerminalError) {
        screen.screenReader = true
        source.refresh()
        var shownAt = Platform.now
        var figures = source.figures(now: shownAt)
        func frame() -> Frame {
            screen.message = source.message
            return screen.frame(figures, size: terminal.size, records: source.feed.tally.records, clock: clock(shownAt))
        }
        var drawn = frame()
        terminal.draw(drawn)
        while true {
            if let key = try terminal.readKey(timeoutMilliseconds: Self.refreshMilliseconds) {
                if screen.handle(key, figures: figures, size: terminal.size) == .quit { return }
                source.refresh()
                shownAt = Platform.now
                figures = source.figures(now: shownAt)
                drawn = frame()
                terminal.draw(drawn)
                continue
            }
            source.refresh()
            figures = source.figures(now: shownAt)
            guard frame() != drawn else { continue }
            shownAt = Platform.now  // the data changed: shown as of now
            figures = source.figures(now: shownAt)
            drawn = frame()
            terminal.draw(drawn)
        }
    }

    /// The supervisor's local time of day, HH:MM:SS.
    func clock(_ now: Double) -> String {
        let s = ((Int(now) + utcOffset) % 86_400 + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(s / 3600)):\(two(s % 3600 / 60)):\(two(s % 60))"
    }
}

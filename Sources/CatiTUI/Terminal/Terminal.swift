import CNcursesw
import Foundation
import Glibc

/// The only door to curses. `start()` takes the terminal over (raw keys, no echo,
/// colours where they help), `draw(_:)` shows a `Frame`, `readKey(timeoutMilliseconds:)`
/// waits for a `Key`, `stop()` gives the terminal back. Errors thrown by `readKey`
/// (`.hangUp`, `.signal`) mean: save, `stop()`, exit. Typed-ahead keys are never
/// flushed.
@MainActor
public final class Terminal {
    private let environment: [String: String]
    private var screen: OpaquePointer?
    private(set) var window: UnsafeMutablePointer<WINDOW>?
    private(set) var palette = Palette.monochrome()
    private var signals = SignalTrap()
    /// ERRs in a row that came back well before the timeout: a broken input.
    private var earlyErrors = 0
    private static let earlyErrorLimit = 50

    /// Keys read so far (for the key trace).
    private var keysRead = 0
    /// Tests only: `CATI_KEY_TRACE=FILE` appends `drawn after key N` each time a frame is
    /// drawn after the N-th key was read, so a test knows a key was processed (and its
    /// screen drawn) instead of sleeping and hoping.
    private lazy var keyTrace: FileHandle? = environment["CATI_KEY_TRACE"].flatMap { path in
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
        return handle
    }

    /// Notes a drawn frame in the key trace, when there is one.
    func traceDraw() {
        guard let keyTrace else { return }
        try? keyTrace.write(contentsOf: Data("drawn after key \(keysRead)\n".utf8))
    }

    /// True while colours are in use (the terminal has them and NO_COLOR is unset).
    public private(set) var usesColor = false

    /// Screen-reader mode (`--screen-reader` or CATI_SCREEN_READER=1, see
    /// docs/accessibility.md): frames are drawn with ASCII marks for glyphs, the cursor
    /// is never hidden, and screens do not redraw on a timer.
    public var screenReader: Bool { ScreenReaderMode.isOn(environment) }
    /// A bell on a rejected answer (`--bell` or CATI_BELL=1).
    public var bellOnRejection: Bool { ScreenReaderMode.bellIsOn(environment) }

    /// `environment` gives TERM (the terminal type for terminfo) and NO_COLOR.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    public var isStarted: Bool { screen != nil }

    /// Takes the terminal over. Throws `.cannotStart` naming $TERM when terminfo does
    /// not know it or it cannot move the cursor (`dumb`). Does nothing if started.
    public func start() throws(TerminalError) {
        guard screen == nil else { return }
        setlocale(LC_ALL, "")
        if !cati_codeset_is_utf8() {
            setlocale(LC_CTYPE, "C.UTF-8")  // accents need a UTF-8 character set
        }
        guard let term = environment["TERM"], !term.isEmpty else { throw .cannotStart(term: nil) }
        let trap = SignalTrap.snapshot()
        guard let newScreen = newterm(term, cati_stdout(), cati_stdin()) else {
            throw .cannotStart(term: term)
        }
        set_term(newScreen)
        guard cati_can_address_cursor() else {
            endwin()
            delscreen(newScreen)
            throw .cannotStart(term: term)
        }
        screen = newScreen
        signals = trap
        signals.install()  // after newterm: ours replace ncurses' SIGINT/SIGTERM handlers
        let win = cati_stdscr()
        window = win
        raw()
        noecho()
        keypad(win, true)
        intrflush(win, false)
        set_escdelay(25)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor && cati_has_colors() && cati_start_color() && cati_colors() >= 8 {
            palette = Palette.colored(defaultColors: cati_use_default_colors())
            usesColor = true
        } else {
            palette = Palette.monochrome()
            usesColor = false
        }
        earlyErrors = 0
        WriteWatchdog.start(limit: WriteWatchdog.limit(environment))
    }

    /// Gives the terminal back (endwin) and restores the signal dispositions. Safe to
    /// call more than once, and before `start()`.
    public func stop() {
        guard let current = screen else { return }
        WriteWatchdog.writing {
            curs_set(1)
            endwin()
        }
        delscreen(current)
        screen = nil
        window = nil
        signals.restore()
        signals = SignalTrap()
    }

    /// The terminal's size now (0x0 when not started).
    public var size: Size {
        guard let win = window else { return Size(width: 0, height: 0) }
        return Size(width: Int(cati_width(win)), height: Int(cati_height(win)))
    }

    /// Waits up to `timeoutMilliseconds` (nil: for ever) for a key. Returns nil on a
    /// timeout or on input no screen acts on, so callers can refresh clocks without
    /// busy-looping. Throws `.signal(n)` when SIGINT/SIGTERM/SIGHUP arrived and
    /// `.hangUp` when the terminal is gone. Waits in slices of at most
    /// `Terminal.slice`, so a signal taken by another thread is seen within one slice.
    public func readKey(timeoutMilliseconds: Int? = nil) throws(TerminalError) -> Key? {
        guard let win = window else { throw .notStarted }
        let deadline = timeoutMilliseconds.map { ContinuousClock.now + .milliseconds(max(0, $0)) }
        while true {
            if let number = SignalTrap.takePending() { throw .signal(number) }
            var wait = Terminal.slice
            if let deadline {
                wait = min(wait, max(.zero, deadline - ContinuousClock.now))
            }
            wtimeout(win, Int32((wait / .milliseconds(1)).rounded(.up)))
            let started = ContinuousClock.now
            var value: UInt32 = 0
            let result = cati_get_wch(win, &value)
            if result == OK {
                earlyErrors = 0
                keysRead += 1
                return KeyDecoder.decode(.character(value))
            }
            if result == KEY_CODE_YES {
                earlyErrors = 0
                keysRead += 1
                return KeyDecoder.decode(.keyCode(Int32(bitPattern: value)))
            }
            if let number = SignalTrap.takePending() { throw .signal(number) }
            if cati_input_hung_up(STDIN_FILENO) { throw .hangUp }
            try noteError(waited: ContinuousClock.now - started, for: wait)
            if let deadline, ContinuousClock.now >= deadline { return nil }
        }
    }

    /// The longest single wait inside `readKey`.
    static let slice = Duration.milliseconds(250)

    /// A timeout returns ERR after the wait; ERR at once, again and again, without a
    /// signal or a POLLHUP, is an input that can no longer deliver keys.
    private func noteError(waited: Duration, for wait: Duration) throws(TerminalError) {
        if waited >= wait / 2 {
            earlyErrors = 0
            return
        }
        earlyErrors += 1
        if earlyErrors >= Terminal.earlyErrorLimit { throw .hangUp }
    }
}

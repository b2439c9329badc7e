import CNcursesw
import Glibc
import Synchronization

/// The signal that arrived and has not been reported yet (0: none). Written only by
/// the handler below, through a lock-free atomic, which is async-signal-safe.
private let pendingSignal = Atomic<Int32>(0)

private let recordSignal: @convention(c) (Int32) -> Void = { number in
    _ = pendingSignal.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
}

/// SIGINT, SIGTERM and SIGHUP only set a flag (no SA_RESTART, so a blocking read
/// returns at once and `Terminal.readKey` reports the signal); SIGPIPE is ignored.
/// A signal already ignored when the program started (nohup, `trap '' HUP`) stays
/// ignored. The caller saves its work, calls `Terminal.stop()` and exits.
struct SignalTrap {
    static let caught: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private var saved: [(Int32, sigaction)] = []
    private var ignored: Set<Int32> = []

    /// Remembers the dispositions in force now, to put back in `restore()`. Take it
    /// before `newterm`, which installs ncurses' own SIGINT/SIGTERM handlers.
    static func snapshot() -> SignalTrap {
        var trap = SignalTrap()
        for number in caught + [SIGPIPE] {
            var old = sigaction()
            if sigaction(number, nil, &old) == 0 {
                trap.saved.append((number, old))
            }
            if cati_signal_is_ignored(number) {
                trap.ignored.insert(number)
            }
        }
        return trap
    }

    /// Installs the flag-setting handlers (after `newterm`, replacing ncurses' ones,
    /// which would exit the process without our cleanup).
    func install() {
        pendingSignal.store(0, ordering: .sequentiallyConsistent)  // initialised before any signal
        var previous = sigaction()
        for number in SignalTrap.caught where !ignored.contains(number) {  // nohup: keep ignoring
            _ = cati_sigaction(number, recordSignal, &previous)
        }
        _ = cati_sigaction_ignore(SIGPIPE, &previous)
        // A parent may have left them blocked (children of worker threads inherit
        // their mask): unblock them on this thread, which reads the keys.
        var set = sigset_t()
        sigemptyset(&set)
        for number in SignalTrap.caught + [SIGWINCH] { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Puts back the dispositions of `snapshot()`.
    func restore() {
        for (number, old) in saved {
            var action = old
            _ = cati_sigaction_restore(number, &action)
        }
    }

    /// The signal that arrived since the last call, once.
    static func takePending() -> Int32? {
        let number = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }
}

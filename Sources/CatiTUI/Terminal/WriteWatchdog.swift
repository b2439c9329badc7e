import Foundation
import Glibc
import Synchronization

/// When the main thread started writing to the terminal (monotonic milliseconds; 0:
/// not writing). Set around every screen update by `Terminal`.
private let writingSince = Atomic<Int64>(0)

/// Notices a dead terminal that blocks a write (issue 22): a connection frozen without
/// a hang-up (Wi-Fi gone, the ssh client stopped) leaves sshd's buffers full, and the
/// next screen update waits for ever. A thread of its own looks every half second; a
/// write blocked for longer than `limit` seconds ends the process at once (`_exit`), as
/// a kill would: nothing is lost (every accepted answer is durable before the screen
/// moves on), the interview's lock and quota places go with the process, and it can be
/// resumed (or taken over) at its first unanswered question. Nothing is written to the
/// terminal, which is what is blocked.
enum WriteWatchdog {
    /// Seconds a terminal write may block: `CATI_TERMINAL_WRITE_LIMIT`, else 20.
    static func limit(_ environment: [String: String]) -> Double {
        environment["CATI_TERMINAL_WRITE_LIMIT"].flatMap(Double.init).map { max(0.5, $0) } ?? 20
    }

    private static let started = Mutex(false)

    /// Starts the watching thread once per process.
    static func start(limit: Double) {
        let first = started.withLock { was in
            defer { was = true }
            return !was
        }
        guard first else { return }
        let limitMilliseconds = Int64(limit * 1000)
        let thread = Thread {
            while true {
                usleep(500_000)
                let since = writingSince.load(ordering: .sequentiallyConsistent)
                if since != 0, milliseconds() - since > limitMilliseconds {
                    _exit(129)  // as on a hang-up: the interview stays resumable
                }
            }
        }
        thread.name = "terminal write watchdog"
        thread.start()
    }

    /// Runs `body` (a terminal write) under the watchdog.
    static func writing<T>(_ body: () -> T) -> T {
        writingSince.store(milliseconds(), ordering: .sequentiallyConsistent)
        defer { writingSince.store(0, ordering: .sequentiallyConsistent) }
        return body()
    }

    private static func milliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

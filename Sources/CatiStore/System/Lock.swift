import Synchronization

/// A mutual exclusion lock for state shared by the threads of one process.
final class Lock: Sendable {
    private let mutex = Mutex(())

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        try mutex.withLock { _ in try body() }
    }
}

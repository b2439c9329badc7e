import Foundation

/// Runs blocking work on a thread of its own, off the test's cooperative pool: the pool
/// has one thread per core, and a test blocked on it for minutes starves every test that
/// polls a screen or a file meanwhile.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

import CatiCore
import Foundation

/// The SHA-256 of a questionnaire, computed on a thread of its own while the checker
/// runs on the main one: on a large file the hash is about an eighth of the work of `check`.
final class BackgroundHash: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var hex = ""

    init(_ bytes: [UInt8]) {
        Thread.detachNewThread { [self] in
            hex = SHA256.hex(bytes)
            done.signal()
        }
    }

    /// The digest, waiting for the thread if it is not done yet.
    func value() -> String {
        done.wait()
        done.signal()  // a second call returns at once
        return hex
    }
}

import CatiCore
import CatiTestSupport
import Foundation
import Testing
@testable import CatiStore

/// A store implementation under the contract suite. Each `open()` stands for another
/// process (or host) using the same store; `kill` does to that process's holdings what
/// the system does when it is killed (the folder: its locks go, its files stay; a
/// database: its connection drops). A second backend adds a conformance and appears
/// in `StoreBackends.all`.
protocol StoreBackend: Sendable, CustomTestStringConvertible {
    /// A fresh, empty store for one test.
    func makeStore() throws -> StoreUnderTest
}

/// One empty store and what the contract tests need to reach behind the protocol.
protocol StoreUnderTest: AnyObject, Sendable {
    /// Another process's view of the same store.
    func open() throws -> any InterviewStore
    /// The process of `store` is killed while it holds these interviews and cases.
    func kill(_ store: any InterviewStore, holding handles: [any InterviewHandle], claims: [any CaseClaim])
    /// Runs `body` while every attempt to store a finished record fails (a full disk,
    /// a lost connection), then lets writes succeed again.
    func whileRecordWritesFail(_ body: () throws -> Void) rethrows
    /// Leaves a record half-written at the end of the stream, as a crash in the middle
    /// of its write would (a database: stored by a transaction not yet committed);
    /// returns a function that writes the rest of it (commits). nil for a store that
    /// cannot.
    func tearRecord(_ line: String) throws -> (() throws -> Void)?
    /// The interviewer of `handle` presses no key for `seconds` (its last key moved back).
    func silence(_ handle: any InterviewHandle, seconds: Double)
}

enum StoreBackends {
    /// The data folder, and PostgreSQL unless CATI_TEST_PG=0 (PostgresBackend.swift).
    static let all: [any StoreBackend] = [FolderBackend()] + (PostgresTestServer.enabled ? [PostgresBackend()] : [])
}

struct FolderBackend: StoreBackend {
    var testDescription: String { "data folder" }

    func makeStore() throws -> StoreUnderTest { try FolderUnderTest() }
}

final class FolderUnderTest: StoreUnderTest, @unchecked Sendable {
    let test: TestFolder

    init() throws { test = try TestFolder("contract") }

    func open() throws -> any InterviewStore { try test.store() }

    func kill(_ store: any InterviewStore, holding handles: [any InterviewHandle], claims: [any CaseClaim]) {
        for handle in handles { (handle as? FolderInterviewHandle)?.abandon() }
        for claim in claims { (claim as? FolderCaseClaim)?.abandon() }
        (store as? FolderStore)?.gate.abandonAll()
    }

    func whileRecordWritesFail(_ body: () throws -> Void) rethrows {
        FaultInjector.shared.set(.fsync, failWith: ENOSPC, under: test.interviews)
        defer { FaultInjector.shared.set(.fsync, failWith: nil) }
        try body()
    }

    func silence(_ handle: any InterviewHandle, seconds: Double) {
        Platform.touch(test.folder.holder(handle.header.id), at: Platform.now - seconds)
    }

    func tearRecord(_ line: String) throws -> (() throws -> Void)? {
        let bytes = Array(line.utf8)
        let cut = bytes.count / 2
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: test.interviews))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes[..<cut]))
        try handle.close()
        return { [test] in
            let rest = try FileHandle(forWritingTo: URL(fileURLWithPath: test.interviews))
            try rest.seekToEnd()
            try rest.write(contentsOf: Data(bytes[cut...] + [0x0A]))
            try rest.close()
        }
    }
}

import CatiTestSupport
import CatiCore
import CatiStore
import Foundation
import Testing

/// Every store test runs inside this one serialized suite. The fault tests scope their
/// failures to their own folder (`FaultInjector.shared.set(_:failWith:under:)`), so
/// store tests elsewhere in the process are never hit; serializing keeps it simple here.
@Suite(.serialized)
struct StoreTests {}

extension TestFolder {
    /// Runs `body` with `operation` failing with `code` on this folder's files only.
    @discardableResult
    func withFault<T>(_ operation: FaultInjector.Operation, _ code: Int32, _ body: () throws -> T) rethrows -> T {
        FaultInjector.shared.set(operation, failWith: code, under: root)
        defer { FaultInjector.shared.set(operation, failWith: nil) }
        return try body()
    }
}

/// A small questionnaire with one question of each kind the journal must replay, a
/// terminate and a quota (so that interviews hold places).
enum Fixture {
    static let source = """
        survey store_test "Store test"
        version 2

        single consenso "May we start?"
          1 si "Yes"
          2 no "No"

        terminate "Goodbye." if consenso = no

        quota per_consenso by consenso
          si: 1000
          no: 1000
        end

        number eta "How old are you?" range 18..99 allow refused

        text nome "Your name?" max 60

        multi canali "Which channels?" pick 1..3
          1 tel  "Phone"
          2 mail "E-mail"
          3 web  "Web"

        scale voto "Mark from 1 to 10?" 1..10 allow dk

        """

    static func questionnaire(_ text: String = source) throws -> Questionnaire {
        try QuestionnaireText.check(text)
    }

    /// The same questionnaire with another version: another sha256.
    static func changedQuestionnaire() throws -> Questionnaire {
        try questionnaire(source.replacingOccurrences(of: "version 2", with: "version 3"))
    }
}

/// A data folder (`data` unless `nested` says otherwise) in a fresh temporary
/// directory, removed afterwards.
final class TestFolder: @unchecked Sendable {
    let scratch: ScratchFolder
    let root: String
    let folder: DataFolder

    /// `inMemory`: under /dev/shm when it is there, where fsync costs nothing (for tests
    /// of many interviews whose durability is not the point).
    init(_ label: String = "store", nested: String = "data", inMemory: Bool = false) throws {
        scratch = try ScratchFolder(label, under: inMemory ? "/dev/shm" : nil)
        root = scratch.path
        folder = DataFolder(path: root + "/" + nested)
    }

    /// A file beside the data folder.
    func file(_ name: String) -> String { root + "/" + name }

    func store() throws -> FolderStore { try FolderStore(folder: folder) }

    var interviews: String { folder.interviews }

    func bytes(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Records in interviews.jsonl with this id.
    func records(id: String) throws -> [JSON] {
        try RecordReader(path: interviews).scan().records.filter { $0["id"]?.stringValue == id }
    }
}

/// Drives a session and requires each entry to be accepted.
extension InterviewSession {
    func answer(_ entries: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for entry in entries {
            let outcome = try perform(.answer(entry))
            #expect(outcome == .moved, "entry \(entry.debugDescription) at \(screenName)", sourceLocation: sourceLocation)
        }
    }

    /// The name of the question on screen, or the kind of screen.
    var screenName: String {
        switch interview.screen {
        case .question(let prompt): return prompt.variableName
        case .specifyOther: return "(other)"
        case .checkFailed: return "(check)"
        case .warning: return "(warning)"
        case .ending(let ending): return "(ending \(ending.status.rawValue))"
        }
    }

    /// The values on the path, written as the trace writes them.
    var valueTexts: [String: String] { interview.values.mapValues { "\($0)" } }
}

/// A store that fails around `save`, to stand for a crash or a full disk at that point.
final class FailingSaveStore: InterviewStore, @unchecked Sendable {
    enum Mode {
        /// The process dies before the record reaches interviews.jsonl.
        case crashBeforeAppend
        /// The process dies right after the record was appended, before the journal goes.
        case crashAfterAppend
        /// The record log's own write or fsync fails (the fault injector, only during save).
        case fault(FaultInjector.Operation, Int32)
        case none
    }

    struct Crash: Error {}

    let inner: FolderStore
    var mode: Mode

    init(_ inner: FolderStore, mode: Mode) {
        self.inner = inner
        self.mode = mode
        inner.recordAppendHook = { [unowned self] append in
            switch self.mode {
            case .crashBeforeAppend:
                throw Crash()
            case .crashAfterAppend:
                try append()
                throw Crash()
            case .fault(let operation, let code):
                FaultInjector.shared.set(operation, failWith: code, under: inner.folder.path)
                defer { FaultInjector.shared.set(operation, failWith: nil) }
                try append()
            case .none:
                try append()
            }
        }
    }

    var location: String { inner.location }
    var recordsName: String { inner.recordsName }
    var quotaGate: any QuotaGate { inner.quotaGate }
    func start(_ header: JournalHeader) throws -> any InterviewHandle { try inner.start(header) }
    func resume(_ id: String) throws -> ResumedInterview { try inner.resume(id) }
    func recoverFinished() throws -> [String] { try inner.recoverFinished() }
    func takeOver(_ id: String, by login: String) throws -> Release { try inner.takeOver(id, by: login) }
    func release(_ id: String) throws -> Release { try inner.release(id) }
    func interviewsInProgress() throws -> [InterviewInProgress] { try inner.interviewsInProgress() }
    func recordedEvents(of id: String) throws -> (JournalHeader, [JournalEvent]) { try inner.recordedEvents(of: id) }
    func claim(case id: String) throws -> (any CaseClaim)? { try inner.claim(case: id) }
    func claimFirst(of cases: [String]) throws -> (any CaseClaim)? { try inner.claimFirst(of: cases) }
    func takenCases() throws -> Set<String> { try inner.takenCases() }
    func startedOrDoneCases() throws -> Set<String> { try inner.startedOrDoneCases() }
    func appendAttempts(_ attempts: [CallAttempt]) throws { try inner.appendAttempts(attempts) }
    func readAttempts(after cursor: RecordCursor) throws -> AttemptBatch { try inner.readAttempts(after: cursor) }
    func quotaCounts() throws -> QuotaCounts { try inner.quotaCounts() }
    func placesHeld() throws -> [String: [String: Int]] { try inner.placesHeld() }
    func readRecords(after cursor: RecordCursor, limit: Int) throws -> RecordBatch {
        try inner.readRecords(after: cursor, limit: limit)
    }
    func scanAllRecordLines(parts: Int,
                            _ body: @Sendable (Int, UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> [RecordScan] {
        try inner.scanAllRecordLines(parts: parts, body)
    }
    func scanRecordLines(after cursor: RecordCursor,
                         _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> RecordScan {
        try inner.scanRecordLines(after: cursor, body)
    }
    func surveySettings() throws -> SurveySettings? { try inner.surveySettings() }
    func saveSurveySettings(_ settings: SurveySettings) throws { try inner.saveSurveySettings(settings) }
    func role(of person: Person) throws -> Role { try inner.role(of: person) }
    func appendAudit(_ entry: AuditEntry) throws { try inner.appendAudit(entry) }
    func auditLines() throws -> [[UInt8]] { try inner.auditLines() }
    func erase(_ request: ErasureRequest) throws -> ErasureReport { try inner.erase(request) }
    func erasedCases() throws -> Set<String> { try inner.erasedCases() }
    func pseudonymKey() throws -> [UInt8] { try inner.pseudonymKey() }
}

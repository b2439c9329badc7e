import ArgumentParser
import CatiCore
import CatiPostgres
import CatiStore
import Foundation

/// `cati store`: set up a database, copy a survey from one store to another.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Set up a PostgreSQL store, or copy a survey's records between stores.",
        subcommands: [StoreInitCommand.self, StoreCopyCommand.self]
    )
}

/// `cati store init --store postgres://OWNER@HOST/DB`: the schema and its two roles.
struct StoreInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the cati schema and the roles cati_interviewer and cati_supervisor (run as the schema's owner)."
    )

    @Option(help: ArgumentHelp("The database: postgres://OWNER@HOST:PORT/DB (default: $CATI_STORE).", valueName: "URL"))
    var store: String?

    func run() throws {
        guard let text = store ?? ProcessInfo.processInfo.environment["CATI_STORE"], !text.isEmpty else {
            throw UserError("cati store init needs --store postgres://OWNER@HOST:PORT/DB")
        }
        guard case .url(let scheme, _) = StoreLocation(text), scheme.hasPrefix("postgres") else {
            throw UserError("cati store init sets up a database: --store postgres://OWNER@HOST:PORT/DB (a data folder needs no setup)")
        }
        let url: PostgresURL
        do { url = try PostgresURL(text, defaultUser: Platform.loginName) } catch { throw UserError("--store: \(error)") }
        let endpoint = PostgresEndpoint(url)
        for warning in endpoint.warnings { printError(warning) }
        do {
            try PostgresStore.initialize(endpoint)
        } catch let error as StoreError {
            throw UserError("cannot set up \(url.redacted): \(error)")
        }
        print("""
            cati schema ready in \(url.redacted), with the roles cati_interviewer and cati_supervisor.
            Give each login its role, e.g.:  GRANT cati_interviewer TO maria;  GRANT cati_supervisor TO lucia;
            """)
    }
}

/// `cati store copy FILE --from A --to B`: every record of the survey that B lacks,
/// copied once; run again after an interruption, it copies only what is missing.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a survey's finished interviews from one store to another (a data folder or postgres://…), resumable."
    )

    @Argument(help: "The questionnaire (.cati file): names the survey.")
    var file: String

    @Option(help: ArgumentHelp("Where the records are: a data folder or postgres://…", valueName: "STORE"))
    var from: String

    @Option(help: ArgumentHelp("Where they go: a data folder or postgres://… (created if needed)", valueName: "STORE"))
    var to: String

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let source = try StoreFactory.open(StoreLocation(from), survey: questionnaire.survey, creating: false)
        let target = try StoreFactory.open(StoreLocation(to), survey: questionnaire.survey, creating: true)
        guard let sink = target as? RecordSink else { throw UserError("cannot copy into the \(target.location)") }
        do {
            var present = try sink.savedInterviewIDs()
            var cursor = RecordCursor.start
            var copied = 0, already = 0
            while true {
                let batch = try source.readRecords(after: cursor, limit: 2_000)
                for warning in batch.warnings { printError("warning: " + warning) }
                for record in batch.records {
                    guard let id = record["id"]?.stringValue else { continue }
                    if present.contains(id) { already += 1; continue }
                    try sink.save(recordLine: record.serialized)
                    present.insert(id)
                    copied += 1
                }
                cursor = batch.cursor
                if !batch.more { break }
            }
            print("\(copied) record\(copied == 1 ? "" : "s") copied, \(already) already there "
                  + "(\(source.location) → \(target.location))")
        } catch let error as StoreError {
            throw UserError("copy stopped (run it again to go on): \(error)")
        }
    }
}

/// A store that records can be copied into, each once.
protocol RecordSink {
    func savedInterviewIDs() throws -> Set<String>
    func save(recordLine: String) throws
}

extension FolderStore: RecordSink {}
extension PostgresStore: RecordSink {}

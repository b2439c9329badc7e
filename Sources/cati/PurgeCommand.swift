import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `cati purge --personal --finished-before DATE`: the end of a survey's retention period
/// for personal data (docs/privacy.md).
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Strip the personal columns of cases finished before a date (supervisors).",
        discussion: """
            A case is finished when it has a record or a final call attempt; with \
            --finished-before DATE (YYYY-MM-DD, UTC) those finished before that day lose their \
            personal data as with 'cati erase' (answers kept) and are never offered again. With \
            --sample the personal cells of those cases are emptied in the sample file.
            """
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Flag(help: "Strip the personal columns (the only kind of purge there is).")
    var personal = false

    @Option(name: .customLong("finished-before"), help: "A date, YYYY-MM-DD (UTC).")
    var finishedBefore: String

    @Option(help: "The sample file (CSV): the cases' personal cells are emptied in it.")
    var sample: String?

    func run() throws {
        guard personal else { throw UserError("cati purge needs --personal (what to purge)") }
        guard let cutoff = Timestamp.parse(finishedBefore + "T00:00:00Z") else {
            throw UserError("--finished-before takes a date as YYYY-MM-DD (got '\(finishedBefore)')")
        }
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.existingStore(for: questionnaire)
        let person = try Access.require(.erase, in: store)
        var finished: [String: Double] = [:]
        var cursor = RecordCursor.start
        while true {
            let batch = try store.readRecords(after: cursor, limit: 10_000)
            for record in batch.records {
                guard let r = record["respondent"]?.stringValue,
                      let t = record["finished"]?.stringValue.flatMap(Timestamp.parse) else { continue }
                finished[r] = max(finished[r] ?? 0, t)
            }
            cursor = batch.cursor
            if !batch.more { break }
        }
        for attempt in try store.readAttempts(after: .start).attempts where attempt.final {
            finished[attempt.caseID] = max(finished[attempt.caseID] ?? 0, attempt.at)
        }
        let cases = finished.filter { $0.value < cutoff }.keys.sorted()
        guard !cases.isEmpty else {
            print("no case finished before \(finishedBefore): nothing purged")
            return
        }
        let request = ErasureRequest(cases: cases, answers: false, personalColumns: questionnaire.personalColumns,
                                     reason: "purge")
        let done = try Erasure.run(request, store: store, sample: sample, person: person, action: .purge,
                                   survey: questionnaire.survey)
        print("purged the personal data of \(cases.count) case\(cases.count == 1 ? "" : "s") finished before \(finishedBefore): \(done.summary)")
    }
}

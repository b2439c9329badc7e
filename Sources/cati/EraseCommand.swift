import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `cati erase`: a respondent asked to be forgotten (GDPR Art. 17; docs/privacy.md).
struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Forget sample cases: their personal data, and with --answers their answers and calls (supervisors).",
        discussion: """
            Removes what identifies each CASE from every file of the data folder (and its \
            personal cells from the sample file given with --sample); with --answers also its \
            records, interviews in progress and call attempts. Every other record keeps its \
            bytes; interviewers may go on working meanwhile. The cases are never offered again. \
            An erasure cut short (a crash) is completed by the next 'cati erase'. See docs/privacy.md.
            """
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @Argument(help: "The sample case ids to forget.")
    var cases: [String] = []

    @OptionGroup var dataOptions: DataOptions

    @Flag(help: "Also remove the cases' answers: records, interviews in progress, call attempts.")
    var answers = false

    @Option(help: "The sample file (CSV): the cases' personal cells are emptied in it.")
    var sample: String?

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.existingStore(for: questionnaire)
        let person = try Access.require(.erase, in: store)
        let request = ErasureRequest(cases: cases, answers: answers, personalColumns: questionnaire.personalColumns)
        let report = try Erasure.run(request, store: store, sample: sample, person: person, action: .erase,
                                     survey: questionnaire.survey)
        print("erased \(cases.count) case\(cases.count == 1 ? "" : "s"): \(report.summary)")
    }
}

/// What `erase` and `purge` share: the store's erasure, the sample file, the audit line.
enum Erasure {
    struct Done {
        var store: ErasureReport
        var sampleRows = 0
        var summary: String {
            "\(store.records) record\(store.records == 1 ? "" : "s"), \(store.attempts) call attempt"
                + "\(store.attempts == 1 ? "" : "s"), \(store.journals) interview\(store.journals == 1 ? "" : "s") "
                + "in progress and \(sampleRows) sample row\(sampleRows == 1 ? "" : "s") changed"
        }
    }

    static func run(_ request: ErasureRequest, store: any InterviewStore, sample: String?, person: Person,
                    action: AuditAction, survey: String) throws -> Done {
        var done: Done
        do {
            done = Done(store: try store.erase(request))
        } catch StoreError.busy(let id) {
            throw UserError("cannot erase now: '\(id)' is being interviewed or called; nothing was erased (try again when it is over, or 'cati release' it)")
        } catch let error as StoreError {
            throw UserError("cannot erase in the \(store.location): \(error)")
        }
        if let sample {
            guard FileManager.default.isReadableFile(atPath: sample) else {
                throw UserError("cannot read sample file '\(sample)'; the data folder was erased, the sample file was not")
            }
            let cases = request.reason == "purge" && request.cases.isEmpty ? nil : Set(request.cases)
            // Under the sample file's own lock: another erasure of the same file waits, then
            // reads what this one wrote (docs/privacy.md).
            do {
                done.sampleRows = try FileRewrite.rewriteWhole(sample) { old in
                    SampleRedaction.redact(String(decoding: old, as: UTF8.self), cases: cases, columns: request.personalColumns)
                        .map { (Array($0.text.utf8), $0.rows) }
                } ?? 0
            } catch let error as StoreError {
                throw UserError("cannot rewrite sample file '\(sample)': \(error)")
            }
        }
        // No ids of people in the audit trail beyond the case ids, no personal data.
        try Access.audit(store, person, action, survey: survey,
                         [("cases", .array(request.cases.map(JSON.string))), ("answers", .bool(request.answers)),
                          ("records", .int(done.store.records)), ("attempts", .int(done.store.attempts)),
                          ("journals", .int(done.store.journals)), ("sample_rows", .int(done.sampleRows))])
        return done
    }
}

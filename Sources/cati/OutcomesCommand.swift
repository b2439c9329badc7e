import ArgumentParser
import CatiCore
import CatiStore

/// `cati outcomes`: every case with its AAPOR code, counts, e and the response rates
/// (fieldwork.md), from calls.jsonl and the sample.
struct OutcomesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Print call outcomes: cases by AAPOR code, e, RR1–RR4, COOP1, REF1, CON1."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var fieldworkOptions: FieldworkOptions

    @Option(help: "Sample file (CSV): every case of it is listed, never-called ones as 3.11.")
    var sample: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .customLong("by"), help: "Split by 'interviewer' (of each case's last attempt).")
    var by: String?

    func validate() throws {
        if let by, by != "interviewer" { throw UserError("--by takes 'interviewer' (got '\(by)')") }
    }

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let folder = dataOptions.folder(for: questionnaire)
        let settings = try fieldworkOptions.settings(folder: folder)
        let store = try dataOptions.existingStore(for: questionnaire)
        let sampleFile = try SampleLoader.load(sample, for: questionnaire)
        var book = CaseBook(ids: sampleFile?.rows.map(\.id) ?? [])
        let read = try store.readAttempts(after: .start)
        for skipped in read.warnings { printError(skipped.description) }
        book.apply(read.attempts)
        let report = OutcomeReport(book: book, settings: settings)
        if json {
            var object = report.json
            if by != nil, case .object(var members) = object {
                members.append(("by_interviewer", .array(report.byInterviewer().map { group in
                    var g: [(String, JSON)] = [("interviewer", group.interviewer.isEmpty ? .null : .string(group.interviewer)),
                                               ("cases", .int(group.report.cases.count))]
                    if case .object(let inner) = group.report.json { g += inner.filter { $0.0 != "cases" } }
                    return .object(g)
                })))
                object = .object(members)
            }
            print(object.serialized)
            return
        }
        var text = report.text(language: questionnaire.language)
        if by != nil {
            for group in report.byInterviewer() {
                text += "\n── " + (group.interviewer.isEmpty ? "(never called)" : group.interviewer) + " ──\n"
                text += group.report.text(language: questionnaire.language)
            }
        }
        print(text, terminator: "")
    }
}

import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `cati export`: interviews as CSV + codebook, SPSS syntax, Triple-S or JSONL.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export interviews for analysis: CSV with a codebook, SPSS (.sps), Triple-S, or JSONL.",
        discussion: """
        csv and jsonl go to stdout unless --out names a file (or an existing folder); the \
        codebook (Markdown and CSV) is written beside a CSV file. spss and sss write a folder \
        (--out, default: <data folder>-export). Every file is written under a temporary name \
        and renamed when complete; an existing file is replaced only with --force. \
        See docs/export.md.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, spss, sss, jsonl }

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "csv, spss, sss or jsonl.")
    var format: Format = .csv

    @Option(help: "Statuses to export, comma-separated, or 'all'.")
    var status: String = "complete"

    @Option(help: "Output file (csv, jsonl) or folder (spss, sss).")
    var out: String?

    @Flag(help: "Replace existing output files.")
    var force = false

    @Option(help: "'empty': write don't know and refused as empty cells instead of their codes.")
    var missing: String?

    @Flag(help: "Begin the CSV with a UTF-8 byte order mark, for Excel.")
    var excel = false

    @Option(help: "Cell delimiter: one character, or 'tab'.")
    var delimiter: String = ","

    @Flag(help: "Add one column of seconds per question (seconds_NAME).")
    var paradata = false

    @Flag(help: "Do not neutralise text cells that a spreadsheet would run as formulas.")
    var noNeutralise = false

    @Flag(help: "Add the personal columns (name, phone, sample variables marked personal) from --sample (supervisors; audited).")
    var includePersonal = false

    @Option(help: "The sample file (CSV) that --include-personal reads the personal columns from.")
    var sample: String?

    @Flag(help: "Replace interview, case and interviewer ids by keyed hashes (the same in every export of the survey).")
    var pseudonymise = false

    func validate() throws {
        if let missing, missing != "empty" { throw UserError("--missing takes 'empty' (got '\(missing)')") }
        _ = try delimiterByte()
        _ = try statuses()
        if includePersonal && pseudonymise {
            throw UserError("--include-personal and --pseudonymise go against each other; choose one")
        }
        if includePersonal && sample == nil {
            throw UserError("--include-personal needs --sample FILE.csv: the records hold no personal data (docs/privacy.md)")
        }
    }

    func delimiterByte() throws -> UInt8 {
        let text = delimiter == "tab" || delimiter == "\\t" ? "\t" : delimiter
        guard text.utf8.count == 1, let byte = text.utf8.first, byte != 0x22, byte != 0x0A, byte != 0x0D,
              byte != UInt8(ascii: "'") else {
            throw UserError("--delimiter takes one ASCII character other than a quote or a line break, or 'tab'")
        }
        return byte
    }

    func statuses() throws -> [String]? {
        if status == "all" { return nil }
        let names = status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let known = InterviewStatus.allCases.map(\.rawValue)
        for name in names where !known.contains(name) {
            throw UserError("unknown status '\(name)' in --status; use 'all' or some of: \(known.joined(separator: ", "))")
        }
        guard !names.isEmpty else { throw UserError("--status is empty; use 'all' or a status") }
        return names
    }

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let folder = dataOptions.folder(for: questionnaire)
        let store = try dataOptions.existingStore(for: questionnaire)
        let person = try Access.require(includePersonal ? .includePersonal : .export, in: store)
        let plan = try ExportPlan(command: self, questionnaire: questionnaire, folder: folder, store: store)
        var detail: [(String, JSON)] = [("format", .string(format.rawValue)), ("out", out.map(JSON.string) ?? .null)]
        // Who took personal data out, or pseudonymised data (docs/privacy.md).
        if includePersonal { detail.append(("include_personal", .bool(true))) }
        if pseudonymise { detail.append(("pseudonymise", .bool(true))) }
        try Access.audit(store, person, .export, survey: questionnaire.survey, detail)
        try plan.run()
    }
}

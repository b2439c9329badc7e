import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `cati report`: the survey's results from the complete interviews, as terminal
/// tables (default), Markdown, CSV, JSON or one HTML file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Results: completes against quota targets, every scale with mean, 95% CI, % dissatisfied, breakdowns, weights."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case terminal, markdown, csv, json, html
    }

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "The output format.")
    var format: Format = .terminal

    @Option(help: ArgumentHelp("Break the figures down by this single-choice question (several allowed; default: every quota variable).",
                               valueName: "NAME"))
    var by: [String] = []

    @Option(name: .customLong("dissatisfied-max"),
            help: "A mark at or below N counts as dissatisfied (default: 5 on 1–10, the lower half of other scales).")
    var dissatisfiedMax: Int?

    @Option(help: ArgumentHelp("Population shares to weight to (CSV: variables…, share) instead of the quota targets.",
                               valueName: "FILE.csv"))
    var weights: String?

    @Option(help: ArgumentHelp("Which questionnaire version's interviews: N, or all (default: the questionnaire's).",
                               valueName: "N|all"))
    var version: String?

    @Option(help: "Write the report to this file instead of standard output.")
    var out: String?

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        var options = ReportOptions(by: by.isEmpty ? nil : by, dissatisfiedMax: dissatisfiedMax)
        if let version {
            if version == "all" {
                options.versions = .all
            } else if let v = Int(version) {
                options.versions = .only(v)
            } else {
                throw UserError("--version \(version): give a version number or 'all'")
            }
        }
        if let weights {
            guard let data = FileManager.default.contents(atPath: weights), let text = String(data: data, encoding: .utf8) else {
                throw UserError("cannot read weights file '\(weights)'")
            }
            do { options.weights = try WeightTargets.parse(text, file: weights) } catch { throw UserError("\(error)") }
        }
        let plan: ReportPlan
        do { plan = try ReportPlan(questionnaire: questionnaire, options: options) } catch { throw UserError("\(error)") }
        let store = try dataOptions.existingStore(for: questionnaire)
        let person = try Access.require(.report, in: store)
        var tally = ReportTally(plan: plan)
        let read: ReportReader.Result
        do {
            read = try ReportReader.read(store, into: &tally)
        } catch {
            throw UserError("cannot read the \(store.location): \(error)")
        }
        for skipped in read.skipped.prefix(20) { printError(skipped.description) }
        if read.skipped.count > 20 { printError("… and \(read.skipped.count - 20) more lines skipped") }
        let report = Report(tally: tally)
        for notice in report.notices { printError("note: " + notice) }
        let text: String
        switch format {
        case .json: text = report.json.serialized + "\n"
        case .markdown: text = report.markdown
        case .csv: text = report.csv
        case .html: text = report.html
        case .terminal:
            let environment = ProcessInfo.processInfo.environment
            let colour = out == nil && Platform.standardOutputIsTerminal && environment["NO_COLOR"].map(\.isEmpty) ?? true
            text = report.terminal(width: 80, colour: colour)
        }
        try Access.audit(store, person, .report, survey: questionnaire.survey,
                         [("format", .string(format.rawValue)), ("out", out.map(JSON.string) ?? .null),
                          ("records", .int(read.lines))])
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw UserError("cannot write '\(out)': \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

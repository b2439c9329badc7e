import ArgumentParser
import CatiCore
import CatiStore

/// `cati quotas`: the quota table once, as text or JSON.
struct QuotasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotas",
        abstract: "Print the quota table: per cell target, completes, in progress, remaining."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let folder = dataOptions.folder(for: questionnaire)
        try ReadingFolder.check(folder, survey: questionnaire.survey)
        var completes = CompleteCounts(path: folder.interviews, indexPath: folder.quotaIndex)
        try completes.refresh()
        for warning in completes.warnings { printError(warning.description) }
        if Platform.exists(folder.path) { completes.saveSnapshot() }
        let places = Platform.exists(folder.places) ? try FolderQuotaGate(folder: folder).livePlaces() : [:]
        let table = QuotaTable(questionnaire: questionnaire, complete: completes.allCounts, inProgress: places)
        print(json ? table.json.serialized : table.text, terminator: json ? "\n" : "")
    }
}

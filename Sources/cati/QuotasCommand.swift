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
        let store = try dataOptions.existingStore(for: questionnaire)
        let counts: QuotaCounts
        do {
            counts = try store.quotaCounts()
        } catch let error as StoreError {
            throw UserError("cannot read the \(store.location): \(error)")
        }
        for warning in counts.warnings { printError(warning) }
        let table = QuotaTable(questionnaire: questionnaire, complete: counts.complete, inProgress: counts.inProgress)
        print(json ? table.json.serialized : table.text, terminator: json ? "\n" : "")
    }
}

import ArgumentParser
import CatiCore
import CatiStore

/// `cati settings`: shows the survey's settings; `--set KEY=VALUE` changes them
/// (supervisors only, recorded in the audit trail).
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show the survey's settings (settings.json); --set KEY=VALUE changes one (supervisors).",
        discussion: "Keys: group, supervisors (comma-separated logins), supervisors_group, shared_account (true|false)."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a setting (repeat for more).", valueName: "KEY=VALUE"))
    var assignments: [String] = []

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.existingStore(for: questionnaire)
        guard !assignments.isEmpty else {
            try Access.require(.readQuotas, in: store)
            let settings = try store.surveySettings()
            print(settings?.json.serialized ?? "no settings: a one-login folder ('cati init' sets one up)")
            return
        }
        let person = try Access.require(.changeSettings, in: store)
        guard let old = try store.surveySettings() else {
            throw UserError("the \(store.location) has no settings.json: 'cati init' sets it up first")
        }
        var new = old
        for assignment in assignments {
            if let problem = new.set(assignment) { throw UserError("\(problem)") }
        }
        try Access.audit(store, person, .settingsChanged, survey: questionnaire.survey,
                         [("before", old.json), ("after", new.json)])
        do { try store.saveSurveySettings(new) } catch let error as StoreError {
            throw UserError("cannot write the settings of the \(store.location): \(error)")
        }
        print(new.json.serialized)
    }
}

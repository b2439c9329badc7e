import ArgumentParser
import CatiCore
import CatiStore

/// `cati init`: sets up a survey's data folder, private or shared by a Unix group.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up the data folder: private (0700, the default) or shared by a Unix group (--group).",
        discussion: """
        With --group NAME the folder is shared by that group: folders 2770 (setgid), every file 0660 \
        whatever each login's umask. Supervisors (--supervisor, --supervisors-group) may monitor, report, \
        export, release and change settings; the group's other members are interviewers. \
        See docs/data-folder.md.
        """
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "The Unix group that shares the folder (its members are the survey's interviewers).")
    var group: String?

    @Option(name: .customLong("supervisor"), help: "A supervisor's login (repeat for more; default: yours).")
    var supervisors: [String] = []

    @Option(name: .customLong("supervisors-group"), help: "Members of this Unix group are supervisors.")
    var supervisorsGroup: String?

    @Flag(name: .customLong("shared-account"), help: "One account is shared: allow 'cati interview --interviewer NAME'.")
    var sharedAccount = false

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let person = Person.current
        var settings = SurveySettings(sharedAccount: sharedAccount)
        for (key, value) in [("group", group), ("supervisors_group", supervisorsGroup)] {
            if let value, let problem = settings.set("\(key)=\(value)") { throw UserError("\(problem)") }
        }
        let named = supervisors.isEmpty && supervisorsGroup == nil ? [person.login] : supervisors
        if let problem = settings.set("supervisors=" + named.joined(separator: ",")) { throw UserError("\(problem)") }
        if dataOptions.isDatabase(for: questionnaire) {
            try initialiseDatabase(questionnaire, settings: settings, by: person, named: named)
            return
        }
        let folder = dataOptions.folder(for: questionnaire)
        do {
            try FolderSetup.initialise(folder, settings: settings, by: person, survey: questionnaire.survey)
        } catch let failure as FolderSetup.Failure {
            throw UserError(failure.description)
        }
        let sharing = group.map { "shared by group \($0) (folders 2770, files 0660)" } ?? "private to \(person.login) (0700/0600)"
        print("data folder \(folder.path): \(sharing); supervisors: "
              + (named + (supervisorsGroup.map { ["members of \($0)"] } ?? [])).joined(separator: ", "))
    }

    /// On a database: the survey's settings and the first audit entry (who may connect
    /// is the database's roles: `cati store init`; a Unix group means nothing there).
    private func initialiseDatabase(_ questionnaire: Questionnaire, settings: SurveySettings, by person: Person,
                                    named: [String]) throws {
        guard group == nil else {
            throw UserError("--group shares a data folder; on a database, who may connect is its roles "
                            + "('cati store init', then GRANT cati_interviewer TO login)")
        }
        let store = try dataOptions.store(for: questionnaire)
        do {
            guard try store.surveySettings() == nil else {
                throw UserError("the \(store.location) is set up already (it has settings): 'cati settings --set' changes them")
            }
            try store.saveSurveySettings(settings)
            try store.appendAudit(person.audit(.initialised, survey: questionnaire.survey,
                                               [("store", .string(store.location)), ("settings", settings.json)]))
        } catch let error as StoreError {
            throw UserError("cannot set up the \(store.location): \(error)")
        }
        print("\(store.location): settings saved; supervisors: "
              + (named + (supervisorsGroup.map { ["members of \($0)"] } ?? [])).joined(separator: ", "))
    }
}

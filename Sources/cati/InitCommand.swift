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
        guard !dataOptions.isDatabase(for: questionnaire) else {
            throw UserError("cati init sets up a data folder; a database is set up with 'cati store init --store URL' "
                            + "and its settings changed with 'cati settings --set'")
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
}

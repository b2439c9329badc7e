import ArgumentParser
import CatiCore
import CatiStore

/// `cati release`: a supervisor frees an interview or a sample case held by a live
/// process (a frozen connection, an interviewer gone home): the process is asked to let
/// go (SIGHUP) and killed if it has not within about two seconds; nothing is lost, the
/// interview stays resumable at its first unanswered question (issue 22). Until logins
/// have roles, the data folder decides who is a supervisor: its owner, or root.
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Free an interview or sample case held by another process (for the data folder's owner or root).",
        discussion: """
            ID is an interview id, a respondent id, or a sample case id. The process holding it \
            is asked to let go (SIGHUP) and killed (SIGKILL) if it has not within 2 s; every \
            accepted answer was saved already, and the interview can then be resumed with \
            'cati interview FILE --resume ID'.
            """
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @Argument(help: "The interview, respondent or sample case to free.")
    var id: String

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.existingStore(for: questionnaire)
        let person = try Access.require(.release, in: store)
        let release: Release
        do {
            release = try store.release(id)
        } catch let error as StoreError {
            if case .unknownInterview = error {
                throw UserError("cannot release '\(id)': no interview or sample case '\(id)' in progress in the \(store.location)")
            }
            throw UserError("cannot release '\(id)': \(error)")
        }
        let name = release.id == id ? id : "\(id) (interview \(release.id))"
        guard let holder = release.holder, release.how != .wasFree else {
            print("\(name) was not held by any process: nothing to release")
            return
        }
        try Access.audit(store, person, .release, survey: questionnaire.survey,
                         [("interview", .string(release.id)), ("holder", .string(holder.login)),
                          ("how", .string(release.how == .letGo ? "let go" : "killed"))])
        let clock = { (t: Double) in Platform.localMinute(t) }
        let how = release.how == .letGo ? "it let go" : "it did not let go and was killed"
        let seconds = (release.seconds * 10).rounded() / 10
        print("released \(name): it was held by \(holder.describe(now: Platform.now, clock: clock)); "
              + "\(how) in \(seconds) s. Nothing is lost: resume it with 'cati interview \(file) --resume \(release.id)'")
    }
}

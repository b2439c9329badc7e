import ArgumentParser
import CatiCore
import CatiStore
import CatiTUI
import Foundation

/// `cati interview`: the interviewer screen.
struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview",
        abstract: "The interviewer screen: one interview after another until you quit."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "Interviewer name recorded (default: your login; another name only where the survey's settings say one account is shared).")
    var interviewer: String?

    @Option(help: "Sample file (CSV with an 'id' column; 'name' and 'phone' are shown).")
    var sample: String?

    @Option(help: "Offer this sample case first.")
    var respondent: String?

    @Option(help: "Go straight back into an interrupted or suspended interview (interview id or respondent id).")
    var resume: String?

    @OptionGroup var fieldworkOptions: FieldworkOptions

    @Option(help: ArgumentHelp("An earlier version of the questionnaire: interviews in progress started under it are resumed under this one when the change is compatible (see 'cati check FILE --against OLD'). May be repeated.", valueName: "OLD.cati"))
    var previous: [String] = []

    @Flag(help: "Screen-reader mode: the cursor always on the focus, no redraw by itself, states in words and ASCII marks (also CATI_SCREEN_READER=1; see docs/accessibility.md).")
    var screenReader = false

    @Flag(help: "Ring the terminal's bell when an answer is rejected (also CATI_BELL=1).")
    var bell = false

    @Flag(help: "Line mode: each question printed once, answers typed as lines with the terminal's own echo and editing; no cursor addressing, no escape sequence (also chosen when TERM=dumb). See docs/accessibility.md.")
    var plain = false

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let earlier = try previous.map { try QuestionnaireFile.load($0) }
        let store = try dataOptions.store(for: questionnaire)
        let sampleFile = try SampleLoader.load(sample, for: questionnaire)
        if respondent != nil, sampleFile == nil { throw UserError("--respondent needs --sample") }
        let person = try Access.require(.interview, in: store)
        let surveySettings = try store.surveySettings()
        if let interviewer,
           let refusal = AccessPolicy.declaredNameRefusal(interviewer, login: person.login, settings: surveySettings) {
            throw UserError(refusal)
        }
        let who = interviewer ?? person.login
        let settings = try fieldworkOptions.settings(folder: dataOptions.folder(for: questionnaire))
        let options = fieldworkOptions
        let shift: [(String, JSON)] = [("interviewer", .string(who))]
        // A trail that cannot be written does not stop the interviewing: it is said.
        do { try Access.audit(store, person, .shiftStarted, survey: questionnaire.survey, shift) } catch {
            printError("warning: the shift's start is not in the audit trail: \(error)")
        }
        defer { try? store.appendAudit(person.audit(.shiftEnded, survey: questionnaire.survey, shift)) }
        let code: Int32 = try MainActor.assumeIsolated {
            let app = InterviewerApp(questionnaire: questionnaire, store: store, sample: sampleFile, interviewer: who,
                                     respondent: respondent, resume: resume,
                                     environment: ScreenReaderMode.environment(ProcessInfo.processInfo.environment,
                                                                               screenReader: screenReader, bell: bell),
                                     fieldwork: settings, clock: { options.now() }, previous: earlier,
                                     console: LineMode.chosen(plain, environment: ProcessInfo.processInfo.environment)
                                        ? StandardLineConsole() : nil)
            do {
                let code = try app.run()
                for line in app.farewell { printError(line) }
                return code
            } catch let error as TerminalError {
                throw UserError(error.description)
            }
        }
        if code != 0 { throw ExitCode(code) }
    }
}

import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `cati call`: takes the next case(s) by the calling rules and, with `--outcome`,
/// records an attempt on each: sample management without the screen (scripts, tests).
struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Take the next case to call (or --case ID) and record an outcome on it."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var fieldworkOptions: FieldworkOptions

    @Option(help: "Sample file (CSV with an 'id' column).")
    var sample: String

    @Option(help: "Interviewer id recorded in calls.jsonl (default: the login name).")
    var interviewer: String?

    @Option(name: .customLong("case"), help: "This case instead of the next one.")
    var caseID: String?

    @Option(help: "Record this outcome on each case taken (fieldwork.md names: no-answer, busy, appointment, …).")
    var outcome: String?

    @Option(help: "For --outcome appointment: when (15:30, domani 15:30, lun 10, ISO).")
    var appointment: String?

    @Option(help: "A note recorded with the attempt.")
    var note: String?

    @Option(help: "How many cases to take.")
    var take: Int = 1

    @Option(help: "Keep the cases taken this many seconds before letting them go (they are printed first).")
    var hold: Double?

    func validate() throws {
        if let outcome, CallOutcome(rawValue: outcome) == nil {
            throw UserError("unknown outcome '\(outcome)' (outcomes: \(CallOutcome.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if outcome == "appointment", appointment == nil { throw UserError("--outcome appointment needs --appointment TIME") }
        if appointment != nil, outcome != "appointment" { throw UserError("--appointment goes with --outcome appointment") }
        guard take >= 1 else { throw UserError("--take must be 1 or more") }
    }

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.store(for: questionnaire)
        let settings = try fieldworkOptions.settings(folder: dataOptions.folder(for: questionnaire))
        guard let sampleFile = try SampleLoader.load(sample, for: questionnaire) else { return }
        let desk = try CallDesk(questionnaire: questionnaire, store: store, sample: sampleFile, sampleName: sample,
                                settings: settings)
        for warning in desk.warnings { printError(warning) }
        let person = try Access.require(.interview, in: store)
        if let interviewer, let refusal = AccessPolicy.declaredNameRefusal(interviewer, login: person.login,
                                                                            settings: try store.surveySettings()) {
            throw UserError(refusal)
        }
        let who = interviewer ?? person.login
        let now = fieldworkOptions.now()
        let chosen = try outcome.map { CallOutcome(rawValue: $0)! }
        var when: Double?
        if let appointment {
            switch AppointmentTime.parse(appointment, now: now, settings: settings, language: .en) {
            case .success(let t): when = t
            case .failure(let why): throw UserError("--appointment \(why)")
            }
        }
        var taken: [CallDesk.Taken] = []
        if let caseID {
            switch try desk.take(named: caseID) {
            case .success(let t): taken.append(t)
            case .failure(.final(let o)):
                throw UserError("case '\(caseID)' is closed (\(o.rawValue), \(o.aapor)): it is not called again")
            case .failure(.held): throw UserError("case '\(caseID)' is being called or interviewed by someone else")
            }
        } else {
            var why: CallQueue.Decision?
            while taken.count < take {
                switch try desk.next(interviewer: who, now: now) {
                case .taken(let t): taken.append(t)
                case .nothing(let decision): why = decision
                }
                if why != nil { break }
            }
            if taken.isEmpty, let why {
                let next = why.nextDue.map { " (next: " + LocalTime($0, offset: settings.utcOffset).fullText(.en) + ")" } ?? ""
                printError("no case to call now: " + (why.outsideCallingHours ? "outside calling hours" : "none is due") + next)
            }
        }
        var out = ""
        for t in taken {
            if let chosen {
                let attempt = try desk.record(chosen, on: t.caseID, interviewer: who, now: now, appointment: when, note: note)
                out += attempt.line + "\n"
            } else {
                out += t.caseID + "\n"
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        if let hold, hold > 0 { Thread.sleep(forTimeInterval: hold) }
        taken.forEach { $0.claim.release() }
    }
}

import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `cati simulate`: random interviews through the same engine, quota places and store.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run N interviews answered at random along the routing (marked \"simulated\": true)."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .short, help: "How many interviews.")
    var n: Int = 100

    @Option(help: "Seed: the same seed gives the same answers.")
    var seed: UInt64 = 1

    @Option(help: "Sample file (CSV); without it, sample variables are drawn at random.")
    var sample: String?

    @Option(help: "Interviewer id recorded in the interviews.")
    var interviewer: String = "simulator"

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    @Option(help: ArgumentHelp("Append 'id<TAB>variable<TAB>answer' for every accepted answer, after it is durable (for tests).",
                               visibility: .hidden))
    var trace: String?

    @OptionGroup var calling: SimulateCallOptions

    func validate() throws {
        guard n >= 0 else { throw UserError("-n must be 0 or more") }
    }

    func run() throws {
        if calling.calls { return try runCalls() }
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.store(for: questionnaire)
        let sampleFile = try SampleLoader.load(sample, for: questionnaire)
        if let sampleFile, sampleFile.rows.isEmpty { throw UserError("the sample file has no usable row") }
        let simulation = Simulation(questionnaire: questionnaire, store: store, sample: sampleFile,
                                    seed: seed, interviewer: interviewer, trace: try trace.map(TraceFile.init))
        var counts: [InterviewStatus: Int] = [:]
        let started = Date()
        // With a sample, each interview claims the next case no one has, as the interviewer
        // screen does; a case is interviewed once, and the run stops when none is left.
        let ledger = sampleFile.map { _ in CaseLedger(store: store) }
        let queue = CaseQueue(rows: sampleFile?.rows ?? [])
        var ran = 0
        while ran < n {
            var claimed: (SampleRecord, any CaseClaim)?
            if let ledger {
                claimed = try ledger.claimNext(queue)
                if claimed == nil { break }
            }
            defer { claimed?.1.release() }
            do {
                let status = try simulation.run(index: UInt64(ran), case: claimed?.0)
                counts[status, default: 0] += 1
            } catch {
                printError("error: interview \(ran + 1) of \(n): \(error)")
                throw ExitCode(1)
            }
            ran += 1
        }
        if ran < n {
            printError("warning: the sample ran out: every case is done or taken; "
                       + "\(ran) interview\(ran == 1 ? "" : "s") of the \(n) asked")
        }
        guard !quiet else { return }
        let elapsed = Date().timeIntervalSince(started)
        let summary = InterviewStatus.allCases.compactMap { s in counts[s].map { "\(s.rawValue) \($0)" } }
        let counted = summary.isEmpty ? "" : ": " + summary.joined(separator: ", ")
        print("\(ran) interviews in \(String(format: "%.2f", elapsed)) s\(counted) (\(store.location))")
    }
}

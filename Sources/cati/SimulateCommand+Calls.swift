import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `cati simulate --calls`: the options.
struct SimulateCallOptions: ParsableArguments {
    @Flag(help: "Dial the sample's cases by the calling rules on a simulated clock; contacts become interviews.")
    var calls = false

    @Option(help: "With --calls: chances of each result, e.g. 'no-answer=0.3,busy=0.1,interview=0.25' (the rest as default).")
    var mix: String?

    @Option(help: "With --calls: simulated start (RFC 3339 UTC; default: now, or the --clock file's time).")
    var start: String?

    @Option(help: "With --calls: days of fieldwork to simulate at most.")
    var days: Double = 30

    @Option(name: .customLong("max-calls"), help: "With --calls: stop after this many calls.")
    var maxCalls: Int?

    @OptionGroup var fieldworkOptions: FieldworkOptions
}

extension SimulateCommand {
    func runCalls() throws {
        guard let sample else { throw UserError("--calls needs --sample (the cases to call)") }
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.store(for: questionnaire)
        let options = calling.fieldworkOptions
        let settings = try options.settings(folder: dataOptions.folder(for: questionnaire))
        guard let sampleFile = try SampleLoader.load(sample, for: questionnaire), !sampleFile.rows.isEmpty else {
            throw UserError("the sample file has no usable row")
        }
        let mix: CallMix
        do { mix = try calling.mix.map(CallMix.parse) ?? .standard } catch { throw UserError("--mix \(error)") }
        var start = options.now()
        if let text = calling.start {
            guard let t = Timestamp.parse(text) else { throw UserError("--start needs an RFC 3339 UTC time like 2026-11-30T08:00:00Z") }
            start = t
        }
        guard calling.days > 0 else { throw UserError("--days must be more than 0") }
        let desk = try CallDesk(questionnaire: questionnaire, store: store, sample: sampleFile, sampleName: sample,
                                settings: settings)
        for warning in desk.warnings { printError(warning) }
        let simulation = CallSimulation(desk: desk, mix: mix, seed: seed, interviewer: interviewer, start: start)
        let began = Platform.monotonic
        let summary = try simulation.run(until: start + calling.days * 86_400, maxCalls: calling.maxCalls ?? .max)
        guard !quiet else { return }
        let elapsed = Platform.monotonic - began
        let outcomes = CallOutcome.allCases.compactMap { o in summary.byOutcome[o].map { "\(o.rawValue) \($0)" } }
        print("\(summary.calls) calls (\(summary.interviews) interviews) over "
              + String(format: "%.1f", summary.simulatedSeconds / 86_400) + " simulated days in "
              + String(format: "%.2f", elapsed) + " s: " + outcomes.joined(separator: ", ")
              + " (\(store.location))")
    }
}

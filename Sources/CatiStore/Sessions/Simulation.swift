import CatiCore

/// Runs simulated interviews through a session, like an interviewer would.
public struct Simulation: Sendable {
    public let questionnaire: Questionnaire
    public let store: any InterviewStore
    public let sample: SampleFile?
    public let seed: UInt64
    public let interviewer: String
    public let trace: TraceFile?

    public init(questionnaire: Questionnaire, store: any InterviewStore, sample: SampleFile?, seed: UInt64,
                interviewer: String, trace: TraceFile? = nil) {
        self.trace = trace
        self.questionnaire = questionnaire
        self.store = store
        self.sample = sample
        self.seed = seed
        self.interviewer = interviewer
    }

    /// The k-th interview of this seed, to its natural end: with the sample case given
    /// (`cati simulate --sample` claims one per interview, as an interviewer would), or
    /// else with random values for the `sample` variables.
    public func run(index: UInt64, case row: SampleRecord? = nil) throws -> InterviewStatus {
        var respondent = RandomRespondent(seed: seed, index: index)
        let record = row ?? sampleRecord(index: index)
        let session = try InterviewSession.start(questionnaire: questionnaire, store: store, sample: record,
                                                 interviewer: interviewer, simulated: true)
        while true {
            let action = respondent.nextAction(for: session.interview)
            let asked = session.interview.screen
            let outcome = try session.perform(action)
            if case .finished(let status) = outcome {
                trace?.write("\(session.id)\t=\t\(status.rawValue)")
                return status
            }
            if let trace, case .moved = outcome, case .question(let prompt) = asked {
                let name = prompt.variableName
                let value = session.interview.values[name].map { "\($0)" } ?? "absent"
                trace.write("\(session.id)\t\(name)\t\(value)")
            }
        }
    }

    /// Random values for the `sample` variables, drawn by the seed (no respondent id).
    func sampleRecord(index: UInt64) -> SampleRecord? {
        var g = SplitMix64.stream(seed: seed ^ 0x5A5A_5A5A, index: index)
        guard !questionnaire.sampleVariables.isEmpty else { return nil }
        var fields: [String: String] = [:]
        for id in questionnaire.sampleVariables {
            let variable = questionnaire.variables[id]
            switch variable.type {
            case .code: fields[variable.name] = variable.codes?.codes.randomElement(using: &g).map(String.init)
            case .number: fields[variable.name] = String(Int.random(in: 0...100, using: &g))
            default: fields[variable.name] = "simulated"
            }
        }
        return SampleRecord(id: "", fields: fields)
    }
}

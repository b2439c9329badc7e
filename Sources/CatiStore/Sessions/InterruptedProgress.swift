import CatiCore

extension InterviewStore {
    /// How many questions an interrupted or suspended interview has answered, from its
    /// recorded events replayed through the engine with no quota gate (nothing is
    /// taken); nil when they cannot be read or are for another questionnaire.
    public func answeredQuestions(in id: String, questionnaire: Questionnaire) -> Int? {
        guard let (header, events) = try? recordedEvents(of: id),
              header.questionnaireSHA256 == questionnaire.sha256,
              var interview = try? Interview(questionnaire: questionnaire, id: header.id, sample: header.sample,
                                             interviewer: header.interviewer, startedAt: header.startedAt)
        else { return nil }
        for event in events {
            guard case .action(let action, let t) = event else { continue }
            var next = interview
            guard let outcome = try? next.perform(action, at: t) else { return nil }
            if case .finished = outcome { break }
            interview = next
        }
        return interview.answeredQuestions
    }
}

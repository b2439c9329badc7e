import CatiCore

extension FolderStore {
    /// How many questions an interrupted or suspended interview has answered, from its
    /// journal replayed through the engine with no quota gate (nothing is taken); nil
    /// when the journal cannot be read or is for another questionnaire.
    public func answeredQuestions(in id: String, questionnaire: Questionnaire) -> Int? {
        guard let (header, events) = try? Journal.read(path: folder.journal(id)),
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

/// How far an interview has got, as the interviewer counts it.
extension Interview {
    /// Questions (and grid items) answered on the current path, "don't know" and
    /// "refused" included: not the actions taken (a back, a note or a correction is
    /// not an answer).
    public var answeredQuestions: Int {
        env.indices.filter { id in
            guard env[id] != .absent else { return false }
            switch questionnaire.variables[id].role {
            case .question, .gridItem: return true
            case .computed, .sample, .info: return false
            }
        }.count
    }
}

import CatiCore
import CatiStore
import Foundation

/// The key loop of one interview on the terminal.
@MainActor
struct InterviewRunner {
    let session: InterviewSession
    let labels: InterviewerLabels
    /// Shown until the first key (a takeover: whom the interview was taken from).
    var notice: String? = nil

    /// Returns the confirmation to show on the next-interview screen.
    func run(on terminal: Terminal) throws -> String {
        var state = InterviewerState()
        var storeError: String?
        var notice = self.notice
        let sample = session.interview.sample
        while true {
            let interview = session.interview
            state.sync(with: interview.screen)
            let header = InterviewHeader(
                survey: interview.questionnaire.survey, respondent: sample.flatMap { $0.id.isEmpty ? nil : $0.id },
                respondentName: sample?.value("name"), phone: sample?.value("phone"), interviewer: interview.interviewer,
                elapsedSeconds: Int(interview.elapsed(at: Date().timeIntervalSince1970)))
            let view = InterviewView(header: header, screen: interview.screen, state: state,
                                     message: storeError ?? notice ?? interview.message, labels: labels)
            terminal.draw(view.frame(terminal.size))
            guard let key = try terminal.readKey(timeoutMilliseconds: 1000) else { continue }
            session.noteKey()
            notice = nil
            if key == .resize { continue }
            // Below the minimum size the question is not visible: keys wait for a larger window.
            let size = terminal.size
            if size.width < InterviewView.minimum.width || size.height < InterviewView.minimum.height { continue }
            switch state.handle(key, screen: interview.screen) {
            case .none:
                continue
            case .suspend(let reason):
                do {
                    try session.suspend(reason: reason)
                    return labels.suspended(session.id)
                } catch {
                    storeError = labels.notSuspended(labels.explain(error))
                }
            case .perform(let action):
                do {
                    let outcome = try session.perform(action)
                    storeError = nil
                    if case .note = action { state.notice = labels.noteSaved }
                    if case .finished(let status) = outcome {
                        return labels.saved(session.id, status)
                    }
                } catch {
                    storeError = labels.notSaved(labels.explain(error))
                }
            }
        }
    }
}

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
        let screenReader = terminal.screenReader
        state.screenReader = screenReader
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
            let shownMessage = storeError ?? notice ?? interview.message
            if screenReader {
                // No clock on the top line, no redraw on a timer: only keys change the screen.
                let view = AccessibleInterviewView(header: header, screen: interview.screen, state: state,
                                                   message: shownMessage, labels: labels,
                                                   totalQuestions: interview.questionnaire.questions.count,
                                                   round: LoopRoundPosition.of(interview.screen, in: interview.questionnaire,
                                                                               values: interview.values))
                if state.reading == .question { terminal.rewriteAll() }
                terminal.draw(view.frame(terminal.size))
            } else {
                let view = InterviewView(header: header, screen: interview.screen, state: state,
                                         message: shownMessage, labels: labels)
                terminal.draw(view.frame(terminal.size))
            }
            guard let key = try terminal.readKey(timeoutMilliseconds: screenReader ? nil : 1000) else { continue }
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
                    if terminal.bellOnRejection, case .answer = action,
                       session.interview.message != nil || session.interview.screen.isCheckFailed {
                        terminal.bell()
                    }
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

extension Screen {
    /// A hard check failed: the answer just given was not taken.
    var isCheckFailed: Bool {
        if case .checkFailed = self { return true } else { return false }
    }
}

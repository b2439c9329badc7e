import CatiCore
import CatiStore
import Foundation

/// One interview in the line mode: each step printed once when it is first shown, its
/// prompt, a typed line, the session does the rest. The same `InterviewSession` as the
/// screen's `InterviewRunner` (journal, record, crash guarantees); only the front end
/// differs.
@MainActor
struct PlainInterviewRunner {
    let session: InterviewSession
    let words: PlainWords
    let labels: InterviewerLabels
    /// Said before the first step (a takeover: whom the interview was taken from).
    var notice: String? = nil

    /// Returns the confirmation to show between interviews.
    func run(on console: any LineConsole) throws -> String {
        let text = PlainScreenText(words: words, total: PlainScreenText.steps(in: session.interview.questionnaire))
        var state = PlainInterviewState(words: words)
        var shown: String?
        var previous: Screen?
        if let notice { console.say(notice) }
        while true {
            let screen = session.interview.screen
            let key = InterviewerState.key(of: screen)
            if key != shown {
                console.say(text.presentation(screen, after: previous))
                shown = key
                previous = screen
            }
            console.write(state.modePrompt ?? text.prompt(screen))
            let line = try console.readLine()
            session.noteKey()
            let (command, reply) = state.handle(line, screen: screen)
            console.say(reply)
            switch command {
            case .none:
                continue
            case .repeatStep:
                console.say(text.presentation(screen))
            case .whereAmI:
                let interview = session.interview
                let respondent = interview.sample.flatMap { $0.id.isEmpty ? nil : $0.id }
                console.say(words.whereAmI(position: interview.position, total: text.total, respondent: respondent,
                                           elapsed: Int(interview.elapsed(at: Date().timeIntervalSince1970))))
            case .suspend(let reason):
                do {
                    try session.suspend(reason: reason)
                    return labels.suspended(session.id)
                } catch {
                    console.say(labels.notSuspended(labels.explain(error)))
                }
            case .perform(let action):
                do {
                    switch try session.perform(action) {
                    case .rejected(let why): console.say("\(words.error): \(why)")
                    case .finished(let status): return labels.saved(session.id, status)
                    case .moved: if case .note = action { console.say(words.noteSaved) }
                    }
                } catch {
                    console.say(labels.notSaved(labels.explain(error)))
                }
            }
        }
    }
}

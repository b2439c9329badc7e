import CatiCore

/// The fixed lines of the screen-reader layout: the top line (no clock), the question
/// text wrapped, the field line with its focus mark, the message line (state words) and
/// the key line.
extension AccessibleInterviewView {
    func titleRow(width: Int) -> Row {
        var who = header.respondent ?? "-"
        if let name = header.respondentName, !name.isEmpty { who += " " + name }
        if let phone = header.phone, !phone.isEmpty { who += " " + labels.phoneWord + " " + phone }
        let position: String = {
            switch screen {
            case .question(let p): return "\(labels.question) \(p.position)"
            case .specifyOther(let p): return "\(labels.question) \(p.position)"
            case .checkFailed(let p), .warning(let p): return "\(labels.question) \(p.position)"
            case .ending: return "-"
            }
        }()
        let text = " " + [header.survey, who, header.interviewer, position].joined(separator: " | ") + " "
        return Row(TextLayout.pad(TextLayout.truncate(text, width: width), width: width), style: .title)
    }

    func wrap(_ text: String, width: Int, style: Style = .normal) -> [Row] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            TextLayout.wrap(String(paragraph), width: width - 2).map { Row(" " + $0, style: style) }
        }
    }

    /// The field line, `>` first when the field has the focus; the cursor's column.
    func fieldLine(width: Int, focused: Bool) -> (Row, Int) {
        let mark = focused ? ">" : " "
        let prompt: String
        var field = AnswerField()
        switch state.mode {
        // Short prompts: the field starts within the 40 cells a braille display shows
        // with the mark; what the keys do is on the message line below.
        case .note(let note): prompt = labels.noteWord + " "; field = note
        case .endChoice: prompt = labels.endChoiceShort
        case .endReason(_, let reason): prompt = labels.reasonWord + " "; field = reason
        case .suspendReason(let reason): prompt = labels.suspendShort + " "; field = reason
        case .answering:
            switch screen {
            case .warning: prompt = "\(labels.confirm): \(labels.enterKey)"
            case .ending: prompt = "\(labels.save): \(labels.enterKey)"
            case .question(let p) where p.question.isInfo: prompt = labels.continueKey
            default: prompt = "\(labels.answer): "; field = state.field
            }
        }
        let head = mark + " " + prompt
        let fieldWidth = max(10, width - DisplayWidth.of(head) - 1)
        let before = String(field.characters.prefix(field.cursor))
        let skip = max(0, DisplayWidth.of(before) - fieldWidth + 1)
        var shown = field.text
        var dropped = 0
        while dropped < skip, !shown.isEmpty { dropped += DisplayWidth.of(shown.removeFirst()) }
        let visible = TextLayout.prefix(shown, width: fieldWidth).text
        let row = Row([Span(head, style: .bold), Span(visible, style: .input)])
        return (row, min(width - 1, DisplayWidth.of(head) + DisplayWidth.of(before) - dropped))
    }

    /// F7's answer: where the interview is, on the message line, and on the key line
    /// below when it is longer than a row (a round of a loop makes it so).
    func whereaboutsRows(width: Int) -> [Row] {
        let position: Int? = {
            switch screen {
            case .question(let p): return p.position
            case .specifyOther(let p): return p.position
            case .checkFailed(let p), .warning(let p): return p.position
            case .ending: return nil
            }
        }()
        let text = labels.whereabouts(position: position, total: totalQuestions, respondent: header.respondent,
                                      elapsedSeconds: header.elapsedSeconds, round: round)
        let lines = TextLayout.wrap(labels.noteWord + " " + text, width: width - 2)
        return lines.prefix(2).map { Row(TextLayout.truncate(" " + $0, width: width), style: .ok) }
    }

    func messageLine(width: Int) -> Row {
        switch state.mode {
        case .note: return Row(" " + labels.noteTitle)
        case .endChoice: return Row(" " + labels.endTitle)
        case .endReason: return Row(" " + labels.endReason)
        case .suspendReason: return Row(" " + labels.suspendReason)
        case .answering: break
        }
        if let message {
            let text = message.hasPrefix(labels.errorWord) ? message : labels.errorWord + " " + message
            return Row(TextLayout.truncate(" " + text, width: width), style: .error)
        }
        if let notice = state.notice {
            return Row(TextLayout.truncate(" " + labels.noteWord + " " + notice, width: width), style: .ok)
        }
        if state.mode == .answering, case .question(let p) = screen, p.items.isEmpty {
            switch p.question.kind {
            case .multi: return Row(" " + labels.arrowsHint)
            case .single: return Row(" " + labels.singleHint)
            default: break
            }
        }
        // A grid item's instruction, whole: its row may be too short for it.
        if state.mode == .answering, case .question(let p) = screen, let k = p.currentItem, p.items.indices.contains(k),
           let instruction = p.items[k].instruction, !instruction.isEmpty {
            return Row(TextLayout.truncate(" " + labels.instructionWord + " " + instruction, width: width), style: .instruction)
        }
        return .empty
    }

    func keyLine(width: Int) -> Row {
        let text = InterviewKeyLine.text(screen, labels: labels, reading: true, separator: ", ", width: width)
        return Row(TextLayout.truncate(text, width: width))
    }
}

import CatiCore

/// Who and what the top line shows.
public struct InterviewHeader: Sendable, Equatable {
    public var survey: String
    public var respondent: String?
    public var respondentName: String?
    public var phone: String?
    public var interviewer: String
    public var elapsedSeconds: Int

    public init(survey: String, respondent: String?, respondentName: String?, phone: String?, interviewer: String,
                elapsedSeconds: Int) {
        self.survey = survey
        self.respondent = respondent
        self.respondentName = respondentName
        self.phone = phone
        self.interviewer = interviewer
        self.elapsedSeconds = elapsedSeconds
    }
}

/// Draws one step of an interview as a `Frame`: the top line, the question (fills
/// applied, wrapped), its options or grid or panel, the answer field, the message line
/// and the key line.
public struct InterviewView: Sendable {
    public let header: InterviewHeader
    public let screen: Screen
    public let state: InterviewerState
    /// The engine's message for the last refused entry, or a store error.
    public let message: String?
    public let labels: InterviewerLabels

    public init(header: InterviewHeader, screen: Screen, state: InterviewerState, message: String?,
                labels: InterviewerLabels) {
        self.header = header
        self.screen = screen
        self.state = state
        self.message = message
        self.labels = labels
    }

    public static let minimum = Size(width: 80, height: 24)

    public func frame(_ size: Size) -> Frame {
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else {
            return TooSmallView(size: size, text: labels.enlarge).frame()
        }
        let width = size.width
        var body: [Row] = []
        var list = ListBlock(rows: [], focus: nil)
        switch screen {
        case .question(let p):
            body = questionRows(p, width: width)
            list = questionList(p, width: width)
        case .specifyOther(let p):
            body = [Row(" " + p.question, style: .bold)]
            if !p.text.isEmpty { body += wrap(p.text, width: width, style: .dim) }
            body += wrap("\(labels.specify): \(p.labels.joined(separator: ", "))", width: width)
        case .checkFailed(let p), .warning(let p):
            let isCheck: Bool = { if case .checkFailed = screen { return true } else { return false } }()
            body = [Row(" \(isCheck ? labels.checkFailed : labels.warning) ", style: isCheck ? .error : .warning)]
            body += wrap(p.message, width: width, style: .bold)
            body.append(.empty)
            body.append(Row(" " + (isCheck ? labels.involved : labels.warningHelp), style: .dim))
            list = ListBlock(items: p.involved.enumerated().map { k, item in
                let lead = " \(k + 1)  \(item.variable)  = \(item.answer.isEmpty ? "—" : item.answer)   "
                let style: Style = isCheck && state.highlight == k ? .reverse : .normal
                return TextLayout.hanging(lead, item.text, width: width - 1).map { Row($0, style: style) }
            }, focus: state.highlight)
        case .ending(let p):
            if let text = p.text { body += wrap(text, width: width, style: .bold); body.append(.empty) }
            body += wrap(labels.ending(p.status), width: width, style: p.status == .complete ? .ok : .warning)
        }
        return assemble(size: size, body: body, list: list)
    }

    private func assemble(size: Size, body: [Row], list: ListBlock) -> Frame {
        let width = size.width
        var rows: [Row] = [titleRow(width: width), .empty]
        let bottom = 4 // blank, field, message, keys
        let bodyRows = Array(body.prefix(max(3, size.height - rows.count - bottom - 3)))
        rows += bodyRows
        if !list.rows.isEmpty {
            rows.append(.empty)
            let room = size.height - rows.count - bottom
            rows += list.window(room: room) { above, below in
                Row("   ↑ \(above) · ↓ \(below) \(labels.more)", style: .dim)
            }.rows
        }
        while rows.count < size.height - bottom + 1 { rows.append(.empty) }
        rows = Array(rows.prefix(size.height - bottom + 1))
        let (fieldRow, cursorColumn) = fieldLine(width: width)
        rows.append(fieldRow)
        rows.append(messageRow(width: width))
        rows.append(keyRow(width: width))
        return Frame(size: size, rows: rows, cursor: Position(row: size.height - 3, column: cursorColumn))
    }

    private func titleRow(width: Int) -> Row {
        let minutes = header.elapsedSeconds / 60, seconds = header.elapsedSeconds % 60
        var who = header.respondent ?? "—"
        if let name = header.respondentName, !name.isEmpty { who += " " + name }
        if let phone = header.phone, !phone.isEmpty { who += " ☎ " + phone }
        let clock = (minutes < 10 ? "0" : "") + "\(minutes):" + (seconds < 10 ? "0" : "") + "\(seconds)"
        let position: String = {
            switch screen {
            case .question(let p): return "\(labels.question) \(p.position)"
            case .specifyOther(let p): return "\(labels.question) \(p.position)"
            case .checkFailed(let p), .warning(let p): return "\(labels.question) \(p.position)"
            case .ending: return "—"
            }
        }()
        let parts = [header.survey, who, header.interviewer, clock, position]
        let text = " " + parts.joined(separator: " │ ") + " "
        return Row(TextLayout.pad(TextLayout.truncate(text, width: width), width: width), style: .title)
    }

    private func wrap(_ text: String, width: Int, style: Style = .normal) -> [Row] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            TextLayout.wrap(String(paragraph), width: width - 2).map { Row(" " + $0, style: style) }
        }
    }

    private func questionRows(_ p: QuestionPrompt, width: Int) -> [Row] {
        var first = Row([Span(" " + p.name, style: .bold)])
        if !p.hint.isEmpty { first.append("   (\(p.hint))", style: .dim) }
        var marks: [String] = []
        if p.question.allowDK { marks.append("F3 \(labels.dk)") }
        if p.question.allowRefused { marks.append("F4 \(labels.refused)") }
        if !marks.isEmpty { first.append("   " + marks.joined(separator: " · "), style: .dim) }
        var rows = [first]
        rows += wrap(p.text, width: width)
        if let instruction = p.instruction, !instruction.isEmpty {
            rows += Self.instructionRows(instruction, width: width)
        }
        if !p.anchors.isEmpty {
            rows.append(Row(" " + p.anchors.map { "\($0.value) = \($0.label)" }.joined(separator: "   "), style: .dim))
        }
        return rows
    }

    /// An interviewer instruction below the question text: its own rows, indented,
    /// marked "»" and drawn in the instruction style, never as text to read.
    static func instructionRows(_ instruction: String, width: Int) -> [Row] {
        instruction.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            TextLayout.wrap(String(paragraph), width: width - 6).map { Row([Span("   "), Span("» " + $0 + " ", style: .instruction)]) }
        }
    }

    private func fieldLine(width: Int) -> (Row, Int) {
        let prompt: String
        let field: AnswerField
        switch state.mode {
        case .note(let note): prompt = " " + labels.noteTitle + " "; field = note
        case .endChoice: prompt = " " + labels.endTitle; field = AnswerField()
        case .endReason(_, let reason): prompt = " " + labels.endReason + " "; field = reason
        case .suspendReason(let reason): prompt = " " + labels.suspendReason + " "; field = reason
        case .answering:
            switch screen {
            case .warning: prompt = " \(labels.confirm): \(labels.enterKey) "; field = AnswerField()
            case .ending: prompt = " \(labels.save): \(labels.enterKey) "; field = AnswerField()
            case .question(let p) where p.question.isInfo: prompt = " \(labels.continueKey) "; field = AnswerField()
            default: prompt = " \(labels.answer): "; field = state.field
            }
        }
        let fieldWidth = max(10, width - DisplayWidth.of(prompt) - 1)
        // Keep the cursor visible in a long text.
        let before = String(field.characters.prefix(field.cursor))
        let skip = max(0, DisplayWidth.of(before) - fieldWidth + 1)
        var shown = field.text
        var dropped = 0
        while dropped < skip, !shown.isEmpty { dropped += DisplayWidth.of(shown.removeFirst()) }
        let visible = TextLayout.prefix(shown, width: fieldWidth).text
        let row = Row([Span(prompt, style: .bold), Span(TextLayout.pad(visible, width: fieldWidth), style: .input)])
        let column = DisplayWidth.of(prompt) + DisplayWidth.of(before) - dropped
        return (row, min(width - 1, column))
    }

    private func messageRow(width: Int) -> Row {
        if let message { return Row(TextLayout.truncate(" " + message + " ", width: width), style: .error) }
        if let notice = state.notice { return Row(" " + notice + " ", style: .ok) }
        if case .question(let p) = screen, case .multi = p.question.kind {
            return Row(" ↑↓ · " + labels.pickHint, style: .dim)
        }
        return .empty
    }

    private func keyRow(width: Int) -> Row {
        let text = InterviewKeyLine.text(screen, labels: labels, reading: false, separator: "  ", width: width)
        return Row(TextLayout.truncate(text, width: width), style: .dim)
    }
}

/// Below 80×24: a clear request instead of a broken layout.
struct TooSmallView {
    let size: Size
    let text: String

    func frame() -> Frame {
        let lines = TextLayout.wrap(text + " (\(size.width)×\(size.height))", width: max(1, size.width))
        var rows = Array(repeating: Row.empty, count: max(0, (size.height - lines.count) / 2))
        rows += lines.map { Row($0, style: .warning) }
        return Frame(size: size, rows: rows, cursor: nil)
    }
}

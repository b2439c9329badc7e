import CatiCore

/// One step of an interview in screen-reader mode (docs/accessibility.md): the same
/// content as `InterviewView`, laid out for a screen reader and a braille display.
/// Rows come in reading order (the question's text, "Istruzione:", the options, the
/// field); every state is a word or an ASCII mark (`>` focus, `[x]` chosen, "Errore:",
/// "Attenzione:", "Nota:"); the top line has no running clock; and the frame's cursor
/// is the focus: the focused option's `>`, the grid cell being typed, the answer field,
/// or the message that needs an answer. A move between options changes the rows of two
/// options only. An option or grid item too long for its row goes on over rows of its
/// own, indented under its label: never cut.
public struct AccessibleInterviewView: Sendable {
    public let header: InterviewHeader
    public let screen: Screen
    public let state: InterviewerState
    public let message: String?
    public let labels: InterviewerLabels
    /// Questions in the questionnaire, for "question k of at most n".
    public let totalQuestions: Int
    /// The loop round of the step, if it is in one: said on the question's first row
    /// and by F7 ("giro 2 di 3").
    public let round: LoopRoundPosition?

    public init(header: InterviewHeader, screen: Screen, state: InterviewerState, message: String?,
                labels: InterviewerLabels, totalQuestions: Int, round: LoopRoundPosition? = nil) {
        self.header = header
        self.screen = screen
        self.state = state
        self.message = message
        self.labels = labels
        self.totalQuestions = totalQuestions
        self.round = round
    }

    /// A block of rows and, within it, the row that may take the focus. A list block
    /// (options, grid items, the answers of a failed check) has its rows in `items`
    /// (an item may take several rows) and `focus` is an item's index.
    struct Block {
        var rows: [Row] = []
        var items: [[Row]] = []
        var focus: Int?
        var focusColumn = 1
    }

    public func frame(_ size: Size) -> Frame {
        guard size.width >= InterviewView.minimum.width, size.height >= InterviewView.minimum.height else {
            var frame = TooSmallView(size: size, text: labels.warningWord + " " + labels.enlarge).frame()
            let row = frame.rows.firstIndex { !$0.text.isEmpty } ?? 0
            frame.cursor = Position(row: row, column: 0)
            return frame
        }
        let width = size.width
        var body = Block()       // focus: the first word of the text
        var heading: Int?        // a message that needs an answer, within body
        var list = Block()
        switch screen {
        case .question(let p):
            body = questionBlock(p, width: width)
            list = p.items.isEmpty ? optionList(p, width: width) : gridList(p, width: width)
        case .specifyOther(let p):
            body.rows = [Row(" " + p.question, style: .bold)]
            if !p.text.isEmpty { body.rows += wrap(p.text, width: width) }
            body.focus = body.rows.count
            body.rows += wrap("\(labels.specify): \(p.labels.joined(separator: ", "))", width: width)
        case .checkFailed(let p), .warning(let p):
            let isCheck: Bool = { if case .checkFailed = screen { return true } else { return false } }()
            let word = isCheck ? labels.checkFailedWords : labels.warningWord
            body.rows = wrap(word + " " + p.message, width: width, style: .bold)
            heading = 0
            body.focus = 0
            body.rows.append(Row(" " + (isCheck ? labels.involved : labels.warningHelp)))
            list.items = p.involved.enumerated().map { k, item in
                let focused = isCheck && state.highlight == k
                let answer = item.answer.isEmpty ? labels.noValue : item.answer
                let lead = " " + (focused ? ">" : " ") + " \(k + 1)  \(item.variable) = \(answer)   "
                return TextLayout.hanging(lead, item.text, width: width - 1).map { Row($0, style: focused ? .reverse : .normal) }
            }
            if isCheck, let h = state.highlight, list.items.indices.contains(h) { list.focus = h }
        case .ending(let p):
            if let text = p.text { body.rows += wrap(text, width: width, style: .bold); body.rows.append(.empty) }
            heading = body.rows.count
            body.focus = 0
            body.rows += wrap(labels.ending(p.status), width: width, style: .bold)
        }
        return assemble(size: size, body: body, heading: heading, list: list)
    }

    private func assemble(size: Size, body: Block, heading: Int?, list: Block) -> Frame {
        let width = size.width, height = size.height
        var rows: [Row] = [titleRow(width: width), .empty]
        let bottom = 3  // field, message, keys
        let bodyStart = rows.count
        rows += body.rows.prefix(max(3, height - rows.count - bottom - 4))
        var listFocusRow: Int?
        if !list.items.isEmpty {
            rows.append(.empty)
            let room = height - rows.count - bottom - 1
            let shown = ListBlock(items: list.items, focus: list.focus).window(room: room) { above, below in
                Row("   " + labels.hiddenRows(above: above, below: below))
            }
            if let focusAt = shown.focusRow { listFocusRow = rows.count + focusAt }
            rows += shown.rows
        }
        while rows.count < height - bottom { rows.append(.empty) }
        rows = Array(rows.prefix(height - bottom))
        let fieldRow = height - 3, messageRow = height - 2
        let focus = self.focus(fieldRow: fieldRow, messageRow: messageRow,
                               textRow: body.focus.map { bodyStart + $0 }, headingRow: heading.map { bodyStart + $0 },
                               listRow: listFocusRow, listColumn: list.focusColumn)
        let (field, fieldColumn) = fieldLine(width: width, focused: focus == nil)
        rows.append(field)
        if state.reading == .whereabouts {
            // F7's words may take the key line too (the next key brings it back).
            let said = whereaboutsRows(width: width)
            rows.append(said.first ?? messageLine(width: width))
            rows.append(said.count > 1 ? said[1] : keyLine(width: width))
        } else {
            rows.append(messageLine(width: width))
            rows.append(keyLine(width: width))
        }
        let cursor = focus ?? Position(row: fieldRow, column: fieldColumn)
        return Frame(size: size, rows: rows, cursor: cursor)
    }

    /// Where the cursor goes; nil: the answer field.
    private func focus(fieldRow: Int, messageRow: Int, textRow: Int?, headingRow: Int?, listRow: Int?,
                       listColumn: Int) -> Position? {
        switch state.reading {
        case .question: return Position(row: textRow ?? 2, column: 1)
        case .whereabouts: return Position(row: messageRow, column: 1)
        case nil: break
        }
        guard state.mode == .answering else { return nil }
        switch screen {
        case .warning:
            return headingRow.map { Position(row: $0, column: 1) }
        case .ending:
            return nil  // "> Save: Enter", below the ending's words
        case .checkFailed:
            if let listRow { return Position(row: listRow, column: listColumn) }
            return state.field.isEmpty ? headingRow.map { Position(row: $0, column: 1) } : nil
        case .question(let p):
            if !p.items.isEmpty { return listRow.map { Position(row: $0, column: listColumn) } }
            return state.highlightActive ? listRow.map { Position(row: $0, column: listColumn) } : nil
        case .specifyOther:
            return nil
        }
    }

    // MARK: Blocks

    private func questionBlock(_ p: QuestionPrompt, width: Int) -> Block {
        var block = Block()
        var first = " " + p.name
        if let round { first += "   " + labels.roundOf(round.round, round.rounds) }
        if !p.hint.isEmpty { first += "   (\(p.hint))" }
        var marks: [String] = []
        if p.question.allowDK { marks.append("F3 \(labels.dk)") }
        if p.question.allowRefused { marks.append("F4 \(labels.refused)") }
        if !marks.isEmpty { first += "   " + marks.joined(separator: ", ") }
        block.rows = [Row(first, style: .bold)]
        block.focus = 1
        block.rows += wrap(p.text, width: width)
        if let instruction = p.instruction, !instruction.isEmpty {
            block.rows += wrap(labels.instructionWord + " " + instruction, width: width, style: .instruction)
        }
        if !p.anchors.isEmpty {
            block.rows.append(Row(" " + p.anchors.map { "\($0.value) = \($0.label)" }.joined(separator: ", ")))
        }
        return block
    }

    private func optionList(_ p: QuestionPrompt, width: Int) -> Block {
        var block = Block()
        let chosen = Set(state.field.text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
        let codeWidth = p.options.map { String($0.code).count }.max() ?? 1
        block.items = p.options.enumerated().map { k, option -> [Row] in
            let focused = state.highlightActive && state.highlight == k
            let isChosen = chosen.contains(String(option.code)) || option.codeName.map(chosen.contains) == true
            let mark = isChosen ? "[x] " : "[ ] "
            let lead = " " + (focused ? ">" : " ") + " " + mark
                + TextLayout.pad(String(option.code), width: codeWidth, alignment: .right) + "  "
            var text = option.label
            if option.other { text += " …" }
            if let instruction = option.instruction, !instruction.isEmpty {
                text += " (" + labels.instructionWord + " " + instruction + ")"
            }
            return TextLayout.hanging(lead, text, width: width - 1).map { Row($0, style: focused ? .reverse : .normal) }
        }
        if let h = state.highlight, state.highlightActive, block.items.indices.contains(h) { block.focus = h }
        return block
    }

    /// A grid: one row per item, `name = value  text`; the current item's cell shows
    /// what is being typed, and the cursor stands in it.
    private func gridList(_ p: QuestionPrompt, width: Int) -> Block {
        var block = Block()
        let nameWidth = min(18, p.items.map { $0.name.count }.max() ?? 0)
        let cellWidth = 8
        block.items = p.items.enumerated().map { k, item -> [Row] in
            let current = k == p.currentItem
            let value = current ? state.field.text : (item.value ?? "-")
            let lead = " " + (current ? ">" : " ") + " " + TextLayout.pad(TextLayout.truncate(item.name, width: nameWidth), width: nameWidth)
                + " = " + TextLayout.pad(value, width: cellWidth) + "  "
            var text = item.text
            if let instruction = item.instruction, !instruction.isEmpty {
                text += " (" + labels.instructionWord + " " + instruction + ")"
            }
            return TextLayout.hanging(lead, text, width: width - 1).map { Row($0, style: current ? .reverse : .normal) }
        }
        if let current = p.currentItem, block.items.indices.contains(current) {
            block.focus = current
            let typed = String(state.field.characters.prefix(state.field.cursor))
            block.focusColumn = 3 + nameWidth + 3 + min(cellWidth - 1, DisplayWidth.of(typed))
        }
        return block
    }
}

import CatiCore

/// The options and grid items of a question on the interviewer screen. The interviewer
/// reads them aloud, so none is ever cut: one that does not fit its row goes on over
/// continuation rows, indented under the start of its label, and the highlight covers
/// all of its rows.
extension InterviewView {
    func questionList(_ p: QuestionPrompt, width: Int) -> ListBlock {
        if !p.items.isEmpty { return gridList(p, width: width) }
        let isMulti: Bool = { if case .multi = p.question.kind { return true } else { return false } }()
        let chosen = Set(state.field.text.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) })
        let codeWidth = p.options.map { String($0.code).count }.max() ?? 1
        let items = p.options.enumerated().map { k, option -> [Row] in
            let code = TextLayout.pad(String(option.code), width: codeWidth, alignment: .right)
            let mark = isMulti ? (chosen.contains(option.code) ? "[x] " : "[ ] ") : ""
            var label = option.label
            if option.other { label += " …" }
            let style: Style = state.highlight == k ? .reverse : .normal
            return Self.itemRows(lead: "  " + mark + code + "  ", text: label, instruction: option.instruction,
                                 width: width - 1, style: style)
        }
        return ListBlock(items: items, focus: state.highlight)
    }

    /// A grid: per item its name, its text (wrapped in its column when long) and its
    /// value so far on the item's first row; the current item highlighted.
    private func gridList(_ p: QuestionPrompt, width: Int) -> ListBlock {
        let nameWidth = min(18, p.items.map { $0.name.count }.max() ?? 0)
        let items = p.items.enumerated().map { k, item -> [Row] in
            let current = k == p.currentItem
            let value = item.value ?? (current ? "" : "·")
            let left = (current ? " ▸ " : "   ") + TextLayout.pad(TextLayout.truncate(item.name, width: nameWidth), width: nameWidth)
                + "  "
            let valueText = TextLayout.pad(value, width: 8, alignment: .right)
            let textWidth = max(10, width - DisplayWidth.of(left) - 10)
            let style: Style = current ? .reverse : .normal
            let cell = Self.itemRows(lead: "", text: item.text, instruction: item.instruction, width: textWidth, style: style)
            if cell.count == 1, item.instruction?.isEmpty ?? true {
                return [Row(left + TextLayout.pad(item.text, width: textWidth) + valueText, style: style)]
            }
            let blankLeft = String(repeating: " ", count: DisplayWidth.of(left))
            let blankValue = String(repeating: " ", count: DisplayWidth.of(valueText))
            return cell.enumerated().map { line, row in
                Row([Span(line == 0 ? left : blankLeft, style: style)] + row.padded(to: textWidth, style: style).spans
                    + [Span(line == 0 ? valueText : blankValue, style: style)])
            }
        }
        return ListBlock(items: items, focus: p.currentItem)
    }

    /// The rows of one entry of a list (an option, a grid item's text): `lead` (its
    /// code and mark) then `text`, word-wrapped within `width` columns with later rows
    /// indented under the text's start. Its interviewer instruction, marked "»" in the
    /// instruction style, follows the text on the same row when both fit, and
    /// otherwise takes rows of its own below it, indented the same way. Every row
    /// starts in `style` (reverse for the highlighted entry).
    static func itemRows(lead: String, text: String, instruction: String?, width: Int, style: Style) -> [Row] {
        let lines = TextLayout.hanging(lead, text, width: width)
        var rows = lines.map { Row($0, style: style) }
        guard let instruction, !instruction.isEmpty else { return rows }
        let note = " » " + instruction + " "
        if lines.count == 1, DisplayWidth.of(lines[0]) + 1 + DisplayWidth.of(note) <= width {
            return [Row([Span(lines[0], style: style), Span(" "), Span(note, style: .instruction)])]
        }
        let indent = String(repeating: " ", count: DisplayWidth.of(lead))
        let noteWidth = max(1, width - DisplayWidth.of(indent) - 3)  // "» " before, a space after
        rows += TextLayout.wrap(instruction, width: noteWidth).map {
            Row([Span(indent, style: style), Span("» " + $0 + " ", style: .instruction)])
        }
        return rows
    }
}

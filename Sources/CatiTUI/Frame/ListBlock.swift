/// A list on a screen whose items may take several rows each (an option whose label
/// wraps), and the item that has the focus (the highlighted option, the current grid
/// item). `window(room:marker:)` chooses what a screen shows when the list is taller
/// than its room: whole items only, the focused one wholly in view and as near the
/// middle as the list allows, and a last row saying how many items are left out.
/// Pure: screens build it, tests read it.
struct ListBlock: Sendable, Hashable {
    /// Each item's rows, top to bottom; an item has at least one row.
    var items: [[Row]]
    var focus: Int?

    init(items: [[Row]], focus: Int?) {
        self.items = items.map { $0.isEmpty ? [Row.empty] : $0 }
        self.focus = focus
    }

    /// One row per item.
    init(rows: [Row], focus: Int?) {
        self.init(items: rows.map { [$0] }, focus: focus)
    }

    var isEmpty: Bool { items.isEmpty }

    /// All rows, item after item.
    var rows: [Row] { items.flatMap { $0 } }

    /// What a screen shows of the list.
    struct Window: Sendable, Hashable {
        /// The rows to draw, the marker row last when items are left out.
        var rows: [Row]
        /// Within `rows`, the first row of the focused item, when it is shown.
        var focusRow: Int?
        /// The items shown: `items[shown]`.
        var shown: Range<Int>
        /// Items left out above and below the ones shown.
        var hiddenAbove: Int
        var hiddenBelow: Int
    }

    /// The rows that fit in `room` rows. When the whole list fits it is shown as it is.
    /// Otherwise the last row is `marker(hiddenAbove, hiddenBelow)` (counts of items)
    /// and the rows above it hold whole items around the focused one (the first when
    /// nothing has the focus): about as many rows above it as below, more on one side
    /// when the other reaches the end of the list. A focused item taller than the room
    /// is shown from its first row, as much as fits.
    func window(room: Int, marker: (_ above: Int, _ below: Int) -> Row) -> Window {
        let all = items.count
        guard room > 0, all > 0 else { return Window(rows: [], focusRow: nil, shown: 0..<0, hiddenAbove: 0, hiddenBelow: 0) }
        let starts = items.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        if starts[all] <= room {
            let focusRow = focus.flatMap { items.indices.contains($0) ? starts[$0] : nil }
            return Window(rows: rows, focusRow: focusRow, shown: 0..<all, hiddenAbove: 0, hiddenBelow: 0)
        }
        let budget = max(1, room - 1)
        let focused = min(max(focus ?? 0, 0), all - 1)
        let shown = Self.itemsAround(focused, heights: items.map(\.count), budget: budget)
        var out = Array(items[shown].joined().prefix(budget))
        let above = shown.lowerBound, below = all - shown.upperBound
        out.append(marker(above, below))
        let focusRow: Int? = focus == nil ? nil : starts[focused] - starts[shown.lowerBound]
        return Window(rows: out, focusRow: focusRow, shown: shown, hiddenAbove: above, hiddenBelow: below)
    }

    /// The run of whole items, holding `focused`, whose heights add up to at most
    /// `budget` (the focused one alone when it is taller): about half the spare rows
    /// above it, the rest below, and what one side cannot use goes to the other.
    static func itemsAround(_ focused: Int, heights: [Int], budget: Int) -> Range<Int> {
        var used = heights[focused]
        guard used < budget else { return focused..<(focused + 1) }
        var first = focused, end = focused + 1
        let aboveTarget = (budget - used + 1) / 2
        var above = 0
        while first > 0, above + heights[first - 1] <= aboveTarget {
            first -= 1
            above += heights[first]
        }
        used += above
        while end < heights.count, used + heights[end] <= budget {
            used += heights[end]
            end += 1
        }
        while first > 0, used + heights[first - 1] <= budget {
            first -= 1
            used += heights[first]
        }
        return first..<end
    }
}

@testable import CatiTUI
import Testing

/// The list model behind the option and grid lists: items of one or more rows, the
/// focused one kept wholly in view.
@Suite struct ListBlockTests {
    static func marker(_ above: Int, _ below: Int) -> Row { Row("more \(above) \(below)") }

    /// Items named "k.r" (item k, its row r), with the given heights.
    static func list(_ heights: [Int], focus: Int?) -> ListBlock {
        ListBlock(items: heights.enumerated().map { k, h in (0..<h).map { Row("\(k).\($0)") } }, focus: focus)
    }

    @Test func aListThatFitsIsShownWholeWithItsFocusRow() {
        let w = Self.list([1, 3, 1], focus: 2).window(room: 5, marker: Self.marker)
        #expect(w.rows.map(\.text) == ["0.0", "1.0", "1.1", "1.2", "2.0"])
        #expect(w.focusRow == 4)
        #expect(w.hiddenAbove == 0 && w.hiddenBelow == 0)
        #expect(Self.list([1, 3, 1], focus: nil).window(room: 5, marker: Self.marker).focusRow == nil)
    }

    /// One row per item: the same window as before items could wrap (start at the
    /// focus less half the visible rows, kept within the list), for every focus.
    @Test(arguments: [(30, 15), (30, 2), (10, 9), (7, 4), (12, 1)])
    func oneRowItemsAreWindowedAsBefore(count: Int, room: Int) {
        for focus in 0..<count {
            let w = Self.list(Array(repeating: 1, count: count), focus: focus).window(room: room, marker: Self.marker)
            let visible = max(1, room - 1)
            let start = min(max(0, focus - visible / 2), count - visible)
            #expect(w.rows.map(\.text) == (start..<(start + visible)).map { "\($0).0" } + ["more \(start) \(count - start - visible)"],
                    "focus \(focus)")
            #expect(w.focusRow == focus - start)
        }
    }

    /// Items of several rows: whatever has the focus, it is shown whole, the rows shown
    /// are whole items in order, and the marker counts the items left out.
    @Test func theFocusedItemIsAlwaysWhollyInView() {
        let heights = [1, 4, 2, 1, 5, 1, 3, 1, 1, 6, 2]
        let list = Self.list(heights, focus: nil)
        for room in 7...12 {
            for focus in heights.indices {
                var focused = list
                focused.focus = focus
                let w = focused.window(room: room, marker: Self.marker)
                #expect(w.rows.count <= room)
                #expect(w.rows.last?.text == "more \(w.hiddenAbove) \(w.hiddenBelow)")
                let shownRows = w.rows.dropLast().map(\.text)
                #expect(shownRows == w.shown.flatMap { k in (0..<heights[k]).map { "\(k).\($0)" } }, "whole items only")
                #expect(w.shown.contains(focus))
                #expect(w.focusRow.map { shownRows[$0] } == "\(focus).0", "room \(room), focus \(focus)")
                #expect(w.hiddenAbove == w.shown.lowerBound && w.hiddenBelow == heights.count - w.shown.upperBound)
            }
        }
    }

    @Test func theLastItemFocusedFillsTheRoomFromAbove() {
        let w = Self.list([1, 1, 1, 1, 1, 1, 4], focus: 6).window(room: 7, marker: Self.marker)
        #expect(w.rows.map(\.text) == ["4.0", "5.0", "6.0", "6.1", "6.2", "6.3", "more 4 0"])
        #expect(w.focusRow == 2)
    }

    @Test func aFocusedItemTallerThanTheRoomShowsItsFirstRows() {
        let w = Self.list([1, 8, 1], focus: 1).window(room: 4, marker: Self.marker)
        #expect(w.rows.map(\.text) == ["1.0", "1.1", "1.2", "more 1 1"])
        #expect(w.focusRow == 0)
    }

    @Test func noRoomShowsNothing() {
        #expect(Self.list([2, 2], focus: 0).window(room: 0, marker: Self.marker).rows.isEmpty)
    }

    // MARK: - Hanging indent

    @Test func aLineThatFitsIsLeftAlone() {
        #expect(TextLayout.hanging("  3  ", "E-mail,  twice", width: 60) == ["  3  E-mail,  twice"])
    }

    /// 60 columns: a long label goes on under its own start, every word kept.
    @Test func aLongTextWrapsUnderItsStartWithEveryWord() {
        let text = "Through the online form on the municipality's website, after looking for the page of the office"
        let lines = TextLayout.hanging("  [ ] 12  ", text, width: 60)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("  [ ] 12  Through the online form"))
        #expect(lines[1].hasPrefix(String(repeating: " ", count: 10)) && lines[1].dropFirst(10).first != " ")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 })
        let shown: [String] = lines.joined(separator: " ").split(separator: " ").dropFirst(3).map(String.init)
        let said: [String] = text.split(separator: " ").map(String.init)
        #expect(shown == said)
    }

    /// Width is display width: wide characters take two columns each.
    @Test func wideCharactersWrapByDisplayWidth() {
        let text = String(repeating: "中", count: 40)  // 80 columns, one word
        let lines = TextLayout.hanging("  1  ", text, width: 60)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 })
        #expect(lines.map { $0.filter { $0 != " " } }.joined() == "1" + text)
        #expect(lines.count == 2 && lines[1].hasPrefix("     中"))
    }
}

import CatiCore

/// The supervisor screen's state (panel shown, scroll per panel, filter) and its frame:
/// a title line, the panel tabs, the panel's rows from `scroll`, a message line and a
/// help line. Keys: Tab / Shift-Tab / 1–4 switch panels, Up/Down/PgUp/PgDn/Home/End
/// scroll, `/` edits the filter (Enter keeps it, Escape clears it), `q` quits.
public struct MonitorScreen: Sendable {
    public static let minimum = Size(width: 60, height: 12)

    public enum Outcome: Equatable, Sendable { case none, quit }

    public private(set) var panel: MonitorPanel = .quotas
    public private(set) var scroll: [MonitorPanel: Int] = [:]
    public private(set) var filter = ""
    public private(set) var editingFilter = false
    /// Shown on the message line until replaced (a file read again, an error).
    public var message: String?
    /// Screen-reader mode (docs/accessibility.md): the panel shown is marked `>` on the
    /// tab line, the help line is in words, and the cursor stands at the start of the
    /// first row of the panel (the filter while it is typed).
    public var screenReader = false

    public init() {}

    /// Rows of the panel area for a screen of `size`: everything but 3 lines on top and 2 below.
    static func bodyHeight(_ size: Size) -> Int { max(1, size.height - 5) }

    public mutating func handle(_ key: Key, figures: MonitorFigures, size: Size) -> Outcome {
        if editingFilter {
            switch key {
            case .enter: editingFilter = false
            case .escape: editingFilter = false; filter = ""
            case .backspace: if !filter.isEmpty { filter.removeLast() }
            case .char(let c): filter.append(c)
            default: break
            }
            scroll = [:]
            return .none
        }
        let page = Self.bodyHeight(size)
        let count = MonitorPanels(figures: figures, filter: filter).rows(panel, width: size.width).count
        let last = max(0, count - page)
        let at = min(scroll[panel] ?? 0, last)
        switch key {
        case .char("q"), .char("Q"): return .quit
        case .tab: panel = MonitorPanel(rawValue: panel.rawValue % 4 + 1)!
        case .backTab: panel = MonitorPanel(rawValue: (panel.rawValue + 2) % 4 + 1)!
        case .char(let c) where ("1"..."4").contains(c): panel = MonitorPanel(rawValue: Int(String(c))!)!
        case .char("/"): editingFilter = true
        case .escape: filter = ""; scroll = [:]
        case .down: scroll[panel] = min(last, at + 1)
        case .up: scroll[panel] = max(0, at - 1)
        case .pageDown: scroll[panel] = min(last, at + page)
        case .pageUp: scroll[panel] = max(0, at - page)
        case .home: scroll[panel] = 0
        case .end: scroll[panel] = last
        default: break
        }
        return .none
    }

    public func frame(_ figures: MonitorFigures, size: Size, records: Int, clock: String) -> Frame {
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else {
            return TooSmallView(size: size, text: "Enlarge the window to at least \(Self.minimum.width)×\(Self.minimum.height)").frame()
        }
        var rows: [Row] = []
        let title = " cati monitor · \(figures.survey) · \(records) finished · \(figures.summary.inProgress) in progress"
        rows.append(Row(TextLayout.truncate(title, width: size.width - clock.count - 2), style: .title).padded(to: size.width - clock.count - 1, style: .title)
                    + Row(clock + " ", style: .title))
        var tabs = Row(" ")
        for p in MonitorPanel.allCases {
            let mark = screenReader ? (p == panel ? ">" : " ") : " "
            tabs.append(mark + "\(p.rawValue) \(p.title) ", style: p == panel ? .reverse : .normal)
            tabs.append(" ")
        }
        if !filter.isEmpty || editingFilter { tabs.append("  filter: " + filter, style: .warning) }
        rows.append(tabs)
        rows.append(.empty)
        let body = MonitorPanels(figures: figures, filter: filter).rows(panel, width: size.width)
        let page = Self.bodyHeight(size)
        let at = min(scroll[panel] ?? 0, max(0, body.count - page))
        rows += body.dropFirst(at).prefix(page)
        rows += Array(repeating: Row.empty, count: max(0, 3 + page - rows.count))
        var status = message ?? ""
        if body.count > page { status = (status.isEmpty ? "" : status + " · ") + "rows \(at + 1)–\(min(body.count, at + page)) of \(body.count)" }
        rows.append(Row(" " + status, style: message == nil ? .dim : .warning))
        let help = editingFilter ? " Filter by interviewer or cell: type, Enter keeps it, Esc clears it"
            : screenReader ? " Tab or 1-4 panels, Up Down PgUp PgDn scroll, / filter, Esc clear, q quit"
            : " Tab/1-4 panels  ↑↓ PgUp/PgDn scroll  / filter  Esc clear  q quit"
        rows.append(Row(help, style: .dim))
        var cursor: Position?
        if editingFilter {
            let column = DisplayWidth.of(tabs.text)
            if column < size.width { cursor = Position(row: 1, column: column) }
        } else if screenReader {
            cursor = Position(row: 3, column: 0)
        }
        return Frame(size: size, rows: rows, cursor: cursor)
    }
}

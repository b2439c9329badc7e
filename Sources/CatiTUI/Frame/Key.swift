/// A key press, decoded. Screens act on these and never see curses codes.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable character, accented letters and space included.
    case char(Character)
    case enter, backspace, tab, backTab, escape
    case up, down, left, right, home, end, pageUp, pageDown, insert, delete
    /// F1…F12 (terminals may send higher numbers for shifted function keys).
    case function(Int)
    /// A control letter, lowercase: Ctrl-B is `.ctrl("b")`. Ctrl-H, Ctrl-I, Ctrl-J and
    /// Ctrl-M are never this: they decode as backspace, tab and enter.
    case ctrl(Character)
    /// The terminal changed size: redraw at the new size.
    case resize

    public var description: String {
        switch self {
        case .char(let c): "char(\(c))"
        case .function(let n): "function(\(n))"
        case .ctrl(let c): "ctrl(\(c))"
        case .enter: "enter"
        case .backspace: "backspace"
        case .tab: "tab"
        case .backTab: "backTab"
        case .escape: "escape"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pageUp"
        case .pageDown: "pageDown"
        case .insert: "insert"
        case .delete: "delete"
        case .resize: "resize"
        }
    }
}

/// What `wget_wch` gave: a wide character (it returned OK) or a key code (it returned
/// KEY_CODE_YES).
public enum RawKey: Sendable, Hashable {
    case character(UInt32)
    case keyCode(Int32)
}

/// The ncurses key codes the decoder knows (values of `<curses.h>`; a test in
/// CatiTUITests checks them against the header).
public enum CursesKeyCode {
    public static let down: Int32 = 0o402
    public static let up: Int32 = 0o403
    public static let left: Int32 = 0o404
    public static let right: Int32 = 0o405
    public static let home: Int32 = 0o406
    public static let backspace: Int32 = 0o407
    public static let f0: Int32 = 0o410
    public static let deleteCharacter: Int32 = 0o512
    public static let insertCharacter: Int32 = 0o513
    public static let nextPage: Int32 = 0o522
    public static let previousPage: Int32 = 0o523
    public static let enter: Int32 = 0o527
    public static let backTab: Int32 = 0o541
    public static let end: Int32 = 0o550
    public static let resize: Int32 = 0o632
}

/// Turns raw input into a `Key`; nil for input no screen acts on (other control
/// codes, unknown key codes, invalid characters).
public enum KeyDecoder {
    public static func decode(_ raw: RawKey) -> Key? {
        switch raw {
        case .character(let value): decodeCharacter(value)
        case .keyCode(let code): decodeKeyCode(code)
        }
    }

    static func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26:
            return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0..<32, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case CursesKeyCode.enter: return .enter
        case CursesKeyCode.backspace: return .backspace
        case CursesKeyCode.up: return .up
        case CursesKeyCode.down: return .down
        case CursesKeyCode.left: return .left
        case CursesKeyCode.right: return .right
        case CursesKeyCode.home: return .home
        case CursesKeyCode.end: return .end
        case CursesKeyCode.previousPage: return .pageUp
        case CursesKeyCode.nextPage: return .pageDown
        case CursesKeyCode.insertCharacter: return .insert
        case CursesKeyCode.deleteCharacter: return .delete
        case CursesKeyCode.backTab: return .backTab
        case CursesKeyCode.resize: return .resize
        case (CursesKeyCode.f0 + 1)...(CursesKeyCode.f0 + 63):
            return .function(Int(code - CursesKeyCode.f0))
        default: return nil
        }
    }
}

import CNcursesw

/// The values `<curses.h>` gives the constants that the pure side (`CursesKeyCode`,
/// `TerminalColor`) spells out as numbers, side by side, so a test can check that
/// they agree.
enum CursesHeaderValues {
    static var keyCodes: [(name: String, decoder: Int32, header: Int32)] {
        [
            ("down", CursesKeyCode.down, KEY_DOWN),
            ("up", CursesKeyCode.up, KEY_UP),
            ("left", CursesKeyCode.left, KEY_LEFT),
            ("right", CursesKeyCode.right, KEY_RIGHT),
            ("home", CursesKeyCode.home, KEY_HOME),
            ("backspace", CursesKeyCode.backspace, KEY_BACKSPACE),
            ("f0", CursesKeyCode.f0, KEY_F0),
            ("f2", CursesKeyCode.f0 + 2, cati_key_f(2)),
            ("f10", CursesKeyCode.f0 + 10, cati_key_f(10)),
            ("deleteCharacter", CursesKeyCode.deleteCharacter, KEY_DC),
            ("insertCharacter", CursesKeyCode.insertCharacter, KEY_IC),
            ("nextPage", CursesKeyCode.nextPage, KEY_NPAGE),
            ("previousPage", CursesKeyCode.previousPage, KEY_PPAGE),
            ("enter", CursesKeyCode.enter, KEY_ENTER),
            ("backTab", CursesKeyCode.backTab, KEY_BTAB),
            ("end", CursesKeyCode.end, KEY_END),
            ("resize", CursesKeyCode.resize, KEY_RESIZE),
        ]
    }

    static var colors: [(color: TerminalColor, header: Int32)] {
        [
            (.black, COLOR_BLACK), (.red, COLOR_RED), (.green, COLOR_GREEN), (.yellow, COLOR_YELLOW),
            (.blue, COLOR_BLUE), (.magenta, COLOR_MAGENTA), (.cyan, COLOR_CYAN), (.white, COLOR_WHITE),
        ]
    }
}

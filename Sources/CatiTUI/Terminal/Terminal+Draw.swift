import CNcursesw

extension Terminal {
    /// Shows `frame`: erases, writes every span with the wide-character API in its
    /// style, places or hides the cursor, and updates the screen in one go. Parts of
    /// the frame beyond the terminal's size are cut off.
    public func draw(_ frame: Frame) {
        guard let win = window else { return }
        let frame = screenReader ? frame.withPlainGlyphs() : frame
        let size = self.size
        werase(win)
        for (y, row) in frame.rows.prefix(size.height).enumerated() {
            var x = 0
            for span in row.clipped(to: size.width).spans {
                let characters = span.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                let look = palette.look(span.style)
                _ = cati_attr_set(win, look.attributes, look.pair)
                _ = characters.withUnsafeBufferPointer { buffer in
                    cati_put(win, Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count))
                }
                x += span.width
            }
        }
        _ = cati_attr_set(win, cati_a_normal(), 0)
        if let cursor = frame.cursor, cursor.row >= 0, cursor.row < size.height,
            cursor.column >= 0, cursor.column < size.width
        {
            curs_set(1)
            wmove(win, Int32(cursor.row), Int32(cursor.column))
        } else if screenReader {
            // Never hidden (a screen reader follows it): at the start of the first words.
            curs_set(1)
            let first = frame.rows.prefix(size.height).firstIndex { !$0.text.allSatisfy { $0 == " " } } ?? 0
            wmove(win, Int32(first), 0)
        } else {
            curs_set(0)
        }
        wnoutrefresh(win)
        WriteWatchdog.writing { _ = doupdate() }  // a dead terminal's write does not hang us
        traceDraw()
    }

    /// Rings the terminal's bell (a rejected answer, when asked for).
    public func bell() {
        WriteWatchdog.writing { _ = beep() }
    }

    /// The next `draw` rewrites every row, top to bottom (the re-read key), instead of
    /// only what changed. No clear-screen is sent.
    public func rewriteAll() {
        guard let win = window else { return }
        redrawwin(win)
    }
}

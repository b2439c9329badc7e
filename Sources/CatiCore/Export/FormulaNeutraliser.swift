/// Spreadsheet formula injection (CSV injection): Excel, LibreOffice and Google Sheets
/// run a cell that starts with `=`, `+`, `-` or `@` (and, through some importers, a tab
/// or a carriage return) as a formula. A text cell starting with one of those gets a
/// leading apostrophe `'`, which spreadsheets show as a text marker and never run. A text
/// that is a plain number (`-3`, `+39.5`) is left alone: a spreadsheet reads it as the
/// number it is, not as a formula. A text that itself starts with `'` gets one more, so
/// the rule is reversible: drop one leading `'` from any text cell that starts with one.
public enum FormulaNeutraliser {
    public static let prefix = UInt8(ascii: "'")

    public static func needsPrefix(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        switch first {
        case UInt8(ascii: "'"): return true
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(text.dropFirst())
        default: return false
        }
    }

    /// Digits with at most one decimal point among them, nothing else.
    private static func isPlainNumber(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var digits = 0, points = 0
        for b in text {
            if b >= 0x30 && b <= 0x39 { digits += 1 } else if b == UInt8(ascii: ".") { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1
    }

    /// The original text of a neutralised cell (for readers and tests).
    public static func restore(_ cell: String) -> String {
        cell.hasPrefix("'") ? String(cell.dropFirst()) : cell
    }
}

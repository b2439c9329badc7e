/// The value of a string literal: escapes applied (`\"`, `\\`, `\n`; any other
/// backslash is kept), and runs of white space folded to one space unless `fold` is off
/// (pattern strings keep their white space).
public enum StringLiteral {
    public static func value(of raw: String, fold: Bool = true) -> String {
        if isPlain(raw) { return raw }
        var out = String.UnicodeScalarView()
        var inSpace = false
        var it = raw.unicodeScalars.makeIterator()
        while let c = it.next() {
            if fold, c == " " || c == "\t" || c == "\n" || c == "\r" {
                if !inSpace { out.append(" ") }
                inSpace = true
                continue
            }
            inSpace = false
            guard c == "\\" else { out.append(c); continue }
            guard let next = it.next() else { out.append(c); break }
            switch next {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "n": out.append("\n")
            default:
                out.append(c)
                if fold, next == " " || next == "\t" || next == "\n" || next == "\r" {
                    out.append(" "); inSpace = true
                } else {
                    out.append(next)
                }
            }
        }
        return String(out)
    }

    /// No escape, and no white space that folding would change.
    private static func isPlain(_ raw: String) -> Bool {
        raw.utf8.withContiguousStorageIfAvailable { isPlain($0) } ?? isPlain(raw.utf8)
    }

    private static func isPlain(_ utf8: some Sequence<UInt8>) -> Bool {
        var previousSpace = false
        for b in utf8 {
            switch b {
            case 0x5C, 0x09, 0x0A, 0x0D: return false
            case 0x20:
                if previousSpace { return false }
                previousSpace = true
            default: previousSpace = false
            }
        }
        return true
    }
}

/// The value of a string literal: escapes applied (`\"`, `\\`, `\n`; any other
/// backslash is kept), and runs of white space folded to one space unless `fold` is off
/// (pattern strings keep their white space).
public enum StringLiteral {
    public static func value(of raw: String, fold: Bool = true) -> String {
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
}

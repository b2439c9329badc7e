extension TextLayout {
    /// `lead` then `text` as lines of at most `width` columns, no word left out: the one
    /// line `lead + text` when it fits; otherwise `text` word-wrapped in the columns
    /// after `lead`, each later line starting with as many spaces as `lead` is wide (a
    /// hanging indent: an option's continuation rows start under its label, not under
    /// its code).
    public static func hanging(_ lead: String, _ text: String, width: Int) -> [String] {
        let line = lead + text
        if DisplayWidth.of(line) <= width { return [line] }
        let leadWidth = DisplayWidth.of(lead)
        let indent = String(repeating: " ", count: leadWidth)
        let lines = wrap(text, width: max(1, width - leadWidth))
        guard !lines.isEmpty else { return [lead] }
        return lines.enumerated().map { k, part in (k == 0 ? lead : indent) + part }
    }
}

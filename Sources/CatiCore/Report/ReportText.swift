/// Small text helpers shared by the report's formats.
enum ReportText {
    static func fixed(_ x: Double?, _ decimals: Int, none: String = "–") -> String {
        guard let x, x.isFinite else { return none }
        return NumberFormat.formatFixed(x, decimals: decimals)
    }

    static func pct(_ x: Double?, none: String = "–") -> String {
        guard let x, x.isFinite else { return none }
        return NumberFormat.formatFixed(x, decimals: 1) + "%"
    }

    static func interval(_ ci: (Double, Double)?, _ decimals: Int = 2) -> String {
        guard let ci else { return "–" }
        return fixed(ci.0, decimals) + "–" + fixed(ci.1, decimals)
    }

    /// 1200 → "1,200".
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func padRight(_ s: String, _ width: Int) -> String {
        let c = s.count
        if c > width { return width <= 1 ? String(s.prefix(width)) : String(s.prefix(width - 1)) + "…" }
        return s + String(repeating: " ", count: width - c)
    }

    static func padLeft(_ s: String, _ width: Int) -> String {
        let c = s.count
        return c >= width ? s : String(repeating: " ", count: width - c) + s
    }

    /// A bar of `width` cells filled to `fraction` (0…1) with block characters, eighths included.
    static func bar(_ fraction: Double, width: Int) -> String {
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let eighths = Int((f * Double(width * 8)).rounded())
        let full = eighths / 8
        let rest = eighths % 8
        let parts = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var s = String(repeating: "█", count: full) + parts[rest]
        let shown = full + (rest > 0 ? 1 : 0)
        if shown < width { s += String(repeating: " ", count: width - shown) }
        return s
    }

    /// The first line of a text, cut to `width` characters.
    static func firstLine(_ s: String, _ width: Int) -> String {
        let line = s.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? s
        return padRight(line, width).trimmingTrailingSpaces()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

import Foundation

/// The `--trace` file: `id<TAB>variable<TAB>value` per acknowledged answer, `id<TAB>=<TAB>status`
/// per saved interview. A last line without its newline is ignored.
struct Trace {
    var order: [String] = []
    var saved: [String: String] = [:]
    private var entries: [String: [(String, String)]] = [:]

    init(file: String) {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // "" after the last newline, or a torn line
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            if !order.contains(fields[0]) { order.append(fields[0]) }
            if fields[1] == "=" { saved[fields[0]] = fields[2] } else { entries[fields[0], default: []].append((fields[1], fields[2])) }
        }
    }

    func answers(_ id: String) -> [(String, String)] { entries[id] ?? [] }

    /// Whether the last whole line of the trace is an answer (not a save).
    static func endsInTheMiddleOfAnInterview(_ file: String) -> Bool {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasSuffix("\n") else { return false }
        guard let last = text.dropLast().split(separator: "\n").last else { return false }
        let fields = last.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        return fields.count == 3 && fields[1] != "="
    }

    /// Each variable's last acknowledged value (an answer changed after going back counts once).
    func lastValues(_ id: String) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in answers(id) { out[name] = value }
        return out
    }
}

/// Which store a command uses: the data folder by default; a database named by URL
/// (`--store postgres://…`, a backend of its own target) for several hosts.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// A data folder (docs/data-folder.md).
    case folder(String)
    /// A store named by a URL whose scheme is not a folder's (`postgres://…`).
    case url(scheme: String, String)

    /// `--store` as given: a `file://` URL or a plain path is a folder.
    public init(_ text: String) {
        if let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") {
            let scheme = String(text[..<colon]).lowercased()
            self = scheme == "file" ? .folder(String(text[text.index(colon, offsetBy: 3)...])) : .url(scheme: scheme, text)
        } else {
            self = .folder(text)
        }
    }

    public var description: String {
        switch self {
        case .folder(let path): return "data folder \(path)"
        case .url(_, let text): return text
        }
    }
}

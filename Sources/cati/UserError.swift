/// A mistake of the user's (a file that cannot be read, a flag that needs another): one
/// line on stderr, `Error: …`, and exit status 1, as cli.md asks. (ArgumentParser's own
/// `ValidationError` would print the usage too and exit 64.)
struct UserError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

import ArgumentParser
import CatiCore
import Foundation

@main
struct Cati: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cati",
        abstract: "Computer-assisted telephone interviewing in the terminal.",
        version: "0.2.0",
        subcommands: CatiSubcommands.all
    )

    /// As ArgumentParser's own main, except that a command line it cannot read is a
    /// user error like any other (cli.md): one line on stderr and exit 1, with a pointer
    /// to `--help` instead of the usage text and exit 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            var reason = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            let names = CatiSubcommands.all.compactMap { $0.configuration.commandName }
            let words = CommandLine.arguments.dropFirst()
            let subcommand = words.first { names.contains($0) }
            if subcommand == nil, let first = words.first, !first.hasPrefix("-") {
                let guess = Suggest.closest(to: first, in: names)
                reason = "unknown command '\(first)'" + (guess.map { "; did you mean '\($0)'?" } ?? "")
            }
            let help = "cati " + (subcommand.map { $0 + " " } ?? "") + "--help"
            FileHandle.standardError.write(Data("Error: \(reason) (see '\(help)')\n".utf8))
            Foundation.exit(1)
        }
    }
}

import ArgumentParser

@main
struct Cati: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cati",
        abstract: "Computer-assisted telephone interviewing in the terminal.",
        version: "0.2.0",
        subcommands: CatiSubcommands.all
    )
}

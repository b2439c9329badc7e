import ArgumentParser

@main
struct Cati: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cati",
        abstract: "Computer-assisted telephone interviewing in the terminal.",
        subcommands: CatiSubcommands.all
    )
}

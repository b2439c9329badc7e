import ArgumentParser

/// Every subcommand, in the order `cati --help` lists them.
enum CatiSubcommands {
    static let all: [any ParsableCommand.Type] = [
        CheckCommand.self,
        SimulateCommand.self,
        QuotasCommand.self,
        InterviewCommand.self,
        StoreCommand.self,
        KeyEchoCommand.self,
    ]
}

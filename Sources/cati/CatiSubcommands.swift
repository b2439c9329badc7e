import ArgumentParser

/// Every subcommand, in the order `cati --help` lists them.
enum CatiSubcommands {
    static let all: [any ParsableCommand.Type] = [
        CheckCommand.self,
        SimulateCommand.self,
        QuotasCommand.self,
        ReportCommand.self,
        ExportCommand.self,
        DocCommand.self,
        MonitorCommand.self,
        OutcomesCommand.self,
        CallCommand.self,
        ReleaseCommand.self,
        EraseCommand.self,
        PurgeCommand.self,
        InterviewCommand.self,
        KeyEchoCommand.self,
        InitCommand.self,
        DoctorCommand.self,
        SettingsCommand.self,
        AuditCommand.self,
        StoreCommand.self,
    ]
}

import ArgumentParser
import CatiCore
import CatiStore

/// `cati audit verify` and `cati audit show`: the survey's audit trail (supervisors).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail: 'verify' checks its hash chain, 'show' prints the latest entries.",
        subcommands: [Verify.self, Show.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check audit.jsonl's hash chain: names an edited, removed or reordered line; exit 1 if any.")

        @Argument(help: "The questionnaire (.cati file).")
        var file: String

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let (_, lines) = try AuditCommand.lines(file, dataOptions)
            let problems = AuditChain.verify(lines)
            for problem in problems { printError(problem.description) }
            if !problems.isEmpty {
                throw UserError("audit trail broken: \(problems.count) problem\(problems.count == 1 ? "" : "s") "
                                + "in \(lines.count) lines")
            }
            print("audit trail intact: \(lines.count) entr\(lines.count == 1 ? "y" : "ies"); "
                  + "last line's sha256 \(AuditChain.head(lines))")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the latest entries of audit.jsonl.")

        @Argument(help: "The questionnaire (.cati file).")
        var file: String

        @OptionGroup var dataOptions: DataOptions

        @Option(name: .short, help: "How many of the latest entries.")
        var n: Int = 20

        func run() throws {
            let (_, lines) = try AuditCommand.lines(file, dataOptions)
            for line in lines.suffix(max(0, n)) {
                guard let json = JSONParser.parseObject(line) else { print(String(decoding: line, as: UTF8.self)); continue }
                let at = json["at"]?.stringValue ?? "?", action = json["action"]?.stringValue ?? "?"
                let who = "\(json["login"]?.stringValue ?? "?")@\(json["host"]?.stringValue ?? "?")"
                let rest = (json.objectMembers ?? []).filter {
                    !["seq", "prev", "at", "action", "survey", "login", "uid", "host", "pid"].contains($0.0)
                }
                let detail = rest.map { "\($0.0)=\($0.1.stringValue ?? $0.1.serialized)" }.joined(separator: " ")
                print("\(at)  \(action)  \(who)" + (detail.isEmpty ? "" : "  " + detail))
            }
        }
    }

    static func lines(_ file: String, _ dataOptions: DataOptions) throws -> (any InterviewStore, [[UInt8]]) {
        let questionnaire = try QuestionnaireFile.load(file)
        let store = try dataOptions.existingStore(for: questionnaire)
        try Access.require(.readAudit, in: store)
        guard try store.surveySettings() != nil else {
            throw UserError("the \(store.location) keeps no audit trail (no settings.json: 'cati init' sets one up)")
        }
        do { return (store, try store.auditLines()) } catch let error as StoreError {
            throw UserError("cannot read the audit trail of the \(store.location): \(error)")
        }
    }
}

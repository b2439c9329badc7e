import ArgumentParser
import CatiCore
import Foundation

/// `cati doc`: the questionnaire for review by a client before fieldwork.
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "The questionnaire for review: texts, codes, validation, routing in words, checks, quotas."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, html }

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @Option(help: "The output format.")
    var format: Format = .markdown

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let doc = QuestionnaireDoc(try QuestionnaireFile.load(file))
        let text = format == .html ? doc.html : doc.markdown
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw UserError("cannot write '\(out)': \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

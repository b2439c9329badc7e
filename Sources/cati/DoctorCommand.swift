import ArgumentParser
import CatiCore
import CatiStore

/// `cati doctor`: checks the data folder's group, modes and ownership; prints the
/// commands that fix what is wrong; exit 1 when something is.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the data folder's group, modes and ownership; print the chmod/chgrp lines that fix them."
    )

    @Argument(help: "The questionnaire (.cati file).")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let questionnaire = try QuestionnaireFile.load(file)
        guard !dataOptions.isDatabase(for: questionnaire) else {
            throw UserError("cati doctor checks a data folder's modes; a database's privileges are its roles' "
                            + "(cati store init)")
        }
        let folder = dataOptions.folder(for: questionnaire)
        let findings: [FolderDoctor.Finding]
        let settings: SurveySettings?
        do {
            _ = try FolderStore(existing: folder, survey: questionnaire.survey)
            let expected = FolderDoctor.expectedSettings(of: folder)
            settings = expected.0
            if let problem = expected.problem {
                print("\(folder.settings) cannot be read (\(problem)): checked against the folder's own group")
            }
            findings = try FolderDoctor.check(folder, settings: settings)
        } catch let error as StoreError {
            throw UserError("\(error)")
        }
        let kind = settings?.group.map { "shared by group \($0)" } ?? "private (one login)"
        guard !findings.isEmpty else {
            print("data folder \(folder.path): \(kind); group, modes and owners as they should be")
            return
        }
        print("data folder \(folder.path): \(kind); \(findings.count) problem\(findings.count == 1 ? "" : "s"):")
        for finding in findings { print("  " + finding.description) }
        let fixes = findings.compactMap(\.fix)
        if !fixes.isEmpty {
            print("To fix (as the file's owner, or root):")
            for fix in fixes { print("  " + fix) }
        }
        throw ExitCode(1)
    }
}

import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `--data DIR`, shared by every command that reads or writes interviews.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (default: data/<survey name> under the current folder).")
    var data: String?

    func folder(for questionnaire: Questionnaire) -> DataFolder {
        DataFolder(path: data ?? DataFolder.defaultPath(survey: questionnaire.survey))
    }

    func store(for questionnaire: Questionnaire) throws -> FolderStore {
        let folder = folder(for: questionnaire)
        do {
            return try FolderStore(folder: folder)
        } catch {
            throw UserError("cannot use data folder '\(folder.path)': \(error)")
        }
    }
}

/// Reading `--sample FILE.csv`, reporting rows that do not fit by line.
enum SampleLoader {
    static func load(_ path: String?, for questionnaire: Questionnaire) throws -> SampleFile? {
        guard let path else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError("cannot read sample file '\(path)'")
        }
        let text = SampleText(bytes: [UInt8](data))
        do {
            let sample = try SampleFile.parse(text.text, for: questionnaire, file: path, badBytes: text.badBytes)
            for problem in sample.problems { printError("warning: " + problem) }
            return sample
        } catch let failure as SampleFile.Failure {
            throw UserError("\(path): \(failure)")
        }
    }
}

import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// `--data DIR` or `--store URL`, shared by every command that reads or writes interviews.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (default: data/<survey name> under the current folder).")
    var data: String?

    @Option(name: .long, help: ArgumentHelp(
        "Where interviews are kept: a data folder, or postgres://USER@HOST:PORT/DB (default: $CATI_STORE, else the data folder).",
        valueName: "URL"))
    var store: String?

    func folder(for questionnaire: Questionnaire) -> DataFolder {
        DataFolder(path: data ?? DataFolder.defaultPath(survey: questionnaire.survey))
    }

    /// The store of every command that writes interviews: created on first use.
    func store(for questionnaire: Questionnaire) throws -> any InterviewStore {
        try StoreFactory.open(try location(for: questionnaire), survey: questionnaire.survey, creating: true)
    }

    /// The store of a command that only reads: it must exist already.
    func existingStore(for questionnaire: Questionnaire) throws -> any InterviewStore {
        try StoreFactory.open(try location(for: questionnaire), survey: questionnaire.survey, creating: false)
    }

    /// `--store`, else `--data`, else `CATI_STORE`, else the default data folder.
    func location(for questionnaire: Questionnaire) throws -> StoreLocation {
        if let store {
            guard data == nil else { throw UserError("--data and --store name two stores: give one") }
            return StoreLocation(store)
        }
        if data == nil, let env = ProcessInfo.processInfo.environment["CATI_STORE"], !env.isEmpty {
            return StoreLocation(env)
        }
        return .folder(folder(for: questionnaire).path)
    }

    /// Whether the store is a database (commands that use folder files beside it, such
    /// as fieldwork.json, then skip them).
    func isDatabase(for questionnaire: Questionnaire) -> Bool {
        if case .url = (try? location(for: questionnaire)) ?? .folder("") { return true }
        return false
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

import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// What one `cati export` writes where, and the writing: the data pass first (streamed),
/// then the files that need its measurements (text widths), all renamed at the end.
struct ExportPlan {
    let command: ExportCommand
    let questionnaire: Questionnaire
    let folder: DataFolder
    let store: any InterviewStore
    let layout: ExportLayout
    let statuses: [String]?
    /// `--pseudonymise`, `--include-personal` (docs/privacy.md).
    let privacy: RecordPrivacy

    init(command: ExportCommand, questionnaire: Questionnaire, folder: DataFolder, store: any InterviewStore) throws {
        self.command = command
        self.store = store
        self.questionnaire = questionnaire
        self.folder = folder
        let codebook = Codebook(questionnaire: questionnaire, includingPersonal: command.includePersonal)
        layout = ExportLayout(codebook: codebook, questionnaire: questionnaire,
                              multi: command.format == .sss ? .bitString : .columnPerCode, paradata: command.paradata,
                              reserved: command.format == .spss ? SPSSSyntax.reservedWords : [],
                              personal: command.includePersonal ? Questionnaire.alwaysPersonalColumns : [])
        var privacy = RecordPrivacy()
        if command.pseudonymise {
            do { privacy.pseudonymKey = try store.pseudonymKey() } catch let error as StoreError {
                throw UserError("cannot read or make the pseudonym key of the \(store.location): \(error)")
            }
        }
        if command.includePersonal, let sample = try SampleLoader.load(command.sample, for: questionnaire) {
            for row in sample.rows { privacy.personal[row.id] = RecordPrivacy.members(of: row, questionnaire: questionnaire) }
        }
        self.privacy = privacy
        statuses = try command.statuses()
    }

    func run() throws {
        switch command.format {
        case .csv, .jsonl: try runSingleFile()
        case .spss, .sss: try runFolder()
        }
    }

    private var survey: String { questionnaire.survey }

    private func rowOptions(spreadsheet: Bool) throws -> DelimitedRowWriter.Options {
        var options = DelimitedRowWriter.Options()
        options.delimiter = try command.delimiterByte()
        options.missingEmpty = command.missing == "empty"
        if spreadsheet {
            options.neutralise = !command.noNeutralise
        } else {
            options.neutralise = false
            options.crlf = false
            options.lineBreaksAsControls = command.format == .spss
        }
        return options
    }

    /// csv or jsonl: stdout, a file, or a file in an existing folder.
    private func runSingleFile() throws {
        let ext = command.format == .csv ? "csv" : "jsonl"
        var target = command.out
        if let out = target, out.hasSuffix("/") { try Platform.makeDirectory(String(out.dropLast())) }
        if let out = target, ExportPlan.isDirectory(out) {
            target = (out.hasSuffix("/") ? String(out.dropLast()) : out) + "/" + survey + "." + ext
        }
        var files: [ExportFile] = []
        defer { for f in files { f.abandon() } }
        let data = try target.map { try ExportFile(path: $0, replacing: command.force) }
        if let data { files.append(data) }
        let bom: [UInt8] = command.excel && command.format == .csv ? [0xEF, 0xBB, 0xBF] : []
        var output: RecordExport.Output = command.format == .csv
            ? .rows(DelimitedRowWriter(layout: layout, options: try rowOptions(spreadsheet: true))) : .jsonl
        let summary = try stream(&output, header: bom) { bytes in
            if let data { try data.write(bytes) } else { try Platform.writeAll(1, bytes, path: "stdout") }
        }
        if command.format == .csv, let target {
            let base = target.hasSuffix(".csv") ? String(target.dropLast(4)) : target
            try files.append(contentsOf: codebookFiles(base: base, options: try rowOptions(spreadsheet: true)))
        }
        try commit(files)
        files = []
        report(summary, to: target ?? "stdout")
    }

    /// spss or sss: a folder with the data file, its syntax or metadata, and the codebook.
    private func runFolder() throws {
        let dir = command.out ?? (folder.path.hasSuffix("/") ? String(folder.path.dropLast()) : folder.path) + "-export"
        try Platform.makeDirectory(dir)
        let base = dir + "/" + survey
        var files: [ExportFile] = []
        defer { for f in files { f.abandon() } }
        let data = try ExportFile(path: base + ".csv", replacing: command.force)
        files.append(data)
        let options = try rowOptions(spreadsheet: false)
        var output = RecordExport.Output.rows(DelimitedRowWriter(layout: layout, options: options))
        let summary = try stream(&output) { try data.write($0) }
        guard case .rows(let writer) = output else { return }
        let absoluteData = absolute(base + ".csv")
        if command.format == .spss {
            let syntax = SPSSSyntax(layout: layout, widths: writer.widths, dataPath: absoluteData,
                                    savPath: absolute(base + ".sav"), delimiter: options.delimiter)
            files.append(try textFile(base + ".sps", syntax.text))
        } else {
            let today = String(Timestamp.rfc3339(Date().timeIntervalSince1970).prefix(10))
            let meta = TripleSMetadata(layout: layout, widths: writer.widths, dataFileName: survey + ".csv", date: today)
            files.append(try textFile(base + ".sss", meta.xml))
        }
        try files.append(contentsOf: codebookFiles(base: base, options: try rowOptions(spreadsheet: true)))
        try commit(files)
        files = []
        report(summary, to: dir)
    }

    private func stream(_ output: inout RecordExport.Output, header: [UInt8] = [],
                        sink: ([UInt8]) throws -> Void) throws -> RecordExport.Summary {
        var export = RecordExport(store: store, layout: layout, statuses: statuses)
        if privacy.pseudonymKey != nil || !privacy.personal.isEmpty {
            let privacy = privacy
            export.rewrite = { privacy.rewrite($0) }
        }
        let summary: RecordExport.Summary
        do {
            summary = try export.run(&output, header: header, sink: sink)
        } catch {
            throw UserError("export failed: \(error)")
        }
        for line in summary.skipped { printError(line.description) }
        return summary
    }

    private func codebookFiles(base: String, options: DelimitedRowWriter.Options) throws -> [ExportFile] {
        var csvOptions = options
        csvOptions.missingEmpty = false
        let md = try textFile(base + "-codebook.md", CodebookWriters.markdown(layout) + leftOutSection)
        let csv = try ExportFile(path: base + "-codebook.csv", replacing: command.force)
        try csv.write(CodebookWriters.csv(layout, options: csvOptions))
        return [md, csv]
    }

    /// What the export left out for the respondents' privacy, and how the ids were written.
    private var leftOutSection: String {
        var out = "\n## Personal data\n\n"
        if command.includePersonal {
            out += "Included at a supervisor's request (audited): "
                + questionnaire.personalColumns.map { "`\($0)`" }.joined(separator: ", ") + ", read from the sample file.\n"
        } else {
            out += "Left out (personal: docs/privacy.md): "
                + questionnaire.personalColumns.map { "`\($0)`" }.joined(separator: ", ")
                + ". A supervisor adds them with `--include-personal --sample FILE.csv`.\n"
        }
        if command.pseudonymise {
            out += "\n`id`, `respondent` and `interviewer` are pseudonyms: 16 hex digits of HMAC-SHA256 with the "
                + "survey's key (`pseudonym.key` in the data folder); the same case has the same pseudonym in every export.\n"
        }
        return out
    }

    private func textFile(_ path: String, _ text: String) throws -> ExportFile {
        let file = try ExportFile(path: path, replacing: command.force)
        try file.write(Array(text.utf8))
        return file
    }

    private func commit(_ files: [ExportFile]) throws {
        for file in files { try file.commit() }
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private func report(_ summary: RecordExport.Summary, to target: String) {
        var line = "exported \(summary.exported) interview\(summary.exported == 1 ? "" : "s") to \(target)"
        if summary.otherStatus > 0 { line += " (\(summary.otherStatus) of another status left out; --status all keeps them)" }
        printError(line)
    }
}

import CatiCore
import CatiStore
import Foundation

/// The data folder of a command that only reads (`cati quotas`): it must exist and be a
/// data folder of this survey. Only the commands that write interviews create one, so a
/// mistyped `--data` is an error here, not an empty survey.
enum ReadingFolder {
    static func check(_ folder: DataFolder, survey: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw UserError("no data folder '\(folder.path)': nothing was interviewed there "
                            + "(a wrong --data? 'cati interview' and 'cati simulate' create it)")
        }
        guard isDirectory.boolValue else {
            throw UserError("'\(folder.path)' is a file, not a data folder "
                            + "(--data names the folder that holds interviews.jsonl)")
        }
        let parts = [folder.interviews, folder.journals, folder.places]
        guard parts.contains(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw UserError("'\(folder.path)' is not a data folder: it has no interviews.jsonl, journal/ or places/")
        }
        if let other = firstRecordSurvey(folder.interviews), other != survey {
            throw UserError("'\(folder.path)' is the data folder of survey '\(other)', not of '\(survey)'")
        }
    }

    /// The `survey` of the first record of interviews.jsonl, if it can be read.
    static func firstRecordSurvey(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16),
              let line = head.split(separator: 0x0A, maxSplits: 1).first else { return nil }
        return JSONParser.parseObject(Array(line))?["survey"]?.stringValue
    }
}

import ArgumentParser
import CatiCore
import CatiStore
import Foundation

/// Options of the commands that call cases: the fieldwork settings file and, for tests
/// only, a clock read from a file.
struct FieldworkOptions: ParsableArguments {
    @Option(help: "Fieldwork settings (retry delays, attempt limit, calling hours; default: fieldwork.conf in the data folder if present).")
    var fieldwork: String?

    @Option(help: ArgumentHelp("Read the current time (RFC 3339 UTC) from this file at each use (for tests).",
                               visibility: .hidden))
    var clock: String?

    /// The settings: the file's, over defaults whose time zone is the machine's.
    func settings(folder: DataFolder) throws -> FieldworkSettings {
        var base = FieldworkSettings()
        base.utcOffset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: now()))
        let path = fieldwork ?? folder.path + "/fieldwork.conf"
        guard fieldwork != nil || FileManager.default.fileExists(atPath: path) else { return base }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw UserError("cannot read fieldwork settings '\(path)'")
        }
        do {
            return try FieldworkSettings.parse(text, file: path, base: base)
        } catch let error as FieldworkSettings.SettingsError {
            throw UserError(error.message)
        }
    }

    /// Now: the clock file's time when given, else the system's.
    func now() -> Double {
        if let clock, let data = FileManager.default.contents(atPath: clock),
           let text = String(data: data, encoding: .utf8),
           let t = Timestamp.parse(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return t
        }
        return Platform.now
    }
}

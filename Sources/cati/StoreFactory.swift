import CatiPostgres
import CatiStore
import Foundation

/// The one place where a store is chosen and opened. A new backend adds its case here
/// (and its own target); nothing else in the program names a store's type.
enum StoreFactory {
    static func open(_ location: StoreLocation, survey: String, creating: Bool) throws -> any InterviewStore {
        switch location {
        case .folder(let path):
            let folder = DataFolder(path: path)
            do {
                return creating ? try FolderStore(folder: folder) : try FolderStore(existing: folder, survey: survey)
            } catch let error as StoreError {
                throw UserError(creating ? "cannot use data folder '\(path)': \(error)" : "\(error)")
            }
        case .url(let scheme, let text) where scheme == "postgres" || scheme == "postgresql":
            let url: PostgresURL
            do { url = try PostgresURL(text, defaultUser: Platform.loginName) } catch {
                throw UserError("--store: \(error)")
            }
            let endpoint = PostgresEndpoint(url)
            for warning in endpoint.warnings { printError(warning) }
            do {
                return try PostgresStore(endpoint, survey: survey, creating: creating)
            } catch let error as StoreError {
                throw UserError("cannot use database \(url.redacted): \(error)")
            }
        case .url(let scheme, _):
            throw UserError("no store for '\(scheme)://' URLs (a data folder is a path; a database is postgres://USER@HOST:PORT/DB)")
        }
    }
}

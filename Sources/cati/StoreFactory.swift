import CatiStore

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
        case .url(let scheme, _):
            throw UserError("no store for '\(scheme)://' URLs in this build (a data folder is a path)")
        }
    }
}

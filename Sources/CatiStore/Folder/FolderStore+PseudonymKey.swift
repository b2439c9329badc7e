import CatiCore

/// The survey's pseudonymisation key (docs/privacy.md): 32 random bytes, hex, in
/// `pseudonym.key`, made on first use with the folder's file mode (0600; 0660 in a folder
/// shared by a group, as `cati doctor` expects: its members read the records and their
/// ids anyway; the key protects the exports, whose readers have no key). Losing it changes every pseudonym of later exports;
/// deleting it on purpose makes earlier pseudonyms unlinkable.
extension FolderStore {
    var pseudonymKeyPath: String { folder.path + "/pseudonym.key" }

    public func pseudonymKey() throws -> [UInt8] {
        if let key = try readPseudonymKey() { return key }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let temporary = pseudonymKeyPath + ".new"
        try Platform.writeSmallFile(temporary, Array((Hex.encode(key) + "\n").utf8))
        let fd = try Platform.open(temporary, create: false)
        try Platform.sync(fd, path: temporary)
        Platform.close(fd)
        // Two exports at once: the first key to land is the key; the other is dropped.
        _ = Platform.link(temporary, pseudonymKeyPath)
        Platform.remove(temporary)
        Platform.syncDirectory(folder.path)
        guard let key = try readPseudonymKey() else { throw StoreError.damaged("pseudonym key \(pseudonymKeyPath)") }
        return key
    }

    private func readPseudonymKey() throws -> [UInt8]? {
        guard Platform.exists(pseudonymKeyPath) else { return nil }
        let text = String(decoding: try Platform.readFile(pseudonymKeyPath), as: UTF8.self)
        guard let key = Hex.decode(String(text.filter { !$0.isWhitespace })), key.count >= 16 else {
            throw StoreError.damaged("pseudonym key \(pseudonymKeyPath)")
        }
        return key
    }
}

/// Which file a path or a descriptor names (device and inode), and its size then
/// (`Platform.identity`).
public struct FileIdentity: Sendable {
    public let device: UInt64
    public let inode: UInt64
    public let size: Int

    /// False when this is another file than `other` (nil: not known before).
    public func sameFile(as other: FileIdentity?) -> Bool {
        guard let other else { return true }
        return device == other.device && inode == other.inode
    }
}

/// `loop NAME over QUESTION` … `end` (extension): a block of statements asked once per
/// round — for each code chosen in a `multi`, or for each value 1..N of a `number`.
public struct LoopSyntax: Sendable {
    public var location: SourceLocation
    /// The loop's own name: in the body, `{NAME}` fills the round's label and `NAME`
    /// in a condition stands for the round's code.
    public var name: Located<String>
    /// The `multi` or `number` question the rounds come from.
    public var source: Located<String>
    public var body: [Statement]
}

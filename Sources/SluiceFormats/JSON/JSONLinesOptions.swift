import SluiceEngine

/// How JSON Lines files are read.
public struct JSONLinesOptions: Sendable, Hashable {
    /// The column names and types; wins over inference. Keys not in it are ignored.
    public var schema: Schema?
    public var parseMode = ParseMode.failFast

    public init() {}
}

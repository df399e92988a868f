/// The dictionary a string or binary column was read with (Parquet's dictionary pages): each
/// row's code into `values`. Kept beside the materialized column so that grouping can work on
/// codes; operators that build new columns simply drop it.
public struct ColumnDictionary: Sendable {
    /// One code per row, below `values.count` (any code at a null row).
    public let codes: [Int32]
    public let values: StringStorage

    public init(codes: [Int32], values: StringStorage) {
        self.codes = codes
        self.values = values
    }
}

extension DataType {
    /// The narrowest type that holds values of both types, as Spark widens them: integers to
    /// the larger integer, integers and decimals to a decimal holding both, anything with a
    /// double to DOUBLE, DATE and timestamps to a timestamp, and STRING for anything else.
    public func widened(with other: DataType) -> DataType {
        if self == other { return self }
        if TypeCoercion.isNumeric(self) && TypeCoercion.isNumeric(other) { return TypeCoercion.widerNumeric(self, other) }
        switch (self, other) {
        case (.date, _) where other.isTimestamp: return other
        case (_, .date) where isTimestamp: return self
        case (.timestamp, .timestampNTZ), (.timestampNTZ, .timestamp): return .timestamp
        default: return .string
        }
    }
}

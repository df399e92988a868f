extension DataType {
    /// The narrowest type that holds values of both types, as Spark widens them: INT → BIGINT →
    /// DOUBLE for numbers, DATE → TIMESTAMP, and STRING for anything else.
    public func widened(with other: DataType) -> DataType {
        if self == other { return self }
        switch (self, other) {
        case (.int32, .int64), (.int64, .int32): return .int64
        case (.int32, .float64), (.float64, .int32), (.int64, .float64), (.float64, .int64): return .float64
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: return .string
        }
    }
}

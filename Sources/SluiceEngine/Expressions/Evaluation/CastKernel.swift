/// Casts a column: numeric widenings in tight loops, everything else value by value
/// through `CastRules`.
public enum CastKernel {
    /// `column` as `type`, with Spark's cast semantics (a value that does not convert becomes null).
    public static func cast(_ column: Column, to type: DataType) -> Column {
        if column.dataType == type { return column }
        switch (column.storage, type) {
        case (.int32(let v), .int64) where column.dataType == .int32:
            return Column(dataType: type, storage: .int64(v.map { Int64($0) }), validity: column.validity)
        case (.int32(let v), .float64) where column.dataType == .int32:
            return Column(dataType: type, storage: .float64(v.map { Double($0) }), validity: column.validity)
        case (.int64(let v), .float64) where column.dataType == .int64:
            return Column(dataType: type, storage: .float64(v.map { Double($0) }), validity: column.validity)
        case (.int64(let v), .int32) where column.dataType == .int64:
            return Column(dataType: type, storage: .int32(v.map { Int32(truncatingIfNeeded: $0) }), validity: column.validity)
        default:
            var builder = ColumnBuilder(type: type, capacity: column.count)
            for row in 0..<column.count { builder.append(CastRules.cast(column.value(at: row), to: type)) }
            return builder.finish()
        }
    }
}

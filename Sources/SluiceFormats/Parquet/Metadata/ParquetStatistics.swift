import SluiceSpec

/// Column statistics: min, max and null count, as plain-encoded values.
///
/// `minValue`/`maxValue` (fields 5 and 6) are the ones ordered by the column's logical type;
/// the deprecated `min`/`max` (fields 1 and 2) are signed-byte ordered and only trusted here
/// for types where that order is the logical one.
struct ParquetStatistics: Sendable, Equatable {
    var max: [UInt8]?
    var min: [UInt8]?
    var nullCount: Int64?
    var distinctCount: Int64?
    var maxValue: [UInt8]?
    var minValue: [UInt8]?

    init() {}

    init(from reader: inout ThriftCompactReader) throws(SluiceError) {
        var statistics = ParquetStatistics()
        try reader.readStruct { (reader, field) throws(SluiceError) in
            switch field.id {
            case 1: statistics.max = try reader.readBinary()
            case 2: statistics.min = try reader.readBinary()
            case 3: statistics.nullCount = try reader.readI64()
            case 4: statistics.distinctCount = try reader.readI64()
            case 5: statistics.maxValue = try reader.readBinary()
            case 6: statistics.minValue = try reader.readBinary()
            default: try reader.skip(field.type)
            }
        }
        self = statistics
    }

    func write(to writer: inout ThriftCompactWriter) {
        if let max { writer.binary(1, max) }
        if let min { writer.binary(2, min) }
        if let nullCount { writer.i64(3, nullCount) }
        if let distinctCount { writer.i64(4, distinctCount) }
        if let maxValue { writer.binary(5, maxValue) }
        if let minValue { writer.binary(6, minValue) }
    }
}

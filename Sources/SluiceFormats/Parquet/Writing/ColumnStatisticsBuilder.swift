import Foundation
import SluiceEngine

/// Tracks the min, max and null count of a column chunk as pages are added, and encodes them
/// as the footer stores them (plain values; byte arrays without a length).
struct ColumnStatisticsBuilder {
    private var minInteger = Int64.max, maxInteger = Int64.min
    private var minDouble = Double.infinity, maxDouble = -Double.infinity
    private var minDecimal = Int128.max, maxDecimal = Int128.min
    private var minBytes: [UInt8]?, maxBytes: [UInt8]?
    private var sawFalse = false, sawTrue = false
    private var sawValue = false
    private(set) var nullCount: Int64 = 0

    /// Counts nulls that have no slot in the values (a nested leaf's missing values).
    mutating func addNulls(_ count: Int) {
        nullCount += Int64(count)
    }

    mutating func add(_ column: Column) {
        nullCount += Int64(column.nullCount)
        let valid = column.validity
        switch column.storage {
        case .boolean(let values):
            for index in values.indices where valid?[index] != false {
                if values[index] { sawTrue = true } else { sawFalse = true }
            }
        case .int32(let values):
            for index in values.indices where valid?[index] != false {
                minInteger = min(minInteger, Int64(values[index]))
                maxInteger = max(maxInteger, Int64(values[index]))
                sawValue = true
            }
        case .int64(let values):
            for index in values.indices where valid?[index] != false {
                minInteger = min(minInteger, values[index])
                maxInteger = max(maxInteger, values[index])
                sawValue = true
            }
        case .float64(let values):
            for index in values.indices where valid?[index] != false && !values[index].isNaN {
                minDouble = min(minDouble, values[index])
                maxDouble = max(maxDouble, values[index])
                sawValue = true
            }
        case .decimal(let values):
            for index in values.indices where valid?[index] != false {
                minDecimal = min(minDecimal, values[index])
                maxDecimal = max(maxDecimal, values[index])
                sawValue = true
            }
        case .list, .structure:
            preconditionFailure("nested columns are written leaf by leaf")
        case .string(let values):
            values.bytes.withUnsafeBytes { bytes in
                for index in 0..<values.count where valid?[index] != false {
                    let value = UnsafeRawBufferPointer(rebasing: bytes[values.offsets[index]..<values.offsets[index + 1]])
                    if minBytes == nil || Self.compare(value, minBytes!) < 0 { minBytes = Array(value) }
                    if maxBytes == nil || Self.compare(value, maxBytes!) > 0 { maxBytes = Array(value) }
                }
            }
        }
    }

    /// The statistics for the footer.
    func statistics(for type: DataType) -> ParquetStatistics {
        var statistics = ParquetStatistics()
        statistics.nullCount = nullCount
        switch type {
        case .boolean where sawFalse || sawTrue:
            statistics.minValue = [sawFalse ? 0 : 1]
            statistics.maxValue = [sawTrue ? 1 : 0]
        case _ where type.physical == .int32 && sawValue:
            statistics.minValue = Self.littleEndian(Int32(minInteger))
            statistics.maxValue = Self.littleEndian(Int32(maxInteger))
        case _ where type.physical == .int64 && sawValue:
            statistics.minValue = Self.littleEndian(minInteger)
            statistics.maxValue = Self.littleEndian(maxInteger)
        case .decimal(let precision, _) where sawValue:
            // As the physical type stores them: INT32, INT64, or big-endian fixed bytes.
            if precision <= 9 {
                statistics.minValue = Self.littleEndian(Int32(truncatingIfNeeded: minDecimal))
                statistics.maxValue = Self.littleEndian(Int32(truncatingIfNeeded: maxDecimal))
            } else if precision <= 18 {
                statistics.minValue = Self.littleEndian(Int64(truncatingIfNeeded: minDecimal))
                statistics.maxValue = Self.littleEndian(Int64(truncatingIfNeeded: maxDecimal))
            } else {
                let size = DecimalMath.byteCount(precision: precision)
                statistics.minValue = DecimalMath.bigEndianBytes(minDecimal, size: size)
                statistics.maxValue = DecimalMath.bigEndianBytes(maxDecimal, size: size)
            }
        case .float32 where sawValue:
            statistics.minValue = Self.littleEndian((minDouble == 0 ? Float(-0.0) : Float(minDouble)).bitPattern)
            statistics.maxValue = Self.littleEndian((maxDouble == 0 ? Float(0.0) : Float(maxDouble)).bitPattern)
        case .float64 where sawValue:
            // A zero bound is written as -0.0 (min) and +0.0 (max), as the format asks.
            statistics.minValue = Self.littleEndian((minDouble == 0 ? -0.0 : minDouble).bitPattern)
            statistics.maxValue = Self.littleEndian((maxDouble == 0 ? 0.0 : maxDouble).bitPattern)
        case .string, .binary:
            statistics.minValue = minBytes
            statistics.maxValue = maxBytes
        default: break
        }
        return statistics
    }

    /// Unsigned byte-wise order, as Parquet orders UTF-8 strings.
    private static func compare(_ left: UnsafeRawBufferPointer, _ right: [UInt8]) -> Int {
        right.withUnsafeBytes { right in
            let common = min(left.count, right.count)
            let order = common == 0 ? 0 : Int(memcmp(left.baseAddress!, right.baseAddress!, common))
            return order != 0 ? order : left.count - right.count
        }
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

/// The span of an integer join key whose values are dense enough to index directly: a right
/// row's slot is its value minus the smallest value, so probing needs no hashing, only one
/// array access. Used when the span is at most four times the number of values (or 64K),
/// and no more than 2^27.
struct DenseKeyRange: Sendable {
    let minimum: Int64
    /// The number of slots: largest value - smallest + 1.
    let count: Int

    /// The range of `column`'s non-null values, or nil when its storage is not 32- or 64-bit
    /// integers (dates and timestamps included) or its values are too spread out (or all null).
    init?(_ column: Column) {
        var low = Int64.max, high = Int64.min, values = 0
        Self.forEach(column) { _, value in
            if let value {
                low = min(low, value)
                high = max(high, value)
                values += 1
            }
        }
        guard values > 0 else { return nil }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < max(1 << 16, 4 * Int64(values)), span < 1 << 27 else { return nil }
        minimum = low
        count = Int(span) + 1
    }

    /// The slot of each row of `column`: value - minimum, or -1 for null or a value outside the range.
    func slots(of column: Column) -> [Int32] {
        var slots = [Int32](repeating: -1, count: column.count)
        let minimum = minimum, count = Int64(count)
        slots.withUnsafeMutableBufferPointer { slots in
            Self.forEach(column) { row, value in
                guard let value else { return }
                let offset = value &- minimum
                if offset >= 0, offset < count { slots[row] = Int32(offset) }
            }
        }
        return slots
    }

    /// Calls `body(row, value)` for every row of an int32 or int64 column (nil for null); other columns call nothing.
    @inline(__always)
    private static func forEach(_ column: Column, _ body: (Int, Int64?) -> Void) {
        let validity = column.validity
        switch column.storage {
        case .int64(let values):
            values.withUnsafeBufferPointer { values in
                for row in 0..<values.count { body(row, validity.map { $0[row] } == false ? nil : values[row]) }
            }
        case .int32(let values):
            values.withUnsafeBufferPointer { values in
                for row in 0..<values.count { body(row, validity.map { $0[row] } == false ? nil : Int64(values[row])) }
            }
        default:
            return
        }
    }
}

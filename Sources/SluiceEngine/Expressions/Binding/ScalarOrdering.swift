/// Orders values of one type (nulls are handled by callers).
enum ScalarOrdering {
    static func less(_ a: ScalarValue, _ b: ScalarValue) -> Bool {
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.int32(let x), .int32(let y)): return x < y
        case (.int64(let x), .int64(let y)): return x < y
        case (.int8(let x), .int8(let y)): return x < y
        case (.int16(let x), .int16(let y)): return x < y
        case (.float32(let x), .float32(let y)): return SparkFloatOrder.less(x, y)
        case (.float64(let x), .float64(let y)): return SparkFloatOrder.less(x, y)
        case (.decimal(let x), .decimal(let y)): return DecimalMath.less(x, y)
        case (.string(let x), .string(let y)): return Array(x.utf8).lexicographicallyPrecedes(y.utf8)
        case (.binary(let x), .binary(let y)): return x.lexicographicallyPrecedes(y)
        case (.date(let x), .date(let y)): return x < y
        case (.timestamp(let x), .timestamp(let y)), (.timestampNTZ(let x), .timestampNTZ(let y)): return x < y
        case (.array(let x), .array(let y)), (.struct(let x), .struct(let y)):
            // Element by element (nulls first), then the shorter first, as Spark orders them.
            for (left, right) in zip(x, y) where !same(left, right) {
                if left == .null { return true }
                if right == .null { return false }
                return less(left, right)
            }
            return x.count < y.count
        default: return false
        }
    }

    /// Whether two values of one type are equal as Spark compares them: as `==` does, but a
    /// NaN equals a NaN, at any depth of an array, map or struct.
    static func same(_ a: ScalarValue, _ b: ScalarValue) -> Bool {
        switch (a, b) {
        case (.float64(let x), .float64(let y)): return SparkFloatOrder.equal(x, y)
        case (.float32(let x), .float32(let y)): return SparkFloatOrder.equal(x, y)
        case (.array(let x), .array(let y)), (.struct(let x), .struct(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.map(let keys, let values), .map(let otherKeys, let otherValues)):
            return keys.count == otherKeys.count && zip(keys, otherKeys).allSatisfy { same($0, $1) }
                && zip(values, otherValues).allSatisfy { same($0, $1) }
        default: return a == b
        }
    }
}

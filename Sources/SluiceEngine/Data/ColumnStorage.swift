/// The physical buffer behind a column; several logical types share one buffer kind
/// (see `PhysicalKind`: `date` is `int32` days, `timestamp` is `int64` microseconds, ...).
public enum ColumnStorage: Sendable, Hashable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float64([Double])
    /// Unscaled decimal values; the scale is the column type's.
    case decimal([Int128])
    /// Strings and binary values: offsets plus bytes.
    case string(StringStorage)
    /// Arrays and maps: row `i` holds `values[offsets[i] ..< offsets[i + 1]]` (`count + 1` offsets).
    indirect case list(offsets: [Int], values: Column)
    /// Structs: one column per field, each `count` rows long.
    case structure(children: [Column], count: Int)

    /// The number of slots.
    public var count: Int {
        switch self {
        case .boolean(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .float64(let values): values.count
        case .decimal(let values): values.count
        case .string(let values): values.count
        case .list(let offsets, _): offsets.count - 1
        case .structure(_, let count): count
        }
    }

    /// An empty buffer for `type`, with room for `capacity` values.
    public static func empty(for type: DataType, capacity: Int) -> ColumnStorage {
        switch type.physical {
        case .boolean: var v = [Bool](); v.reserveCapacity(capacity); return .boolean(v)
        case .int32: var v = [Int32](); v.reserveCapacity(capacity); return .int32(v)
        case .int64: var v = [Int64](); v.reserveCapacity(capacity); return .int64(v)
        case .float64: var v = [Double](); v.reserveCapacity(capacity); return .float64(v)
        case .decimal: var v = [Int128](); v.reserveCapacity(capacity); return .decimal(v)
        case .bytes: return .string(StringStorage(capacity: capacity))
        case .list: return .list(offsets: [0], values: Column.nulls(type.listElement!, count: 0))
        case .structure: return .structure(children: type.structFields.map { Column.nulls($0.type, count: 0) }, count: 0)
        }
    }
}

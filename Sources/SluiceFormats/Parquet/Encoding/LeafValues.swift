import SluiceEngine
import SluiceSpec

/// The decoded values of one leaf column, by physical type, before conversion to the engine's
/// types. Byte arrays and fixed-length byte arrays share `bytes`; INT96 timestamps are
/// converted to microseconds as they are decoded and so live in `int64`.
enum LeafValues {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case bytes(StringStorage)

    /// An empty buffer for values of `physical` type.
    static func empty(_ physical: ParquetPhysicalType, capacity: Int = 0) -> LeafValues {
        switch physical {
        case .boolean: var v = [Bool](); v.reserveCapacity(capacity); return .boolean(v)
        case .int32: var v = [Int32](); v.reserveCapacity(capacity); return .int32(v)
        case .int64, .int96: var v = [Int64](); v.reserveCapacity(capacity); return .int64(v)
        case .float: var v = [Float](); v.reserveCapacity(capacity); return .float(v)
        case .double: var v = [Double](); v.reserveCapacity(capacity); return .double(v)
        case .byteArray, .fixedLenByteArray: return .bytes(StringStorage(capacity: capacity))
        }
    }

    var count: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .bytes(let v): v.count
        }
    }

    /// Appends `other` (of the same physical type) in order.
    mutating func append(_ other: LeafValues) {
        switch (self, other) {
        case (.boolean(var v), .boolean(let o)): self = .int32([]); v += o; self = .boolean(v)
        case (.int32(var v), .int32(let o)): self = .boolean([]); v += o; self = .int32(v)
        case (.int64(var v), .int64(let o)): self = .boolean([]); v += o; self = .int64(v)
        case (.float(var v), .float(let o)): self = .boolean([]); v += o; self = .float(v)
        case (.double(var v), .double(let o)): self = .boolean([]); v += o; self = .double(v)
        case (.bytes(var v), .bytes(let o)): self = .boolean([]); v.append(contentsOf: o); self = .bytes(v)
        default: preconditionFailure("appending values of another physical type")
        }
    }

    /// The values at `indices` (validated against the dictionary's size by the caller).
    func gather(_ indices: [Int32]) -> LeafValues {
        switch self {
        case .boolean(let d): return .boolean(indices.map { d[Int($0)] })
        case .int32(let d): return .int32(indices.map { d[Int($0)] })
        case .int64(let d): return .int64(indices.map { d[Int($0)] })
        case .float(let d): return .float(indices.map { d[Int($0)] })
        case .double(let d): return .double(indices.map { d[Int($0)] })
        case .bytes(let d): return .bytes(d.gather(indices))
        }
    }
}

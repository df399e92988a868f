import SluiceEngine

/// PostgreSQL's binary array: the dimension count, a has-nulls flag, the element type's oid,
/// per dimension its length and lower bound, then each element as a 32-bit length (-1: null)
/// and its bytes. One-dimensional arrays (and empty ones) become engine arrays.
enum PostgresArrayDecoder {
    /// The elements, each decoded by `decode` into a builder of `element`; nil when the bytes
    /// are malformed, the array has several dimensions, or an element does not decode.
    static func elements(_ value: UnsafeRawBufferPointer, decode: (UnsafeRawBufferPointer, inout ColumnBuilder) -> Bool,
                         element: DataType) -> [ScalarValue]? {
        guard value.count >= 12 else { return nil }
        let dimensions = Int(value.bigEndian(Int32.self, at: 0))
        guard dimensions == 0 || dimensions == 1 else { return nil }
        guard dimensions == 1 else { return [] }
        guard value.count >= 20 else { return nil }
        let count = Int(value.bigEndian(Int32.self, at: 12))
        guard count >= 0 else { return nil }
        var builder = ColumnBuilder(type: element, capacity: count)
        var offset = 20
        for _ in 0..<count {
            guard value.count - offset >= 4 else { return nil }
            let length = Int(value.bigEndian(Int32.self, at: offset))
            offset += 4
            if length < 0 {
                builder.appendNull()
                continue
            }
            guard length <= value.count - offset,
                  decode(UnsafeRawBufferPointer(rebasing: value[offset ..< offset + length]), &builder) else { return nil }
            offset += length
        }
        let column = builder.finish()
        return (0..<column.count).map { column.value(at: $0) }
    }
}

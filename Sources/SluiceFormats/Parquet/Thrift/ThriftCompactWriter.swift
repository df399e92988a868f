/// Writes Thrift's compact protocol: fields with delta-encoded ids, zigzag varints, lists.
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var savedFieldIDs: [Int16] = []

    init() {}

    /// The bytes of one top-level struct (a footer, a page header) whose fields `body` writes,
    /// closed by its stop byte.
    static func encode(_ body: (inout ThriftCompactWriter) -> Void) -> [UInt8] {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        body(&writer)
        writer.endStruct()
        return writer.bytes
    }

    /// Opens a nested struct whose fields follow; `endStruct` closes it.
    mutating func beginStruct() {
        savedFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        bytes.append(ThriftType.stop.rawValue)
        lastFieldID = savedFieldIDs.removeLast()
    }

    mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
        let delta = id - lastFieldID
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigZag(Int64(id))
        }
        lastFieldID = id
    }

    mutating func writeVarint(_ value: UInt64) {
        Varint.append(value, to: &bytes)
    }

    mutating func writeByte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func writeZigZag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func i32(_ id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        writeZigZag(Int64(value))
    }

    mutating func i64(_ id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        writeZigZag(value)
    }

    mutating func bool(_ id: Int16, _ value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        writeRawBinary(value)
    }

    mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

    mutating func writeRawBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes += value
    }

    /// A struct field whose content `body` writes.
    mutating func structField(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .struct)
        beginStruct()
        body(&self)
        endStruct()
    }

    /// A list field header; the caller then writes `count` elements of `elementType`.
    mutating func listHeader(_ id: Int16, _ elementType: ThriftType, count: Int) {
        fieldHeader(id, .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// A list of structs, each written by `element`.
    mutating func structList<T>(_ id: Int16, _ values: [T], _ element: (inout ThriftCompactWriter, T) -> Void) {
        listHeader(id, .struct, count: values.count)
        for value in values {
            beginStruct()
            element(&self, value)
            endStruct()
        }
    }
}

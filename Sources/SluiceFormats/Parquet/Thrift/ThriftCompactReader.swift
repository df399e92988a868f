import SluiceSpec

/// Reads Thrift's compact protocol (the encoding of Parquet's footer and page headers) from a
/// byte buffer the caller keeps alive. Every read is bounds-checked: a truncated or corrupt
/// structure becomes a `malformed-data` error with the byte offset, never a crash.
struct ThriftCompactReader {
    private var cursor: ByteCursor
    /// Added to positions in error messages, so they are offsets in the file.
    let baseOffset: Int
    private var lastFieldID: Int16 = 0
    private var depth = 0

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0, baseOffset: Int = 0) {
        cursor = ByteCursor(bytes, position: position, context: "Parquet metadata")
        self.baseOffset = baseOffset
    }

    /// The offset of the next unread byte.
    var position: Int { cursor.position }
    private var remaining: Int { cursor.remaining }

    /// An error at the current position.
    func corrupt(_ detail: String) -> SluiceError {
        SluiceError(.malformedData, "corrupt Parquet metadata at byte \(baseOffset + position): \(detail)")
    }

    // MARK: Structs

    /// Enters a nested struct; pass the result to `endStruct`.
    mutating func beginStruct() throws(SluiceError) -> Int16 {
        depth += 1
        guard depth < 64 else { throw corrupt("structures nest too deeply") }
        defer { lastFieldID = 0 }
        return lastFieldID
    }

    mutating func endStruct(_ saved: Int16) {
        depth -= 1
        lastFieldID = saved
    }

    /// The next field's header, or nil at the struct's end.
    mutating func nextField() throws(SluiceError) -> ThriftField? {
        let header = try readByte()
        guard let type = ThriftType(rawValue: header & 0x0F) else { throw corrupt("unknown field type \(header & 0x0F)") }
        if type == .stop { return nil }
        let delta = Int16(header >> 4)
        let id = delta == 0 ? Int16(truncatingIfNeeded: try readZigZag()) : lastFieldID &+ delta
        lastFieldID = id
        return ThriftField(id: id, type: type)
    }

    /// Reads a whole struct: `field` is called for each field and must consume it (or `skip` it).
    mutating func readStruct(_ field: (inout ThriftCompactReader, ThriftField) throws(SluiceError) -> Void) throws(SluiceError) {
        let saved = try beginStruct()
        while let header = try nextField() { try field(&self, header) }
        endStruct(saved)
    }

    // MARK: Values

    mutating func readByte() throws(SluiceError) -> UInt8 {
        guard remaining > 0 else { throw corrupt("the structure ends early") }
        return try cursor.readByte()
    }

    mutating func readVarint() throws(SluiceError) -> UInt64 {
        do { return try cursor.readVarint() } catch { throw corrupt("a truncated or overlong varint") }
    }

    mutating func readZigZag() throws(SluiceError) -> Int64 {
        do { return try cursor.readZigZag() } catch { throw corrupt("a truncated or overlong varint") }
    }

    mutating func readI32() throws(SluiceError) -> Int32 {
        let value = try readZigZag()
        guard let narrow = Int32(exactly: value) else { throw corrupt("\(value) does not fit a 32-bit field") }
        return narrow
    }

    mutating func readI64() throws(SluiceError) -> Int64 { try readZigZag() }

    /// A boolean field: its value is the field's type.
    func readBool(_ field: ThriftField) -> Bool { field.type == .booleanTrue }

    mutating func readDouble() throws(SluiceError) -> Double {
        guard remaining >= 8 else { throw corrupt("a double ends early") }
        let raw = try cursor.take(8, "a double")
        return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)))
    }

    mutating func readBinary() throws(SluiceError) -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw corrupt("a value of \(length) bytes runs past the end") }
        return Array(try cursor.take(Int(length), "a binary value"))
    }

    mutating func readString() throws(SluiceError) -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    /// A list header: element type and count.
    mutating func readListHeader() throws(SluiceError) -> (type: ThriftType, count: Int) {
        let header = try readByte()
        guard let type = ThriftType(rawValue: header & 0x0F) else { throw corrupt("unknown list element type") }
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        // Each element takes at least one byte, so a larger count is corrupt (and would over-allocate).
        guard count <= UInt64(remaining) || (type == .booleanTrue || type == .booleanFalse) && count == 0 else {
            throw corrupt("a list claims \(count) elements")
        }
        return (type, Int(count))
    }

    /// A list whose elements `element` reads one by one.
    mutating func readList<T>(_ element: (inout ThriftCompactReader) throws(SluiceError) -> T) throws(SluiceError) -> [T] {
        let (_, count) = try readListHeader()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try element(&self)) }
        return values
    }

    /// Skips a value of `type` (fields this reader does not use).
    mutating func skip(_ type: ThriftType) throws(SluiceError) {
        switch type {
        case .stop, .booleanTrue, .booleanFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: _ = try readDouble()
        case .binary:
            _ = try readBinary()
        case .list, .set:
            depth += 1
            defer { depth -= 1 }
            guard depth < 64 else { throw corrupt("collections nest too deeply") }
            let (elementType, count) = try readListHeader()
            for _ in 0..<count {
                // Booleans inside collections take one byte each.
                if elementType == .booleanTrue || elementType == .booleanFalse { _ = try readByte() } else { try skip(elementType) }
            }
        case .map:
            depth += 1
            defer { depth -= 1 }
            guard depth < 64 else { throw corrupt("collections nest too deeply") }
            let count = try readVarint()
            guard count > 0 else { return }
            let types = try readByte()
            guard let keyType = ThriftType(rawValue: types >> 4), let valueType = ThriftType(rawValue: types & 0x0F),
                  count <= UInt64(remaining)
            else { throw corrupt("a corrupt map header") }
            for _ in 0..<count {
                try skip(keyType)
                try skip(valueType)
            }
        case .struct:
            let saved = try beginStruct()
            while let field = try nextField() { try skip(field.type) }
            endStruct(saved)
        }
    }
}

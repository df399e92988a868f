import SluiceSpec

/// A bounds-checked read position over page bytes that the caller keeps alive. Decoders read
/// through it so that a corrupt page ends in an error naming what ran out, never a crash.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    /// Describes the page for error messages (`column 'amount', page at byte 4096`).
    let context: String

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0, context: String) {
        self.bytes = bytes
        self.position = position
        self.context = context
    }

    var remaining: Int { bytes.count - position }

    func corrupt(_ detail: String) -> SluiceError {
        SluiceError(.malformedData, "corrupt Parquet data in \(context): \(detail)",
                    hint: "the file may be truncated or damaged; re-create it from its source")
    }

    mutating func require(_ count: Int, _ what: String) throws(SluiceError) {
        guard count >= 0, count <= remaining else {
            throw corrupt("\(what) needs \(count) bytes but \(remaining) remain")
        }
    }

    mutating func readByte() throws(SluiceError) -> UInt8 {
        try require(1, "a byte")
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readVarint() throws(SluiceError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw corrupt("a varint is longer than 10 bytes") }
        }
    }

    mutating func readZigZag() throws(SluiceError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func readUInt32() throws(SluiceError) -> UInt32 {
        try require(4, "a 4-byte length")
        defer { position += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    /// The next `count` bytes, consumed.
    mutating func take(_ count: Int, _ what: String) throws(SluiceError) -> UnsafeRawBufferPointer {
        try require(count, what)
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    /// The unread bytes, consumed.
    mutating func takeRest() -> UnsafeRawBufferPointer {
        defer { position = bytes.count }
        return UnsafeRawBufferPointer(rebasing: bytes[position...])
    }
}

import SluiceSpec

/// Reads Avro's binary encoding from a byte buffer: zig-zag varints, little-endian floats,
/// length-prefixed bytes and strings. Reading past the end, an over-long varint or a
/// negative length is a `malformed-data` error, never a crash.
public struct AvroBinaryDecoder {
    public let bytes: [UInt8]
    /// The offset of the next byte to read.
    public var position: Int
    /// Names the data in errors (a file name).
    public var source: String
    /// How many records deep the value being read is (recursive schemas nest without bound).
    private var depth = 0

    /// Records nested deeper than this are refused rather than risking the stack (decoding
    /// recurses, and the threads that decode have small stacks).
    public static let maximumDepth = 256

    public init(_ bytes: [UInt8], position: Int = 0, source: String = "Avro data") {
        self.bytes = bytes
        self.position = position
        self.source = source
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { position >= bytes.count }

    func malformed(_ detail: String) -> SluiceError {
        SluiceError(.malformedData, "\(source): \(detail) (at byte \(position))",
                    hint: "the file may be truncated or damaged, or not written with the schema it declares")
    }

    @inline(__always)
    public mutating func readLong() throws(SluiceError) -> Int64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw malformed("the data ends inside a number") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 64 else { throw malformed("a variable-length number is longer than 10 bytes") }
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }

    @inline(__always)
    public mutating func readInt() throws(SluiceError) -> Int32 {
        let value = try readLong()
        guard let int = Int32(exactly: value) else { throw malformed("\(value) does not fit an int") }
        return int
    }

    public mutating func readBoolean() throws(SluiceError) -> Bool {
        guard position < bytes.count else { throw malformed("the data ends inside a boolean") }
        let byte = bytes[position]
        position += 1
        guard byte <= 1 else { throw malformed("a boolean byte is \(byte), not 0 or 1") }
        return byte == 1
    }

    public mutating func readFloat() throws(SluiceError) -> Float {
        Float(bitPattern: UInt32(truncatingIfNeeded: try readLittleEndian(4)))
    }

    public mutating func readDouble() throws(SluiceError) -> Double {
        Double(bitPattern: try readLittleEndian(8))
    }

    private mutating func readLittleEndian(_ count: Int) throws(SluiceError) -> UInt64 {
        guard bytes.count - position >= count else { throw malformed("the data ends inside a \(count == 4 ? "float" : "double")") }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += count
        return value
    }

    /// The range of the next length-prefixed value (bytes or string), consumed.
    @inline(__always)
    public mutating func readLengthPrefixed() throws(SluiceError) -> Range<Int> {
        let length = try readLong()
        guard length >= 0 else { throw malformed("a length is negative (\(length))") }
        return try readRange(Int(length))
    }

    /// The range of the next `count` bytes, consumed.
    public mutating func readRange(_ count: Int) throws(SluiceError) -> Range<Int> {
        guard count >= 0, bytes.count - position >= count else {
            throw malformed("a value of \(count) bytes runs past the end of the data")
        }
        defer { position += count }
        return position..<(position + count)
    }

    public mutating func readBytes() throws(SluiceError) -> [UInt8] {
        Array(bytes[try readLengthPrefixed()])
    }

    public mutating func readString() throws(SluiceError) -> String {
        let range = try readLengthPrefixed()
        return String(decoding: bytes[range], as: UTF8.self)
    }

    public mutating func readFixed(_ size: Int) throws(SluiceError) -> [UInt8] {
        Array(bytes[try readRange(size)])
    }

    /// The item count of the next block of an array or map; 0 ends it. A negative count is
    /// followed by the block's size in bytes, which is read and dropped.
    public mutating func readBlockCount() throws(SluiceError) -> Int {
        var count = try readLong()
        if count < 0 {
            guard count != .min else { throw malformed("a block count is out of range") }
            count = -count
            _ = try readLong()
        }
        // Every item takes at least one byte except nulls; a count beyond the data left is
        // damage (or a denial of service), unless the items are empty.
        guard count <= Int64(max(bytes.count - position, 0)) * 8 + 1_000_000 else {
            throw malformed("a block claims \(count) items, more than the data can hold")
        }
        return Int(count)
    }

    /// Runs `body` one record deeper; data nested beyond `maximumDepth` is malformed.
    public mutating func nested<T>(_ body: (inout AvroBinaryDecoder) throws(SluiceError) -> T) throws(SluiceError) -> T {
        guard depth < Self.maximumDepth else { throw malformed("records are nested more than \(Self.maximumDepth) deep") }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    /// Calls `body` once per item of an array or map, across all its blocks, up to the end marker.
    public mutating func readItems(_ body: (inout AvroBinaryDecoder) throws(SluiceError) -> Void) throws(SluiceError) {
        while case let count = try readBlockCount(), count > 0 {
            for _ in 0..<count { try body(&self) }
        }
    }
}

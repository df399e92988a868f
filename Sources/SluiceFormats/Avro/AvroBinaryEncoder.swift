/// Writes Avro's binary encoding into a growing byte buffer.
public struct AvroBinaryEncoder {
    /// The bytes written so far.
    public var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// A zig-zag variable-length long (an int is written the same way).
    @inline(__always)
    public mutating func writeLong(_ value: Int64) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    @inline(__always)
    public mutating func writeInt(_ value: Int32) { writeLong(Int64(value)) }

    public mutating func writeBoolean(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func writeFloat(_ value: Float) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }

    public mutating func writeDouble(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// A length, then the bytes.
    public mutating func writeBytes(_ value: some Collection<UInt8>) {
        writeLong(Int64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeString(_ value: String) {
        writeBytes(value.utf8)
    }

    /// Bytes as they are (a fixed value, a sync marker).
    public mutating func writeRaw(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
    }
}

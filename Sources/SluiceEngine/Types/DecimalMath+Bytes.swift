extension DecimalMath {
    /// An unscaled value from big-endian two's-complement bytes (Avro and Parquet decimals);
    /// nil when it needs more than 128 bits.
    public static func fromBigEndian(_ bytes: some Collection<UInt8>) -> Int128? {
        guard let first = bytes.first else { return 0 }
        let fill: UInt8 = first & 0x80 != 0 ? 0xFF : 0
        let extra = bytes.count - 16
        if extra > 0 {
            // Leading bytes beyond 16 must only repeat the sign.
            guard bytes.prefix(extra).allSatisfy({ $0 == fill }), (bytes.dropFirst(extra).first! & 0x80) == (fill & 0x80) else { return nil }
        }
        var value = UInt128(0)
        var shift = 0
        for byte in bytes.reversed().prefix(16) {
            value |= UInt128(byte) << shift
            shift += 8
        }
        if shift < 128 && fill == 0xFF { value |= UInt128.max << shift }
        return Int128(bitPattern: value)
    }

    /// The big-endian two's-complement bytes of `value`: exactly `size` of them, or (with no
    /// size) the fewest that hold it, as Avro's `bytes` decimals are written.
    public static func bigEndianBytes(_ value: Int128, size: Int? = nil) -> [UInt8] {
        let bits = UInt128(bitPattern: value)
        var bytes = (0..<16).reversed().map { UInt8(truncatingIfNeeded: bits >> ($0 * 8)) }
        if let size {
            if size > 16 { return [UInt8](repeating: value < 0 ? 0xFF : 0, count: size - 16) + bytes }
            return Array(bytes.suffix(size))
        }
        while bytes.count > 1, (bytes[0] == 0 && bytes[1] & 0x80 == 0) || (bytes[0] == 0xFF && bytes[1] & 0x80 != 0) {
            bytes.removeFirst()
        }
        return bytes
    }

    /// The fewest bytes a two's-complement value of `precision` digits needs (Parquet's and
    /// Spark's size for a FIXED_LEN_BYTE_ARRAY decimal).
    public static func byteCount(precision: Int) -> Int {
        let largest = powersOfTen[precision] - 1
        var size = 1
        while size < 16 && largest > (Int128(1) << (8 * size - 1)) - 1 { size += 1 }
        return size
    }
}

extension ScalarValue {
    /// The value cast to `type` with Spark's (non-ANSI) cast rules: what does not convert is null.
    public func cast(to type: DataType) -> ScalarValue {
        CastRules.cast(self, to: type)
    }
}

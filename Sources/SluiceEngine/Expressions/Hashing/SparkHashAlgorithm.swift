/// A hash Spark chains over values (`hash`, `xxhash64`): each value's hash is the seed of the next.
protocol SparkHashAlgorithm {
    associatedtype Seed: Sendable
    static func hashInt(_ value: Int32, seed: Seed) -> Seed
    static func hashLong(_ value: Int64, seed: Seed) -> Seed
    static func hashBytes(_ bytes: UnsafeRawBufferPointer, seed: Seed) -> Seed
}

/// Spark's `InterpretedHashFunction.hash`: how each typed value is fed to a `SparkHashAlgorithm`.
/// Booleans, bytes, shorts, ints and dates hash as an int; longs and timestamps as a long; floats
/// and doubles as their bits, with -0.0 as 0.0 and every NaN as the canonical NaN; strings as
/// their UTF-8 bytes; decimals of precision up to 18 as their unscaled long, wider ones as the
/// big-endian two's-complement bytes of the unscaled integer (`BigInteger.toByteArray`); arrays,
/// maps and structs element by element; a null leaves the seed as it is.
enum SparkValueHasher<Algorithm: SparkHashAlgorithm> {
    static func hash(_ value: ScalarValue, type: DataType, seed: Algorithm.Seed) -> Algorithm.Seed {
        switch value {
        case .null: return seed
        case .boolean(let flag): return Algorithm.hashInt(flag ? 1 : 0, seed: seed)
        case .int8(let number): return Algorithm.hashInt(Int32(number), seed: seed)
        case .int16(let number): return Algorithm.hashInt(Int32(number), seed: seed)
        case .int32(let number), .date(let number): return Algorithm.hashInt(number, seed: seed)
        case .int64(let number), .timestamp(let number), .timestampNTZ(let number): return Algorithm.hashLong(number, seed: seed)
        case .float32(let number): return Algorithm.hashInt(floatBits(number), seed: seed)
        case .float64(let number): return Algorithm.hashLong(doubleBits(number), seed: seed)
        case .decimal(let decimal):
            guard case .decimal(let precision, _) = type else { return hashDecimal(decimal.unscaled, precision: 0, seed: seed) }
            return hashDecimal(decimal.unscaled, precision: precision, seed: seed)
        case .string(let text): return Array(text.utf8).withUnsafeBytes { Algorithm.hashBytes($0, seed: seed) }
        case .binary(let bytes): return bytes.withUnsafeBytes { Algorithm.hashBytes($0, seed: seed) }
        case .array(let items):
            guard case .array(let elementType) = type else { return seed }
            return items.reduce(seed) { hash($1, type: elementType, seed: $0) }
        case .map(let keys, let values):
            guard case .map(let keyType, let valueType) = type else { return seed }
            return zip(keys, values).reduce(seed) { hash($1.1, type: valueType, seed: hash($1.0, type: keyType, seed: $0)) }
        case .struct(let values):
            guard case .struct(let fields) = type else { return seed }
            return zip(values, fields).reduce(seed) { hash($1.0, type: $1.1.type, seed: $0) }
        }
    }

    /// The bits a FLOAT hashes as: -0.0 as 0.0, every NaN as the canonical one.
    static func floatBits(_ number: Float) -> Int32 {
        Int32(bitPattern: number == 0 ? 0 : number.isNaN ? 0x7FC0_0000 : number.bitPattern)
    }

    /// The bits a DOUBLE hashes as: -0.0 as 0.0, every NaN as the canonical one.
    static func doubleBits(_ number: Double) -> Int64 {
        Int64(bitPattern: number == 0 ? 0 : number.isNaN ? 0x7FF8_0000_0000_0000 : number.bitPattern)
    }

    /// A decimal's unscaled value: as a long up to precision 18, else as `BigInteger` bytes.
    static func hashDecimal(_ unscaled: Int128, precision: Int, seed: Algorithm.Seed) -> Algorithm.Seed {
        guard precision > 18 else { return Algorithm.hashLong(Int64(truncatingIfNeeded: unscaled), seed: seed) }
        return bigIntegerBytes(unscaled).withUnsafeBytes { Algorithm.hashBytes($0, seed: seed) }
    }

    /// `BigInteger.toByteArray`: the fewest big-endian two's-complement bytes that hold `value`
    /// and its sign.
    static func bigIntegerBytes(_ value: Int128) -> [UInt8] {
        let magnitudeBits = 128 - (value < 0 ? ~value : value).leadingZeroBitCount
        let count = magnitudeBits / 8 + 1
        return (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}

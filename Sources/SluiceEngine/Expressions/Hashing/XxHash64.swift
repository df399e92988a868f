/// XXH64, as Spark's `xxhash64` uses it: ints and longs hash as their 4 or 8 little-endian bytes.
enum XxHash64: SparkHashAlgorithm {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    static func hashInt(_ value: Int32, seed: UInt64) -> UInt64 {
        var hash = seed &+ prime5 &+ 4
        hash ^= UInt64(UInt32(bitPattern: value)) &* prime1
        return avalanche(rotate(hash, 23) &* prime2 &+ prime3)
    }

    static func hashLong(_ value: Int64, seed: UInt64) -> UInt64 {
        var hash = seed &+ prime5 &+ 8
        hash ^= round(0, UInt64(bitPattern: value))
        return avalanche(rotate(hash, 27) &* prime1 &+ prime4)
    }

    static func hashBytes(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var index = 0
        var hash: UInt64
        if count >= 32 {
            var lanes = [seed &+ prime1 &+ prime2, seed &+ prime2, seed, seed &- prime1]
            while index <= count - 32 {
                for lane in 0..<4 {
                    lanes[lane] = round(lanes[lane], word(bytes, index, width: 8))
                    index += 8
                }
            }
            hash = rotate(lanes[0], 1) &+ rotate(lanes[1], 7) &+ rotate(lanes[2], 12) &+ rotate(lanes[3], 18)
            for lane in lanes { hash = (hash ^ round(0, lane)) &* prime1 &+ prime4 }
        } else {
            hash = seed &+ prime5
        }
        hash &+= UInt64(count)
        while index <= count - 8 {
            hash ^= round(0, word(bytes, index, width: 8))
            hash = rotate(hash, 27) &* prime1 &+ prime4
            index += 8
        }
        if index <= count - 4 {
            hash ^= word(bytes, index, width: 4) &* prime1
            hash = rotate(hash, 23) &* prime2 &+ prime3
            index += 4
        }
        while index < count {
            hash ^= UInt64(bytes[index]) &* prime5
            hash = rotate(hash, 11) &* prime1
            index += 1
        }
        return avalanche(hash)
    }

    /// `width` little-endian bytes from `start`.
    private static func word(_ bytes: UnsafeRawBufferPointer, _ start: Int, width: Int) -> UInt64 {
        (0..<width).reduce(0) { $0 | UInt64(bytes[start + $1]) << ($1 * 8) }
    }

    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 { value << bits | value >> (64 - bits) }

    private static func round(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        rotate(accumulator &+ lane &* prime2, 31) &* prime1
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }
}

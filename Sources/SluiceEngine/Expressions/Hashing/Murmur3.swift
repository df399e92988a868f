/// Spark's Murmur3 x86 32-bit hash (`Murmur3_x86_32`), behind Spark's `hash`.
///
/// Byte strings differ from standard Murmur3 in their tail: Spark's `hashUnsafeBytes` mixes each
/// of the last 1–3 bytes on its own, sign-extended to a whole int, instead of packing them.
enum Murmur3: SparkHashAlgorithm {
    private static let c1: UInt32 = 0xCC9E_2D51
    private static let c2: UInt32 = 0x1B87_3593

    static func hashInt(_ value: Int32, seed: UInt32) -> UInt32 {
        finish(mix(seed, UInt32(bitPattern: value)), length: 4)
    }

    static func hashLong(_ value: Int64, seed: UInt32) -> UInt32 {
        let low = UInt32(truncatingIfNeeded: value)
        let high = UInt32(truncatingIfNeeded: value >> 32)
        return finish(mix(mix(seed, low), high), length: 8)
    }

    static func hashBytes(_ bytes: UnsafeRawBufferPointer, seed: UInt32) -> UInt32 {
        let aligned = bytes.count - bytes.count % 4
        var hash = seed
        for start in stride(from: 0, to: aligned, by: 4) {
            let word = UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
            hash = mix(hash, word)
        }
        for byte in bytes[aligned...] { hash = mix(hash, UInt32(bitPattern: Int32(Int8(bitPattern: byte)))) }
        return finish(hash, length: bytes.count)
    }

    /// One block: Murmur3's `mixK1` then `mixH1`.
    private static func mix(_ hash: UInt32, _ block: UInt32) -> UInt32 {
        var k1 = block &* c1
        k1 = (k1 << 15 | k1 >> 17) &* c2
        var h1 = hash ^ k1
        h1 = h1 << 13 | h1 >> 19
        return h1 &* 5 &+ 0xE654_6B64
    }

    /// Murmur3's finalization (`fmix`) with the input length.
    private static func finish(_ hash: UInt32, length: Int) -> UInt32 {
        var h1 = hash ^ UInt32(truncatingIfNeeded: length)
        h1 ^= h1 >> 16
        h1 &*= 0x85EB_CA6B
        h1 ^= h1 >> 13
        h1 &*= 0xC2B2_AE35
        h1 ^= h1 >> 16
        return h1
    }
}

/// Gives each distinct byte string a dense code (0, 1, 2, ...) without allocating per lookup:
/// values are copied once into one pooled buffer, and an open-addressing table keyed by a
/// hash of the bytes finds them again.
struct ByteInterner {
    private var pool: [UInt8] = []
    /// `count + 1` offsets of the interned values in `pool`.
    private var offsets: [Int] = [0]
    /// Slots hold code + 1 (0 is empty).
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []

    /// The number of distinct values.
    var count: Int { offsets.count - 1 }

    /// The code of `bytes`, interning it if new.
    mutating func code(of bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if hashes[code] == hash, equals(code, bytes) { return Int32(code) }
            slot = (slot + 1) & mask
        }
        let code = count
        pool.append(contentsOf: bytes)
        offsets.append(pool.count)
        hashes.append(hash)
        slots[slot] = Int32(code + 1)
        if count * 2 > slots.count { grow() }
        return Int32(code)
    }

    /// The bytes of value `code`.
    func bytes(of code: Int) -> ArraySlice<UInt8> { pool[offsets[code]..<offsets[code + 1]] }

    private func equals(_ code: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[code]
        let length = offsets[code + 1] - start
        guard length == bytes.count else { return false }
        return pool.withUnsafeBytes { pooled in
            length == 0 || memcmp(pooled.baseAddress! + start, bytes.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for code in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code + 1)
        }
    }

    /// FNV-1a over the bytes, finished with a multiply-xorshift so that low bits mix well.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        return hash ^ (hash >> 33)
    }
}

import Foundation

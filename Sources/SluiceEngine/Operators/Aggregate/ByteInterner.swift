/// Gives each distinct byte string a dense code (0, 1, 2, ...) without allocating per lookup:
/// values are copied once into one pooled buffer, and an open-addressing table keyed by a
/// hash of the bytes finds them again.
public struct ByteInterner: Sendable {
    public init() {}

    private var pool: [UInt8] = []
    /// `count + 1` offsets of the interned values in `pool`.
    private var offsets: [Int] = [0]
    /// Slots hold code + 1 (0 is empty).
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []

    /// The number of distinct values.
    public var count: Int { offsets.count - 1 }

    /// The total bytes of the distinct values.
    public var byteCount: Int { pool.count }

    /// Values of at most 16 bytes by their zero-padded words and length, which tell them apart
    /// exactly: such a value is found without reading the pool.
    private var shortTable = [ShortEntry](repeating: ShortEntry(), count: 64)
    private var shortCount = 0

    /// The code of `bytes`, interning it if new.
    public mutating func code(of bytes: UnsafeRawBufferPointer) -> Int32 {
        guard bytes.count <= 16 else { return pooledCode(of: bytes) }
        let key = ShortEntry(bytes)
        let (found, slot) = shortProbe(key)
        if let found { return found }
        let code = pooledCode(of: bytes)
        shortTable[slot] = key.with(code: code)
        shortCount += 1
        if shortCount * 2 > shortTable.count { growShort() }
        return code
    }

    /// The code of `bytes` through the pool's table, interning it if new.
    private mutating func pooledCode(of bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes)
        let (found, slot) = probe(bytes, hash)
        if let found { return found }
        let code = count
        pool.append(contentsOf: bytes)
        offsets.append(pool.count)
        hashes.append(hash)
        slots[slot] = Int32(code + 1)
        if count * 2 > slots.count { grow() }
        return Int32(code)
    }

    /// The code of each of `values`, interning those that are new.
    public mutating func codes(of values: StringStorage) -> [Int32] {
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        values.forEachValue { codes.append(code(of: $0)) }
        return codes
    }

    /// The code of `bytes` if it was interned, without interning it.
    public func existingCode(of bytes: UnsafeRawBufferPointer) -> Int32? {
        if bytes.count <= 16 { return shortProbe(ShortEntry(bytes)).code }
        return probe(bytes, Self.hash(bytes)).code
    }

    /// The code of a short value if interned, else the empty slot where it would go.
    @inline(__always)
    private func shortProbe(_ key: ShortEntry) -> (code: Int32?, slot: Int) {
        shortTable.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var slot = Int(truncatingIfNeeded: key.hash) & mask
            while true {
                let entry = table[slot]
                if entry.lengthAndCode == 0 { return (nil, slot) }
                if entry.first == key.first, entry.second == key.second, entry.lengthAndCode >> 32 == key.lengthAndCode >> 32 {
                    return (Int32(truncatingIfNeeded: entry.lengthAndCode) - 1, slot)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func growShort() {
        let entries = shortTable.filter { $0.lengthAndCode != 0 }
        shortTable = [ShortEntry](repeating: ShortEntry(), count: shortTable.count * 2)
        let mask = shortTable.count - 1
        for entry in entries {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while shortTable[slot].lengthAndCode != 0 { slot = (slot + 1) & mask }
            shortTable[slot] = entry
        }
    }

    /// The code of `bytes` if interned, else the empty slot where it would go.
    @inline(__always)
    private func probe(_ bytes: UnsafeRawBufferPointer, _ hash: UInt64) -> (code: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            let code = Int(entry - 1)
            if hashes[code] == hash, equals(code, bytes) { return (Int32(code), slot) }
            slot = (slot + 1) & mask
        }
    }

    /// About how many bytes the interner holds: the values, their offsets and hashes, and the table.
    public var estimatedBytes: Int { pool.count + offsets.count * 8 + hashes.count * 8 + slots.count * 4 }

    /// The distinct values, in code order.
    public var values: StringStorage { StringStorage(offsets: offsets, bytes: pool) }

    /// The bytes of value `code`.
    public func bytes(of code: Int) -> ArraySlice<UInt8> { pool[offsets[code]..<offsets[code + 1]] }

    private func equals(_ code: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[code]
        let length = offsets[code + 1] - start
        guard length == bytes.count else { return false }
        return pool.withUnsafeBytes { pooled in
            length == 0 || Self.same(UnsafeRawBufferPointer(rebasing: pooled[start..<start + length]), bytes)
        }
    }

    /// Whether two byte strings of one length are equal, by whole (overlapping) words.
    @inline(__always)
    private static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let length = a.count
        if length >= 8 {
            var offset = 0
            while offset + 8 < length {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset += 8
            }
            return a.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        }
        if length >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
        }
        for index in 0..<length where a[index] != b[index] { return false }
        return true
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

    /// A 64-bit hash taking eight bytes at a time (multiply-xorshift mixing), so long values
    /// cost a step per word rather than per byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        // The last partial word: read as the tail of an overlapping word, or as two halves.
        let rest = bytes.count - offset
        var tail: UInt64 = 0
        if rest > 0, bytes.count >= 8 {
            tail = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) >> UInt64(64 - rest * 8)
        } else if rest >= 4 {
            tail = UInt64(bytes.loadUnaligned(as: UInt32.self)) | UInt64(bytes.loadUnaligned(fromByteOffset: rest - 4, as: UInt32.self)) << 32
        } else {
            for index in 0..<rest { tail |= UInt64(bytes[index]) << UInt64(index * 8) }
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}

/// A value of at most 16 bytes as the short-value table holds it: its bytes as two
/// little-endian words, zero-padded, and its length and code + 1 (0: an empty slot).
private struct ShortEntry: Sendable {
    var first: UInt64 = 0
    var second: UInt64 = 0
    var lengthAndCode: UInt64 = 0

    init() {}

    /// The key of `bytes` (at most 16 of them), without a code.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        if count >= 8 {
            first = bytes.loadUnaligned(as: UInt64.self)
            second = count > 8 ? bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64((16 - count) * 8) : 0
        } else if count >= 4 {
            let low = UInt64(bytes.loadUnaligned(as: UInt32.self))
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) >> UInt64((8 - count) * 8)
            first = low | high << 32
        } else {
            for index in 0..<count { first |= UInt64(bytes[index]) << UInt64(index * 8) }
        }
        lengthAndCode = UInt64(count) << 32
    }

    func with(code: Int32) -> ShortEntry {
        var entry = self
        entry.lengthAndCode = lengthAndCode | UInt64(UInt32(code) + 1)
        return entry
    }

    /// Two multiplications side by side, then the high bits folded into the low ones the
    /// table's mask keeps: short, since a lookup waits for it.
    var hash: UInt64 {
        let hash = (first &* 0x9E37_79B9_7F4A_7C15) ^ ((second ^ lengthAndCode >> 32) &* 0xC2B2_AE3D_27D4_EB4F)
        return hash ^ (hash >> 29)
    }
}

import Foundation

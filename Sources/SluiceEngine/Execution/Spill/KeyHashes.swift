/// Hashes the key values of rows, column by column, for partitioning rows by key.
///
/// Equal values hash alike whenever the key columns have one type, whichever batch or input
/// they come from: the hash depends on the values only, never on a column's encoding
/// (dictionary or plain) or on codes handed out so far. Values are equal as in grouping and
/// joins: 0.0 and -0.0 alike, every NaN alike, and null like null (a join still never matches a
/// null key; it only has to land in some partition). The hashes hold within one process only
/// (byte strings and nested values go through Swift's seeded `Hasher`), which is all spill
/// files need. A different `seed` gives an unrelated hash, so a partition can be split again.
enum KeyHashes {
    /// One hash per row of the key `columns` (all of one length).
    static func hashes(of columns: [Column], rows: Int, seed: UInt64) -> [UInt64] {
        var hashes = [UInt64](repeating: mix(seed), count: rows)
        for column in columns {
            precondition(column.count == rows, "key columns differ in length")
            combine(column, into: &hashes)
        }
        return hashes
    }

    /// The partition, of `count`, that `hash` falls in (the high bits of `hash` times `count`).
    @inline(__always)
    static func partition(of hash: UInt64, count: Int) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(count)).high)
    }

    /// What a null key value contributes.
    private static let nullHash: UInt64 = 0x6E75_6C6C_6B65_7973

    /// A 64-bit finalizer (SplitMix64's): every input bit flips about half the output bits.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func combine(_ column: Column, into hashes: inout [UInt64]) {
        // Null slots hold an arbitrary placeholder: they get the null hash from the hash before this column.
        let beforeNulls = column.validity == nil ? nil : hashes
        switch column.storage {
        case .boolean(let values): for row in values.indices { hashes[row] = mix(hashes[row] ^ (values[row] ? 1 : 2)) }
        case .int32(let values): for row in values.indices { hashes[row] = mix(hashes[row] ^ UInt64(bitPattern: Int64(values[row]))) }
        case .int64(let values): for row in values.indices { hashes[row] = mix(hashes[row] ^ UInt64(bitPattern: values[row])) }
        case .float64(let values):
            for row in values.indices {
                let value = values[row]
                // As the key encoders do: -0.0 is 0.0, and every NaN is one value.
                let bits: UInt64 = value == 0 ? 0 : value.isNaN ? UInt64.max : value.bitPattern
                hashes[row] = mix(hashes[row] ^ bits)
            }
        case .decimal(let values):
            for row in values.indices {
                let value = UInt128(bitPattern: values[row])
                hashes[row] = mix(mix(hashes[row] ^ UInt64(truncatingIfNeeded: value)) ^ UInt64(truncatingIfNeeded: value >> 64))
            }
        case .string(let storage):
            storage.bytes.withUnsafeBytes { all in
                for row in 0..<storage.count {
                    var hasher = Hasher()
                    hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: all[storage.offsets[row]..<storage.offsets[row + 1]]))
                    hashes[row] = mix(hashes[row] ^ UInt64(bitPattern: Int64(hasher.finalize())))
                }
            }
        case .list, .structure:
            for row in 0..<column.count {
                hashes[row] = mix(hashes[row] ^ UInt64(bitPattern: Int64(column.value(at: row).hashValue)))
            }
        }
        if let validity = column.validity, let beforeNulls {
            for row in 0..<column.count where !validity[row] { hashes[row] = mix(beforeNulls[row] ^ nullHash) }
        }
    }
}

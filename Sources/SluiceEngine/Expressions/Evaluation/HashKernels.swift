/// Hash functions over whole columns: digests (`md5`, `sha1`, `sha2`, `crc32`) of each value's
/// UTF-8 bytes, and Spark's chained value hashes (`hash`, `xxhash64`) fed straight from the
/// typed buffers.
enum HashKernels {
    /// Each value's `digest` (nil: null) in lower-case hex; `row` is the value's row.
    static func hexDigests(_ column: Column, _ digest: ([UInt8], Int) -> [UInt8]?) -> Column? {
        guard let values = column.stringStorage else { return nil }
        var writer = StringColumnWriter(rows: values.count, byteCapacity: values.count * 64, validity: column.validity)
        StringView.with(values) { view in
            for row in 0..<view.count {
                if writer.isNull(row) { writer.endValue(); continue }
                guard let bytes = digest(Array(view[row]), row) else { writer.endNull(); continue }
                for byte in bytes {
                    writer.append(HashFunctions.hexDigits[Int(byte >> 4)])
                    writer.append(HashFunctions.hexDigits[Int(byte & 15)])
                }
                writer.endValue()
            }
        }
        return writer.finish()
    }

    /// Spark's `hash` / `xxhash64` of every row: each column's value hashed with the previous
    /// column's hash as its seed (a null leaves it as it is); nil for arrays, maps and structs.
    static func chain<Algorithm: SparkHashAlgorithm>(_: Algorithm.Type, _ columns: [Column], rows: Int,
                                                     seed: Algorithm.Seed) -> [Algorithm.Seed]? {
        var seeds = [Algorithm.Seed](repeating: seed, count: rows)
        for column in columns {
            func update(_ hash: (Int, Algorithm.Seed) -> Algorithm.Seed) {
                for row in 0..<rows where !column.isNull(row) { seeds[row] = hash(row, seeds[row]) }
            }
            typealias Hasher = SparkValueHasher<Algorithm>
            switch (column.dataType, column.storage) {
            case (_, .boolean(let values)): update { Algorithm.hashInt(values[$0] ? 1 : 0, seed: $1) }
            case (_, .int32(let values)): update { Algorithm.hashInt(values[$0], seed: $1) }
            case (_, .int64(let values)): update { Algorithm.hashLong(values[$0], seed: $1) }
            case (.float32, .float64(let values)): update { Algorithm.hashInt(Hasher.floatBits(Float(values[$0])), seed: $1) }
            case (_, .float64(let values)): update { Algorithm.hashLong(Hasher.doubleBits(values[$0]), seed: $1) }
            case (.decimal(let precision, _), .decimal(let values)): update { Hasher.hashDecimal(values[$0], precision: precision, seed: $1) }
            case (_, .string(let strings)):
                StringView.with(strings) { view in update { Algorithm.hashBytes(UnsafeRawBufferPointer(view[$0]), seed: $1) } }
            default: return nil
            }
        }
        return seeds
    }
}

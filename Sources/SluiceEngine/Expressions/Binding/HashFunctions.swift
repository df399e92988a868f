/// Digest functions over the UTF-8 bytes of their argument, as lower-case hex (Spark's `md5`,
/// `sha1`, `sha2`) or as a number (`crc32`); and Spark's `hash` (Murmur3, INT) and `xxhash64`
/// (BIGINT) over any number of typed values, seed 42.
enum HashFunctions {
    typealias Entry = FunctionCatalog.Entry

    static func hex(_ bytes: [UInt8]) -> ScalarValue {
        let digits = Array("0123456789abcdef".utf8)
        return .string(String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self))
    }

    static func bytes(_ value: ScalarValue) -> [UInt8] { Array(StringFunctions.text(value).utf8) }

    static let entries: [String: Entry] = [
        "md5": .fixed([.string], returns: .string, "md5") { hex(MD5.digest(bytes($0[0]))) },
        "sha1": .fixed([.string], returns: .string, "sha1") { hex(SHA.sha1(bytes($0[0]))) },
        "sha": .fixed([.string], returns: .string, "sha1") { hex(SHA.sha1(bytes($0[0]))) },
        "sha2": .fixed([.string, .int32], returns: .string, "sha2") { values in
            let input = bytes(values[0])
            switch StringFunctions.int(values[1]) {
            case 0, 256: return hex(SHA.sha256(input))
            case 224: return hex(SHA.sha256(input, truncated: true))
            case 384: return hex(SHA.sha512(input, truncated: true))
            case 512: return hex(SHA.sha512(input))
            default: return .null  // as Spark: an unsupported bit length gives null
            }
        },
        "crc32": .fixed([.string], returns: .int64, "crc32") { .int64(Int64(CRC32.checksum(bytes($0[0])))) },
        "hash": .specialized(1...Int.max) { types throws(FunctionCatalog.ArgumentTypeError) in
            let kept = try hashable(types, "hash")
            return .init(argumentTypes: kept, result: .int32, function: RowFunction("hash", nullPropagating: false) { values in
                .int32(Int32(bitPattern: chain(Murmur3.self, values, kept, seed: 42)))
            })
        },
        "xxhash64": .specialized(1...Int.max) { types throws(FunctionCatalog.ArgumentTypeError) in
            let kept = try hashable(types, "xxhash64")
            return .init(argumentTypes: kept, result: .int64, function: RowFunction("xxhash64", nullPropagating: false) { values in
                .int64(Int64(bitPattern: chain(XxHash64.self, values, kept, seed: 42)))
            })
        },
    ]

    /// Each value's hash seeds the next one's, as Spark's `HashExpression` does.
    static func chain<Algorithm: SparkHashAlgorithm>(_: Algorithm.Type, _ values: [ScalarValue], _ types: [DataType],
                                                     seed: Algorithm.Seed) -> Algorithm.Seed {
        zip(values, types).reduce(seed) { SparkValueHasher<Algorithm>.hash($1.0, type: $1.1, seed: $0) }
    }

    /// The argument types as they are (an untyped NULL as STRING); maps, at any depth, are refused,
    /// as Spark refuses them unless `spark.sql.legacy.allowHashOnMapType` is set.
    static func hashable(_ types: [DataType?], _ name: String) throws(FunctionCatalog.ArgumentTypeError) -> [DataType] {
        let kept = types.map { $0 ?? .string }
        if kept.contains(where: containsMap) {
            throw .init(message: "\(name) cannot hash MAP values, as in Spark")
        }
        return kept
    }

    private static func containsMap(_ type: DataType) -> Bool {
        switch type {
        case .map: true
        case .array(let element): containsMap(element)
        case .struct(let fields): fields.contains { containsMap($0.type) }
        default: false
        }
    }
}

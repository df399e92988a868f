/// Digest functions over the UTF-8 bytes of their argument, as lower-case hex (Spark's `md5`,
/// `sha1`, `sha2`) or as a number (`crc32`); and Spark's `hash` (Murmur3, INT) and `xxhash64`
/// (BIGINT) over any number of typed values, seed 42.
enum HashFunctions {
    typealias Entry = FunctionCatalog.Entry

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> ScalarValue {
        .string(String(decoding: bytes.flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 15)]] }, as: UTF8.self))
    }

    static func bytes(_ value: ScalarValue) -> [UInt8] { Array(StringFunctions.text(value).utf8) }

    /// A digest of a string's UTF-8 bytes, as lower-case hex.
    static func digest(_ name: String, _ digest: @escaping @Sendable ([UInt8]) -> [UInt8]) -> Entry {
        .fixed([.string], returns: .string, name) { hex(digest(bytes($0[0]))) }
            .vectorized { HashKernels.hexDigests($0[0]) { bytes, _ in digest(bytes) } }
    }

    /// `sha2`: the SHA-2 digest of the bit length (0 is 256); nil, as Spark's null, for other lengths.
    static func sha2(_ input: [UInt8], bits: Int) -> [UInt8]? {
        switch bits {
        case 0, 256: SHA.sha256(input)
        case 224: SHA.sha256(input, truncated: true)
        case 384: SHA.sha512(input, truncated: true)
        case 512: SHA.sha512(input)
        default: nil
        }
    }

    /// Spark's chained value hash (`hash`, `xxhash64`), as `result` makes it a value or a column.
    static func chained<Algorithm: SparkHashAlgorithm>(_ name: String, _ algorithm: Algorithm.Type, seed: Algorithm.Seed, returns type: DataType,
                                                       _ result: @escaping @Sendable (Algorithm.Seed) -> ScalarValue,
                                                       column: @escaping @Sendable ([Algorithm.Seed]) -> ColumnStorage) -> Entry {
        .specialized(1...Int.max) { types throws(FunctionCatalog.ArgumentTypeError) in
            let kept = try hashable(types, name)
            var function = RowFunction(name, nullPropagating: false) { result(chain(algorithm, $0, kept, seed: seed)) }
            function.kernel = { columns in
                HashKernels.chain(algorithm, columns, rows: columns[0].count, seed: seed).map { Column(dataType: type, storage: column($0)) }
            }
            return .init(argumentTypes: kept, result: type, function: function)
        }
    }

    static let entries: [String: Entry] = [
        "md5": digest("md5", MD5.digest),
        "sha1": digest("sha1", { SHA.sha1($0) }),
        "sha": digest("sha1", { SHA.sha1($0) }),
        "sha2": Entry.fixed([.string, .int32], returns: .string, "sha2") { values in
            sha2(bytes(values[0]), bits: StringFunctions.int(values[1])).map(hex) ?? .null
        }.vectorized { columns in
            guard case .int32(let bits) = columns[1].storage else { return nil }
            return HashKernels.hexDigests(Column(dataType: .string, storage: columns[0].storage, validity: Column.commonValidity(columns))) {
                sha2($0, bits: Int(bits[$1]))
            }
        },
        "crc32": Entry.fixed([.string], returns: .int64, "crc32") { .int64(Int64(CRC32.checksum(bytes($0[0])))) }
            .vectorized { columns in
                guard let values = columns[0].stringStorage else { return nil }
                let sums = StringView.with(values) { view in (0..<view.count).map { Int64(CRC32.checksum(Array(view[$0]))) } }
                return Column(dataType: .int64, storage: .int64(sums), validity: columns[0].validity)
            },
        "hash": chained("hash", Murmur3.self, seed: 42, returns: .int32, { .int32(Int32(bitPattern: $0)) }) { .int32($0.map { Int32(bitPattern: $0) }) },
        "xxhash64": chained("xxhash64", XxHash64.self, seed: 42, returns: .int64, { .int64(Int64(bitPattern: $0)) }) { .int64($0.map { Int64(bitPattern: $0) }) },
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

@testable import SluiceEngine
import SluiceSpec
import Testing

/// Digests and Spark's value hashes over whole columns give the row path's values (and Spark's,
/// which `SparkHashTests` and `HashFunctionTests` check through the same kernels).
@Suite struct HashKernelTests {
    static let batch = RecordBatch.of(Schema([Field("s", .string), Field("i", .int32), Field("x", .float64)]), rows: [
        [.string("abc"), .int32(1), .float64(-0.0)], [.null, .null, .null], [.string(""), .int32(-1), .float64(.nan)],
        [.string("héllo wörld ✓"), .int32(.min), .float64(1.5)],
    ])

    @Test func digestsOfEveryRow() throws {
        #expect(try Self.batch.evaluate("md5(s)") == [
            .string("900150983cd24fb0d6963f7d28e17f72"), .null, .string("d41d8cd98f00b204e9800998ecf8427e"), .string("aa0c8a307a4488bfe0cb56530da19bc3"),
        ])
        #expect(try Self.batch.evaluate("sha2(s, i * 256)")[0] == .string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(try Self.batch.evaluate("sha2(s, i)") == [.null, .null, .null, .null])
        #expect(try Self.batch.evaluate("crc32(s)") == [.int64(891_568_578), .null, .int64(0), .int64(180_982_638)])
    }

    @Test func valueHashesSkipNulls() throws {
        // A null leaves the seed as it is: hash(NULL, 1) is hash(1), as in Spark.
        let alone = try Self.batch.evaluate("hash(i)")
        #expect(try Self.batch.evaluate("hash(CAST(NULL AS STRING), i)") == alone)
        #expect(alone[1] == .int32(42))
        #expect(try Self.batch.evaluate("hash(x)")[0] == (try Self.batch.evaluate("hash(0.0)")[0]), "-0.0 hashes as 0.0")
        #expect(try Self.batch.evaluate("hash(x)")[2] == .int32(-1_281_358_385))
    }

    @Test(arguments: [21, 22] as [UInt64])
    func kernelsAgreeWithTheRowPath(seed: UInt64) throws {
        var random = RandomColumns(seed: seed)
        let text = random.strings(most: 40)
        try KernelDifferential.check("md5", [text])
        try KernelDifferential.check("sha1", [text])
        try KernelDifferential.check("crc32", [text])
        try KernelDifferential.check("sha2", [text, random.choices(.int32, [0, 224, 256, 384, 512, 128].map(ScalarValue.int32))])
        let columns: [Column] = [
            text, random.int32s(.min ... .max, edges: [0, -1]), random.int64s(.min ... .max), random.doubles(-1e9...1e9, edges: [0, -0.0, .nan, .infinity]),
            random.choices(.boolean, [.boolean(true), .boolean(false)]),
            random.column(.float32) { .float32(Float.random(in: -100...100, using: &$0)) },
            random.column(.date) { .date(Int32.random(in: -100_000...100_000, using: &$0)) },
            random.column(.timestamp) { .timestamp(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &$0)) },
            random.column(.decimal(precision: 10, scale: 2)) { .decimal(DecimalValue(unscaled: Int128(Int.random(in: -999_999...999_999, using: &$0)), scale: 2)) },
            random.column(.decimal(precision: 30, scale: 3)) { .decimal(DecimalValue(unscaled: Int128(Int64.random(in: .min ... .max, using: &$0)) * 1000, scale: 3)) },
            random.column(.binary) { generator in .binary((0..<Int.random(in: 0...9, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }) },
            random.column(.int16) { .int16(Int16.random(in: .min ... .max, using: &$0)) },
        ]
        for name in ["hash", "xxhash64"] {
            for column in columns { try KernelDifferential.check(name, [column]) }
            try KernelDifferential.check(name, columns)
        }
    }
}

/// `IF` and `NULLIF` over whole columns: the row path's values, strings compared byte for byte.
@Suite struct ConditionalKernelTests {
    @Test func ifAndNullIf() throws {
        let batch = RecordBatch.of(Schema([Field("c", .boolean), Field("a", .string), Field("b", .string)]), rows: [
            [.boolean(true), .string("é"), .string("e\u{301}")], [.boolean(false), .string("x"), .string("x")], [.null, .null, .string("y")],
        ])
        #expect(try batch.evaluate("if(c, a, b)") == [.string("é"), .string("x"), .string("y")])
        #expect(try batch.evaluate("if(c, 1, 2.5)") == [.float64(1), .float64(2.5), .float64(2.5)])
        // A precomposed é is not the same bytes as e with a combining accent.
        #expect(try batch.evaluate("nullif(a, b)") == [.string("é"), .null, .null])
        #expect(try batch.evaluate("nullif(b, 'y')") == [.string("e\u{301}"), .string("x"), .null])
    }

    @Test(arguments: [31, 32] as [UInt64])
    func kernelsAgreeWithTheRowPath(seed: UInt64) throws {
        var random = RandomColumns(seed: seed)
        let conditions = random.choices(.boolean, [.boolean(true), .boolean(false)])
        let short = random.strings(from: ["é", "e\u{301}", "a", ""], most: 1)
        try KernelDifferential.check("if", [conditions, random.strings(), short])
        try KernelDifferential.check("if", [conditions, random.int64s(-3...3), random.int64s(-3...3)])
        try KernelDifferential.check("nullif", [short, random.strings(from: ["é", "e\u{301}", "a", ""], most: 1)])
        try KernelDifferential.check("nullif", [random.int32s(-2...2), random.int32s(-2...2)])
        try KernelDifferential.check("nullif", [random.doubles(-1...1, edges: [0, -0.0, .nan]), random.doubles(-1...1, edges: [0, -0.0, .nan])])
    }
}

import SluiceEngine
import SluiceSpec
import Testing

/// `hash` and `xxhash64` against Spark's own outputs: the examples of Spark's SQL function
/// reference and values other engines' Spark-compatibility suites took from spark-sql. The
/// rest come from Tests/Reference/spark_hash.py, a port that reproduces all of those published values.
@Suite struct SparkHashTests {
    /// The value of `expression` over one row whose column `v` holds `value` of `type`.
    func eval(_ expression: String, _ value: ScalarValue = .null, _ type: DataType = .int32) throws -> ScalarValue {
        try RecordBatch.of(Schema([Field("v", type)]), rows: [[value]]).evaluate(expression)[0]
    }

    static let publishedHashes: [(String, Int32)] = [
        ("hash('Spark', array(123), 2)", -1_321_691_492),  // Spark's SQL function reference
        ("hash('Spark')", 228_093_765),
        ("hash('')", 142_593_372),
        ("hash('abcdefghijklmnopqrstuvwxyz')", -1_990_933_474),
        ("hash('12345678')", 2_036_199_019),
        ("hash('hello')", -1_008_564_952),
        ("hash('abc')", 1_322_437_556),
        ("hash(1)", -559_580_957),
        ("hash(0)", 933_211_791),
        ("hash(-1)", -1_604_776_387),
        ("hash(CAST(1 AS TINYINT))", -559_580_957),
        ("hash(CAST(-1 AS SMALLINT))", -1_604_776_387),
        ("hash(true)", -559_580_957),
        ("hash(false)", 933_211_791),
        ("hash(1L)", -1_712_319_331),
        ("hash(0L)", -1_670_924_195),
        ("hash(-1L)", -939_490_007),
        ("hash(9223372036854775807L)", -1_604_625_029),
        ("hash(1.0D)", -460_888_942),
        ("hash(-0.0D)", -1_670_924_195),
        ("hash(CAST(1 AS FLOAT))", -466_301_895),
        ("hash(array(1L, 2L, 3L, 4L, 5L))", 2_101_165_938),
        ("hash(array(1, NULL))", -559_580_957),
        ("hash(array(NULL, 2))", 1_765_031_574),
        ("hash('', 0)", 1_143_746_540),
        ("hash(NULL, 0)", 933_211_791),
        ("hash(NULL)", 42),
        ("hash(DATE '1970-01-02')", -559_580_957),  // a date hashes as its day number
    ]

    @Test(arguments: publishedHashes)
    func murmur3MatchesSpark(expression: String, expected: Int32) throws {
        #expect(try eval(expression) == .int32(expected))
    }

    static let publishedXxHashes: [(String, Int64)] = [
        ("xxhash64('Spark', array(123), 2)", 5_602_566_077_635_097_486),  // Spark's SQL function reference
        ("xxhash64('Spark')", -4_294_468_057_691_064_905),
        ("xxhash64('')", -7_444_071_767_201_028_348),
        ("xxhash64('abcdefghijklmnopqrstuvwxyz')", -3_265_757_659_154_784_300),
        ("xxhash64('12345678')", 6_863_040_065_134_489_090),
        ("xxhash64('12345678djdejidecjjeijcneknceincne')", -633_855_189_410_948_723),
        ("xxhash64(1)", -6_698_625_589_789_238_999),
        ("xxhash64(-1)", 2_017_008_487_422_258_757),
        ("xxhash64(false)", 3_614_696_996_920_510_707),
        ("xxhash64(1L)", -7_001_672_635_703_045_582),
        ("xxhash64(-1L)", 3_858_142_552_250_413_010),
        ("xxhash64(1.0D)", -2_162_451_265_447_482_029),
        ("xxhash64(-0.0D)", -5_252_525_462_095_825_812),
        ("xxhash64(CAST(1 AS FLOAT))", 700_633_588_856_507_837),
        ("xxhash64('', 0)", 5_333_022_629_466_737_987),
        ("xxhash64(NULL)", 42),
    ]

    @Test(arguments: publishedXxHashes)
    func xxHash64MatchesSpark(expression: String, expected: Int64) throws {
        #expect(try eval(expression) == .int64(expected))
    }

    @Test func floatingPointSpecialsHashAsCanonicalBits() throws {
        #expect(try eval("hash(v)", .float64(.nan), .float64) == .int32(-1_281_358_385))
        #expect(try eval("hash(v)", .float64(.infinity), .float64) == .int32(833_680_482))
        #expect(try eval("hash(v)", .float64(-.infinity), .float64) == .int32(461_104_036))
        #expect(try eval("hash(v)", .float32(.nan), .float32) == .int32(-349_261_430))
        #expect(try eval("hash(v)", .float32(.infinity), .float32) == .int32(2_026_854_605))
        #expect(try eval("hash(v)", .float32(-0.0), .float32) == .int32(933_211_791))
        #expect(try eval("xxhash64(v)", .float64(.nan), .float64) == .int64(-3_127_944_061_524_951_246))
        #expect(try eval("xxhash64(v)", .float32(-.infinity), .float32) == .int64(-7_580_553_461_823_983_095))
    }

    @Test func decimalsHashByTheirTypesPrecision() throws {
        let wide = DataType.decimal(precision: 38, scale: 0)
        let max = DecimalMath.powersOfTen[38] - 1
        // Published for DECIMAL(38,0): the unscaled value's BigInteger bytes.
        #expect(try eval("hash(v)", .decimal(DecimalValue(unscaled: 12_345_678, scale: 0)), wide) == .int32(-277_285_195))
        #expect(try eval("hash(v)", .decimal(DecimalValue(unscaled: 0, scale: 0)), wide) == .int32(-783_713_497))
        #expect(try eval("hash(v)", .decimal(DecimalValue(unscaled: -12_345_678, scale: 0)), wide) == .int32(-1_198_355_617))
        #expect(try eval("hash(v)", .decimal(DecimalValue(unscaled: max, scale: 0)), wide) == .int32(-817_514_053))
        #expect(try eval("hash(v)", .decimal(DecimalValue(unscaled: -max, scale: 0)), wide) == .int32(1_400_911_110))
        // From the port: -128 needs one byte (0x80), a narrow decimal hashes as a long.
        let twenty = DataType.decimal(precision: 20, scale: 0)
        #expect(try eval("hash(v)", .decimal(DecimalValue(unscaled: -128, scale: 0)), twenty) == .int32(775_851_899))
        #expect(try eval("xxhash64(v)", .decimal(DecimalValue(unscaled: -128, scale: 0)), twenty) == .int64(-7_898_411_661_632_158_123))
        #expect(try eval("hash(CAST('12.34' AS DECIMAL(10,2)))") == .int32(-1_028_144_669))
        #expect(try eval("xxhash64(CAST('12.34' AS DECIMAL(10,2)))") == .int64(-3_802_813_071_951_760_351))
        #expect(try eval("xxhash64(v)", .decimal(DecimalValue(unscaled: 12_345_678, scale: 0)), wide) == .int64(4_541_350_547_708_072_824))
    }

    @Test func timestampsBinaryAndStructsHashAsSparkDoes() throws {
        #expect(try eval("hash(v)", .timestamp(12_345_678), .timestamp) == .int32(1_402_875_301))
        #expect(try eval("xxhash64(v)", .timestamp(12_345_678), .timestamp) == .int64(782_671_362_992_292_307))
        // Spark mixes each trailing byte on its own, sign-extended: not standard Murmur3.
        #expect(try eval("hash(v)", .binary([0x00, 0xC8]), .binary) == .int32(-424_716_282))
        #expect(try eval("xxhash64(v)", .binary([0x00, 0xC8]), .binary) == .int64(-3_989_117_803_985_129_182))
        let pair = DataType.struct([Field("a", .int64), Field("b", .int64)])
        #expect(try eval("hash(v)", .struct([.int64(1), .int64(2)]), pair) == .int32(-1_181_176_833))
        #expect(try eval("xxhash64(v)", .struct([.int64(1), .int64(2)]), pair) == .int64(-8_198_029_865_082_835_910))
    }

    @Test func longAndMultiByteStringsCoverEveryTail() throws {
        #expect(try eval("hash('héllo wörld ✓')") == .int32(-594_605_681))
        #expect(try eval("xxhash64('héllo wörld ✓')") == .int64(1_267_430_004_352_973_977))
        #expect(try eval("hash('The quick brown fox jumps over the lazy dog')") == .int32(466_024_576))
        #expect(try eval("xxhash64('The quick brown fox jumps over the lazy dog')") == .int64(-6_152_153_990_451_020_481))
        #expect(try eval("hash(array('a', NULL, 'bc'), 7L)") == .int32(-171_547_740))
        #expect(try eval("xxhash64(array('a', NULL, 'bc'), 7L)") == .int64(1_502_685_390_474_911_477))
    }

    @Test func typesAndRefusals() throws {
        let bound = try ExpressionBinder(schema: Schema([])).bind(try ExpressionParser.parse("xxhash64('a', 1)"))
        #expect(bound.type == .int64)
        let map = DataType.map(key: .string, value: .int32)
        #expect(throws: SluiceError.self) { try eval("hash(v)", .map(keys: [.string("a")], values: [.int32(1)]), map) }
        #expect(throws: SluiceError.self) { try eval("hash()") }
    }
}

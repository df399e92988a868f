import Foundation
@testable import SluiceEngine
import SluiceSpec
import Testing

/// `round`, `floor`, `ceil`, `sqrt`, `pow`, `mod`, `pmod`, `greatest` and `least` over whole
/// columns: Spark's values (HALF_UP from the shortest decimal form, the JVM's conversions and
/// `Math.pow`, null for a zero divisor, NaN above every other double) and the row path's.
@Suite struct MathKernelTests {
    func value(_ text: String) throws -> ScalarValue {
        try RecordBatch.of(Schema([Field("x", .int32)]), rows: [[.int32(0)]]).evaluate(text)[0]
    }

    @Test func roundsHalfUpFromTheShortestDecimal() throws {
        #expect(try value("round(2.675, 2)") == .float64(2.68))
        #expect(try value("round(1.005, 2)") == .float64(1.01))
        #expect(try value("round(0.285, 2)") == .float64(0.29))
        #expect(try value("round(-2.5)") == .float64(-3))
        #expect(try value("round(0.5)") == .float64(1))
        #expect(try value("round(1234.5678, -2)") == .float64(1200))
        #expect(try value("round(-15, -1)") == .float64(-20))
        #expect(try value("round(4503599627370495.5)") == .float64(4_503_599_627_370_496))
        #expect(try value("round(1e300, 2)") == .float64(1e300))
        #expect(try value("round(123.456, 30)") == .float64(123.456))
        #expect(try value("round(1.5e-300, 300)") == .float64(2e-300))
        #expect(try value("round(5e-324, 2)") == .float64(0))
        guard case .float64(let zero) = try value("round(-0.4)") else { Issue.record("not a double"); return }
        #expect(zero == 0 && zero.sign == .plus, "Spark's BigDecimal has no negative zero")
        guard case .float64(let nan) = try value("round(CAST('NaN' AS DOUBLE), 1)") else { Issue.record("not a double"); return }
        #expect(nan.isNaN)
    }

    /// Decimal text of up to 15 digits read as a double rounds as the text does (Foundation's
    /// `Decimal` rounding it HALF_UP is the reference).
    @Test func roundingMatchesDecimalArithmetic() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<3000 {
            let digits = Int.random(in: 1...15, using: &generator)
            let mantissa = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let point = Int.random(in: 0...digits, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            let text = sign + String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point)) + "0"
            let places = Int.random(in: -3...8, using: &generator)
            var exact = Decimal(string: text)!, rounded = Decimal()
            NSDecimalRound(&rounded, &exact, places, .plain)
            let expected = Double("\(rounded)")! + 0.0
            let actual = HalfUpRounding.round(Double(text)!, places: places)
            #expect(actual.bitPattern == expected.bitPattern, "round(\(text), \(places)) is \(actual), not \(expected)")
        }
    }

    @Test func floorAndCeilConvertAsTheJVMDoes() throws {
        #expect(try value("floor(-0.5)") == .int64(-1))
        #expect(try value("ceil(-0.5)") == .int64(0))
        #expect(try value("floor(CAST('NaN' AS DOUBLE))") == .int64(0))
        #expect(try value("ceil(1e30)") == .int64(.max))
        #expect(try value("floor(-1e30)") == .int64(.min))
        #expect(try value("ceiling(CAST('Infinity' AS DOUBLE))") == .int64(.max))
    }

    @Test func powFollowsJava() throws {
        #expect(try value("pow(2, 10)") == .float64(1024))
        #expect(try value("sqrt(2.25)") == .float64(1.5))
        for text in ["pow(1, CAST('NaN' AS DOUBLE))", "power(-1, CAST('Infinity' AS DOUBLE))", "sqrt(-1)"] {
            guard case .float64(let nan) = try value(text) else { Issue.record("\(text) is not a double"); continue }
            #expect(nan.isNaN, "\(text)")
        }
        #expect(try value("pow(CAST('NaN' AS DOUBLE), 0)") == .float64(1))
    }

    @Test func remaindersKeepOrTakeThePositiveSign() throws {
        #expect(try value("mod(-7, 3)") == .int32(-1))
        #expect(try value("pmod(-7, 3)") == .int32(2))
        #expect(try value("pmod(7, -3)") == .int32(1))
        #expect(try value("pmod(-7, -3)") == .int32(-1))
        #expect(try value("pmod(-7.5, 2)") == .float64(0.5))
        #expect(try value("mod(5, 0)") == .null)
        #expect(try value("pmod(5L, 0L)") == .null)
        #expect(try value("mod(-2147483648, -1)") == .int32(0))
        #expect(try value("pmod(CAST(-2 AS TINYINT), CAST(5 AS TINYINT))") == .int8(3))
        let decimal = try value("pmod(CAST('-7.5' AS DECIMAL(3,1)), CAST('2' AS DECIMAL(3,1)))")
        #expect(decimal == .decimal(DecimalValue(unscaled: 5, scale: 1)))
        #expect(try value("mod(CAST('7.5' AS DECIMAL(3,1)), CAST('2' AS DECIMAL(3,1)))") == .decimal(DecimalValue(unscaled: 15, scale: 1)))
    }

    @Test func greatestAndLeastSkipNullsAndRankNaNHighest() throws {
        let batch = RecordBatch.of(Schema([Field("a", .float64), Field("b", .float64), Field("s", .string)]), rows: [
            [.float64(1), .float64(.nan), .string("é")], [.null, .float64(-2), .string("e")], [.null, .null, .null],
        ])
        let greatest = try batch.evaluate("greatest(a, b)")
        #expect(greatest.count == 3 && greatest[1...] == [.float64(-2), .null])
        guard case .float64(let nan) = greatest[0] else { Issue.record("not a double"); return }
        #expect(nan.isNaN)
        #expect(try batch.evaluate("least(a, b)") == [.float64(1), .float64(-2), .null])
        #expect(try batch.evaluate("greatest(s, 'f')") == [.string("é"), .string("f"), .string("f")])
        #expect(try batch.evaluate("least(s, 'f', NULL)") == [.string("f"), .string("e"), .string("f")])
    }

    @Test(arguments: [7, 8] as [UInt64])
    func kernelsAgreeWithTheRowPath(seed: UInt64) throws {
        var random = RandomColumns(seed: seed)
        let edges: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 2.675, 0.5, -2.5, 1.005, 1e300, -1e30, 4_503_599_627_370_495.5,
                               5e-324, -0.4, 1e-7, 12_345.678_9]
        let x = random.doubles(-1e6...1e6, edges: edges), y = random.doubles(-50...50, edges: edges)
        try KernelDifferential.check("round", [x, random.int32s(-4...25, edges: [0, -400, 400])])
        try KernelDifferential.check("round", [x])
        for name in ["floor", "ceil", "sqrt"] { try KernelDifferential.check(name, [x]) }
        try KernelDifferential.check("pow", [y, random.doubles(-4...4, edges: [0, .nan, .infinity, -.infinity, 0.5, 1])])
        let intEdges: [Int32] = [0, -1, 1, .min, .max]
        let longEdges: [Int64] = [0, -1, 1, .min, .max]
        for name in ["mod", "pmod"] {
            try KernelDifferential.check(name, [random.int32s(-100...100, edges: intEdges), random.int32s(-9...9, edges: intEdges)])
            try KernelDifferential.check(name, [random.int64s(-1000...1000, edges: longEdges), random.int64s(-9...9, edges: longEdges)])
            try KernelDifferential.check(name, [x, random.doubles(-9...9, edges: [0, -0.0, .nan, .infinity])])
            try KernelDifferential.check(name, [decimals(&random), decimals(&random)])
        }
        for name in ["greatest", "least"] {
            try KernelDifferential.check(name, [x, y, random.doubles(-1...1, edges: edges)])
            try KernelDifferential.check(name, [random.int32s(-5...5), random.int32s(-5...5)])
            try KernelDifferential.check(name, [random.strings(), random.strings(), random.strings()])
            try KernelDifferential.check(name, [random.choices(.boolean, [.boolean(true), .boolean(false)]), random.choices(.boolean, [.boolean(false)])])
            try KernelDifferential.check(name, [decimals(&random), decimals(&random)])
            try KernelDifferential.check(name, [random.int64s(-5...5, edges: longEdges), random.constant(.int64(0), .int64)])
        }
    }

    /// DECIMAL(6,2) values, zero among them.
    func decimals(_ random: inout RandomColumns) -> Column {
        random.column(.decimal(precision: 6, scale: 2)) { .decimal(DecimalValue(unscaled: Int128(Int.random(in: -99_999...99_999, using: &$0) / 7 * 7 % 1000), scale: 2)) }
    }
}

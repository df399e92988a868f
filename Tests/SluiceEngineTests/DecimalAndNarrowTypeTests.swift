import SluiceEngine
import SluiceSpec
import Testing

/// Decimals (Spark's precision rules, HALF_UP rounding, null on overflow), the small integer
/// types, float, binary and timestamp_ntz, through parsing, casts, arithmetic, comparison,
/// sorting, grouping and aggregates.
@Suite struct DecimalAndNarrowTypeTests {
    static func decimal(_ text: String, _ precision: Int, _ scale: Int) -> ScalarValue {
        ScalarValue.string(text).cast(to: .decimal(precision: precision, scale: scale))
    }

    static let schema = Schema([
        Field("price", .decimal(precision: 10, scale: 2)), Field("rate", .decimal(precision: 5, scale: 4)),
        Field("qty", .int32), Field("tiny", .int8), Field("short", .int16), Field("f", .float32),
        Field("blob", .binary), Field("local", .timestampNTZ), Field("k", .string),
    ])

    static let rows: [[ScalarValue]] = [
        [decimal("19.99", 10, 2), decimal("0.0825", 5, 4), .int32(3), .int8(100), .int16(30000), .float32(1.5),
         .binary([1, 2]), .timestampNTZ(0), .string("a")],
        [decimal("-0.05", 10, 2), decimal("1.0000", 5, 4), .int32(-7), .int8(-128), .int16(-1), .float32(-0.25),
         .binary([]), .timestampNTZ(86_400_000_000), .string("b")],
        [decimal("99999999.99", 10, 2), decimal("9.9999", 5, 4), .int32(2), .int8(27), .int16(2), .float32(3),
         .binary([0xFF]), .timestampNTZ(-1), .string("a")],
        [.null, .null, .null, .null, .null, .null, .null, .null, .string("b")],
    ]

    static let batch: RecordBatch = .of(schema, rows: rows)

    func bound(_ text: String) throws -> BoundExpression {
        try ExpressionBinder(schema: Self.batch.schema).bind(try ExpressionParser.parse(text))
    }

    func eval(_ text: String) throws -> [String] {
        let column = ExpressionEvaluator.evaluate(try bound(text), on: Self.batch)
        return (0..<column.count).map { column.value(at: $0).description }
    }

    @Test func decimalTextParsesRoundsHalfUpAndFormatsPlainly() {
        #expect(Self.decimal("1.005", 5, 2).description == "1.01")
        #expect(Self.decimal("-1.005", 5, 2).description == "-1.01")
        #expect(Self.decimal("1.004", 5, 2).description == "1.00")
        #expect(Self.decimal("  +12e-3 ", 5, 3).description == "0.012")
        #expect(Self.decimal("1.5E2", 5, 0).description == "150")
        #expect(Self.decimal(".5", 3, 1).description == "0.5")
        #expect(Self.decimal("1000", 3, 0) == .null, "four digits do not fit DECIMAL(3,0)")
        #expect(Self.decimal("abc", 5, 2) == .null)
        #expect(Self.decimal("-", 5, 2) == .null)
        let big = "12345678901234567890123456789.012345678"
        #expect(Self.decimal(big, 38, 9).description == big)
        #expect(Self.decimal("0.1", 38, 37).description == "0." + "1" + String(repeating: "0", count: 36))
    }

    @Test func castsFollowSpark() {
        #expect(ScalarValue.float64(0.1).cast(to: .decimal(precision: 5, scale: 3)).description == "0.100")
        #expect(ScalarValue.float64(2.675).cast(to: .decimal(precision: 5, scale: 2)).description == "2.68", "from the shortest text of the double")
        #expect(Self.decimal("-7.9", 3, 1).cast(to: .int32) == .int32(-7), "towards zero")
        #expect(Self.decimal("-7.25", 3, 2).cast(to: .float64) == .float64(-7.25))
        #expect(Self.decimal("7.25", 3, 2).cast(to: .string) == .string("7.25"))
        #expect(ScalarValue.int64(.max).cast(to: .decimal(precision: 10, scale: 0)) == .null)
        #expect(ScalarValue.int32(300).cast(to: .int8) == .int8(44), "integers wrap when narrowed")
        #expect(ScalarValue.string("2024-01-02 03:04:05").cast(to: .timestampNTZ) == .timestampNTZ(1_704_164_645_000_000))
        #expect(ScalarValue.timestampNTZ(0).cast(to: .string) == .string("1970-01-01 00:00:00"))
        #expect(ScalarValue.string("hé").cast(to: .binary) == .binary([0x68, 0xC3, 0xA9]))
        #expect(ScalarValue.float64(0.1).cast(to: .float32) == .float32(0.1))
    }

    @Test func arithmeticTypesFollowSparksPrecisionRules() throws {
        #expect(try bound("price + rate").type == .decimal(precision: 13, scale: 4))
        #expect(try bound("price * rate").type == .decimal(precision: 16, scale: 6))
        #expect(try bound("price / rate").type == .decimal(precision: 20, scale: 8))
        #expect(try bound("price % rate").type == .decimal(precision: 5, scale: 4))
        #expect(try bound("price + qty").type == .decimal(precision: 13, scale: 2), "INT is DECIMAL(10,0)")
        #expect(try bound("price * f").type == .float64, "a float makes it a double")
        #expect(try bound("CAST(price AS DECIMAL(38,18)) * CAST(rate AS DECIMAL(38,18))").type == .decimal(precision: 38, scale: 6),
                "over 38 digits the scale gives way, down to 6")
        #expect(try bound("tiny + tiny").type == .int8)
        #expect(try bound("tiny + short").type == .int16)
        #expect(try bound("f + f").type == .float32)
        #expect(try bound("qty / 2").type == .float64)
    }

    @Test func arithmeticIsExactAndOverflowIsNull() throws {
        #expect(try eval("price + rate") == ["20.0725", "0.9500", "100000009.9899", "null"])
        #expect(try eval("price - qty") == ["16.99", "6.95", "99999997.99", "null"])
        #expect(try eval("price * rate") == ["1.649175", "-0.050000", "999989999.900001", "null"])
        #expect(try eval("price / rate") == ["242.30303030", "-0.05000000", "10000100.00000000", "null"])
        #expect(try eval("price % 3") == ["1.99", "-0.05", "0.99", "null"])
        #expect(try eval("price / 0") == ["null", "null", "null", "null"])
        #expect(try eval("-price") == ["-19.99", "0.05", "-99999999.99", "null"])
        #expect(try eval("CAST(price AS DECIMAL(38,2)) * CAST('1e30' AS DECIMAL(31,0))")
                == ["19990000000000000000000000000000.00", "-50000000000000000000000000000.00", "null", "null"],
                "a result beyond 38 digits is null")
        #expect(try eval("tiny + tiny") == ["-56", "0", "54", "null"], "TINYINT wraps at 8 bits")
        #expect(try eval("f * 2") == ["3.0", "-0.5", "6.0", "null"])
    }

    @Test func comparisonsAreExactAcrossScales() throws {
        #expect(try eval("price > rate") == ["true", "false", "true", "null"])
        #expect(try eval("price = 19.99") == ["true", "false", "false", "null"])
        #expect(try eval("price BETWEEN -1 AND 20") == ["true", "true", "false", "null"])
        #expect(try eval("rate = CAST('1' AS DECIMAL(3,0))") == ["false", "true", "false", "null"])
        #expect(try eval("blob = CAST('' AS BINARY)") == ["false", "true", "false", "null"])
        #expect(try eval("local < '1970-01-01 00:00:01'") == ["true", "false", "true", "null"])
        #expect(try eval("round(price, 1)") == ["20.0", "-0.1", "100000000.0", "null"])
    }
}

/// Aggregates, grouping and sorting over decimal, binary and narrow columns.
@Suite struct DecimalAggregateTests {
    struct Rows: Source {
        let batch: RecordBatch
        var summary: String { "rows" }
        func schema() async throws -> Schema { batch.schema }
        func scan() async throws -> RecordBatchStream {
            // Two batches, so state carries across them.
            RecordBatchStream(schema: batch.schema, batches: [batch.slice(0, 2), batch.slice(2, batch.rowCount - 2)])
        }
    }

    static let input = LogicalPlan.scan(ScanNode(source: Rows(batch: DecimalAndNarrowTypeTests.batch),
                                                 origin: PlanOrigin(stepIndex: 0, method: "rows")))

    @Test func sumAndAverageStayExactWithSparksTypes() async throws {
        let node = AggregateNode(
            input: Self.input, groupBy: [NamedExpression(name: "k", expression: .column(name: "k", qualifier: nil))],
            aggregates: [
                AggregateExpression(name: "total", function: .sum, argument: .column(name: "price", qualifier: nil)),
                AggregateExpression(name: "mean", function: .avg, argument: .column(name: "price", qualifier: nil)),
                AggregateExpression(name: "low", function: .min, argument: .column(name: "rate", qualifier: nil)),
                AggregateExpression(name: "high", function: .max, argument: .column(name: "blob", qualifier: nil)),
                AggregateExpression(name: "tinies", function: .sum, argument: .column(name: "tiny", qualifier: nil)),
                AggregateExpression(name: "fs", function: .sum, argument: .column(name: "f", qualifier: nil)),
            ],
            origin: PlanOrigin(stepIndex: 1, method: "aggregateData"))
        let (schema, rows) = try await OperatorTests.rows(.aggregate(node))
        #expect(schema.fields.map(\.type) == [.string, .decimal(precision: 20, scale: 2), .decimal(precision: 14, scale: 6),
                                              .decimal(precision: 5, scale: 4), .binary, .int64, .float64])
        #expect(rows.map { $0.map(\.description) } == [
            ["a", "100000019.98", "50000009.990000", "0.0825", "binary(1 bytes)", "127", "4.5"],
            ["b", "-0.05", "-0.050000", "1.0000", "binary(0 bytes)", "-128", "-0.25"],
        ])
    }

    @Test func groupsAndSortsByDecimalAndBinaryKeys() async throws {
        let grouped = AggregateNode(
            input: Self.input, groupBy: [NamedExpression(name: "blob", expression: .column(name: "blob", qualifier: nil)),
                                         NamedExpression(name: "rate", expression: .column(name: "rate", qualifier: nil))],
            aggregates: [AggregateExpression(name: "n", function: .count, argument: nil)],
            origin: PlanOrigin(stepIndex: 1, method: "aggregateData"))
        let (_, groups) = try await OperatorTests.rows(.aggregate(grouped))
        #expect(groups.count == 4)
        #expect(groups[0] == [.binary([1, 2]), DecimalAndNarrowTypeTests.decimal("0.0825", 5, 4), .int64(1)])
        let sorted = SortNode(input: Self.input, keys: [SortNode.Key(expression: .column(name: "price", qualifier: nil), ascending: false)],
                              origin: PlanOrigin(stepIndex: 1, method: "sortData"))
        let (_, rows) = try await OperatorTests.rows(.sort(sorted))
        #expect(rows.map { $0[0].description } == ["99999999.99", "19.99", "-0.05", "null"])
    }
}

/// Grouping a dictionary-coded string column gives the same groups as grouping its values.
@Suite struct DictionaryGroupingTests {
    @Test func groupsByCodesAsByValues() async throws {
        let values = StringStorage(offsets: [0, 1, 3, 6], bytes: Array("abbccc".utf8))
        let codes: [Int32] = [2, 0, 1, 0, 2, 0, 1, 1]
        var builder = ColumnBuilder(type: .string)
        for (row, code) in codes.enumerated() {
            if row == 3 { builder.appendNull() } else { builder.append(values.string(at: Int(code))) }
        }
        let plain = builder.finish()
        let coded = Column(dataType: .string, storage: plain.storage, validity: plain.validity,
                           dictionary: ColumnDictionary(codes: codes, values: values))
        func groups(_ column: Column) async throws -> [[ScalarValue]] {
            let schema = Schema([Field("k", .string)])
            let batch = RecordBatch(schema: schema, columns: [column])
            let node = AggregateNode(input: .scan(ScanNode(source: DecimalAggregateTests.Rows(batch: batch), origin: PlanOrigin(stepIndex: 0, method: "rows"))),
                                     groupBy: [NamedExpression(name: "k", expression: .column(name: "k", qualifier: nil))],
                                     aggregates: [AggregateExpression(name: "n", function: .count, argument: nil)],
                                     origin: PlanOrigin(stepIndex: 1, method: "aggregateData"))
            return try await OperatorTests.rows(.aggregate(node)).1
        }
        let expected: [[ScalarValue]] = [[.string("ccc"), .int64(2)], [.string("a"), .int64(2)], [.string("bb"), .int64(3)], [.null, .int64(1)]]
        #expect(try await groups(plain) == expected)
        #expect(try await groups(coded) == expected)
        #expect(coded.slice(2, 4).dictionary?.codes == [1, 0, 2, 0])
    }
}

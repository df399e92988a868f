import SluiceEngine
import SluiceSpec
import Testing

/// `array`, `split`, `size`, `array_contains`, `element_at`, `map_keys`, `map_values` and
/// subscripts, with Spark's results (non-ANSI mode), over columns with nulls.
@Suite struct CollectionFunctionTests {
    static let batch: RecordBatch = {
        let schema = Schema([Field("items", .array(.int32)), Field("prices", .map(key: .string, value: .float64)),
                             Field("line", .string)])
        let rows: [[ScalarValue]] = [
            [.array([.int32(10), .int32(20), .int32(30)]), .map(keys: [.string("eur"), .string("usd")], values: [.float64(1.5), .float64(2)]),
             .string("a,b,,c,,")],
            [.array([.int32(7), .null]), .map(keys: [], values: []), .string("")],
            [.array([]), .null, .string("one")],
            [.null, .map(keys: [.string("eur")], values: [.null]), .null],
        ]
        return .of(schema, rows: rows)
    }()

    func eval(_ text: String) throws -> [ScalarValue] { try Self.batch.evaluate(text) }

    func type(_ text: String) throws -> DataType {
        try ExpressionBinder(schema: Self.batch.schema).bind(try ExpressionParser.parse(text)).type
    }

    func strings(_ values: String...) -> ScalarValue { .array(values.map(ScalarValue.string)) }

    @Test func arrayTakesTheCommonTypeAndKeepsNulls() throws {
        #expect(try type("array(1, 2L)") == .array(.int64))
        #expect(try eval("array(1, NULL, 2L)")[0] == .array([.int64(1), .null, .int64(2)]))
        #expect(try type("array()") == .array(.string))
        #expect(try eval("array()")[0] == .array([]))
        #expect(try eval("array(line)") == [strings("a,b,,c,,"), strings(""), strings("one"), .array([.null])])
    }

    @Test func splitFollowsJavaWithTrailingEmptyStringsKept() throws {
        #expect(try type("split(line, ',')") == .array(.string))
        #expect(try eval("split(line, ',')") == [strings("a", "b", "", "c", "", ""), strings(""), strings("one"), .null])
        #expect(try eval("split(line, ',', 3)")[0] == strings("a", "b", ",c,,"))
        #expect(try eval("split(line, ',', 1)")[0] == strings("a,b,,c,,"))
        #expect(try eval("split(line, ',', 0)")[0] == strings("a", "b", "", "c", "", ""))
        #expect(try eval("split(line, ',', -1)")[0] == strings("a", "b", "", "c", "", ""))
        #expect(try eval("split(line, NULL)")[0] == .null)
    }

    @Test func splitTakesRegularExpressionsAndEmptyPatterns() throws {
        // Cases from Spark's UTF8String.split and Java's String.split.
        #expect(try eval("split('oneAtwoBthreeC', '[ABC]')")[0] == strings("one", "two", "three", ""))
        #expect(try eval("split('oneAtwoBthreeC', '[ABC]', 2)")[0] == strings("one", "twoBthreeC"))
        #expect(try eval("split('a123b', '\\\\s*[a-z]+\\\\s*')")[0] == strings("", "123", ""))
        #expect(try eval("split('abc', '.')")[0] == strings("", "", "", ""))
        #expect(try eval("split('héllo', '')")[0] == strings("h", "é", "l", "l", "o"))
        #expect(try eval("split('héllo', '', 2)")[0] == strings("h", "é"))
        #expect(try eval("split('', '')")[0] == strings(""))
        #expect(try eval("split('abc', 'A|')")[0] == strings("a", "b", "c", ""))
        #expect(try eval("split('a(b', '(')")[0] == .null)  // an invalid pattern
    }

    @Test func sizeCountsElementsAndIsMinusOneForNull() throws {
        #expect(try eval("size(items)") == [.int32(3), .int32(2), .int32(0), .int32(-1)])
        #expect(try eval("size(prices)") == [.int32(2), .int32(0), .int32(-1), .int32(1)])
        #expect(try eval("size(NULL)")[0] == .int32(-1))
        #expect(throws: SluiceError.self) { try eval("size(line)") }
    }

    @Test func arrayContainsUsesThreeValuedLogic() throws {
        #expect(try eval("array_contains(items, 20)") == [.boolean(true), .null, .boolean(false), .null])
        #expect(try eval("array_contains(items, 7L)") == [.boolean(false), .boolean(true), .boolean(false), .null])
        #expect(try eval("array_contains(items, NULL)") == [.null, .null, .null, .null])
        #expect(try eval("array_contains(array('a', 'b'), 'b')")[0] == .boolean(true))
        #expect(throws: SluiceError.self) { try eval("array_contains(line, 'a')") }
    }

    @Test func elementAtIsOneBasedAndCountsBackFromTheEnd() throws {
        #expect(try type("element_at(items, 1)") == .int32)
        #expect(try eval("element_at(items, 1)") == [.int32(10), .int32(7), .null, .null])
        #expect(try eval("element_at(items, -1)") == [.int32(30), .null, .null, .null])
        #expect(try eval("element_at(items, -3)") == [.int32(10), .null, .null, .null])
        #expect(try eval("element_at(items, 4)") == [.null, .null, .null, .null])
        #expect(try eval("element_at(items, 0)") == [.null, .null, .null, .null])
        #expect(try eval("element_at(items, NULL)") == [.null, .null, .null, .null])
        #expect(try type("element_at(prices, 'eur')") == .float64)
        #expect(try eval("element_at(prices, 'eur')") == [.float64(1.5), .null, .null, .null])
        #expect(try eval("element_at(prices, 'gbp')") == [.null, .null, .null, .null])
        #expect(throws: SluiceError.self) { try eval("element_at(line, 1)") }
    }

    @Test func subscriptsAreZeroBasedForArraysAndByKeyForMaps() throws {
        #expect(try eval("items[0]") == [.int32(10), .int32(7), .null, .null])
        #expect(try eval("items[2] + 1") == [.int32(31), .null, .null, .null])
        #expect(try eval("items[-1]") == [.null, .null, .null, .null])
        #expect(try eval("prices['usd']") == [.float64(2), .null, .null, .null])
        #expect(try eval("split(line, ',')[1]") == [.string("b"), .null, .null, .null])
        #expect(try eval("array(array(1, 2), array(3))[0][1]")[0] == .int32(2))
        #expect(try ExpressionParser.parse("items[0]").description == "items[0]")
        #expect(throws: SluiceError.self) { try eval("line[0]") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("items[0") }
    }

    @Test func mapKeysAndValuesKeepEntryOrder() throws {
        #expect(try type("map_keys(prices)") == .array(.string))
        #expect(try eval("map_keys(prices)") == [strings("eur", "usd"), .array([]), .null, strings("eur")])
        #expect(try eval("map_values(prices)") == [.array([.float64(1.5), .float64(2)]), .array([]), .null, .array([.null])])
        #expect(throws: SluiceError.self) { try eval("map_keys(items)") }
    }
}

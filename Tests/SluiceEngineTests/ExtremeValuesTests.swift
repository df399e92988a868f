@testable import SluiceEngine
import SluiceSpec
import Testing

/// `min` and `max` over timestamps and dates keep their type across batches, skip nulls,
/// and leave groups without values null.
@Suite struct ExtremeValuesTests {
    static func column(_ type: DataType, _ values: [ScalarValue]) -> Column {
        var builder = ColumnBuilder(type: type)
        for value in values { builder.append(value) }
        return builder.finish()
    }

    @Test(arguments: [AggregateFunction.min, .max])
    func timestampsAndDatesFoldOverBatches(function: AggregateFunction) {
        let cases: [(DataType, [ScalarValue], [ScalarValue])] = [
            (.timestamp, [.timestamp(5), .null, .timestamp(-7), .timestamp(9)], [.timestamp(2), .timestamp(11), .null, .null]),
            (.date, [.date(5), .null, .date(-7), .date(9)], [.date(2), .date(11), .null, .null]),
            (.int64, [.int64(5), .null, .int64(-7), .int64(9)], [.int64(2), .int64(11), .null, .null]),
        ]
        for (type, first, second) in cases {
            var accumulator = makeAccumulator(function, argumentType: type)
            // Groups 0 and 1 get values in both batches; group 2 only nulls.
            accumulator.update(groups: [0, 2, 0, 1], groupCount: 3, column: Self.column(type, first))
            accumulator.update(groups: [0, 1, 2, 2], groupCount: 3, column: Self.column(type, second))
            let result = accumulator.finish(groupCount: 3)
            let values = (0..<3).map { result.value(at: $0) }
            let wrap: (Int64) -> ScalarValue = { type == .timestamp ? .timestamp($0) : type == .date ? .date(Int32($0)) : .int64($0) }
            let expected: [ScalarValue] = function == .min ? [wrap(-7), wrap(9), .null] : [wrap(5), wrap(11), .null]
            #expect(values == expected, "\(type)")
        }
    }
}

extension ExtremeValuesTests {
    /// NaN is above every number (as in Spark), and a group whose only values are the type's
    /// extremes (infinities, the largest and smallest integers) still gets them.
    @Test(arguments: [AggregateFunction.min, .max])
    func nanAndTheTypesExtremesAreValuesLikeAnyOther(function: AggregateFunction) {
        var doubles = makeAccumulator(function, argumentType: .float64)
        // Group 0: 3.5, NaN, -1; group 1: -inf; group 2: +inf; group 3: nulls; group 4: NaN only.
        doubles.update(groups: [0, 0, 1, 2, 3, 4], groupCount: 5,
                       column: Self.column(.float64, [.float64(3.5), .float64(.nan), .float64(-.infinity), .float64(.infinity), .null,
                                                      .float64(.nan)]))
        doubles.update(groups: [0, 3, 4], groupCount: 5, column: Self.column(.float64, [.float64(-1), .null, .float64(.nan)]))
        let result = doubles.finish(groupCount: 5)
        func number(_ group: Int) -> Double? { if case .float64(let value) = result.value(at: group) { value } else { nil } }
        if function == .min {
            #expect(number(0) == -1)
        } else {
            #expect(number(0)?.isNaN == true)
        }
        #expect(number(1) == -.infinity)
        #expect(number(2) == .infinity)
        #expect(result.value(at: 3) == .null)
        #expect(number(4)?.isNaN == true)

        var integers = makeAccumulator(function, argumentType: .int64)
        integers.update(groups: [0, 1, 1], groupCount: 2, column: Self.column(.int64, [.int64(.min), .int64(.max), .int64(.max)]))
        let extremes = integers.finish(groupCount: 2)
        #expect(extremes.value(at: 0) == .int64(.min))
        #expect(extremes.value(at: 1) == .int64(.max))
    }
}

/// `min` and `max` of strings compare UTF-8 bytes (as Spark does), whether the column holds
/// plain strings or dictionary codes, and fold across batches.
@Suite struct StringExtremeValuesTests {
    @Test(arguments: [false, true])
    func stringsCompareByBytesAcrossBatches(coded: Bool) {
        func column(_ values: [String?]) -> Column {
            var builder = ColumnBuilder(type: .string, dictionaryEncoded: coded)
            for value in values {
                if let value { builder.append(value) } else { builder.appendNull() }
            }
            return builder.finish()
        }
        for function in [AggregateFunction.min, .max] {
            var accumulator = makeAccumulator(function, argumentType: .string)
            // Group 0: "abc", "ab", "z", "é" (bytes C3 A9, above "z"); group 1: "", "b"; group 2: nulls only.
            accumulator.update(groups: [0, 0, 1, 2, 0], groupCount: 3, column: column(["abc", "ab", "", nil, "z"]))
            accumulator.update(groups: [1, 0, 2], groupCount: 3, column: column(["b", "é", nil]))
            let result = accumulator.finish(groupCount: 3)
            let values = (0..<3).map { result.value(at: $0) }
            let expected: [ScalarValue] = function == .min ? [.string("ab"), .string(""), .null] : [.string("é"), .string("b"), .null]
            #expect(values == expected, "\(function), coded: \(coded)")
        }
    }
}

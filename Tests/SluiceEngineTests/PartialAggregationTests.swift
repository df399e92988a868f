import Foundation
import SluiceEngine
import SluiceSpec
import Testing

/// Aggregation over many batches: each batch is aggregated on its own (on any core) and the
/// partial results merged, or, once batches hold nearly one group per row, the rows go to the
/// final aggregation directly. Both give the same groups, in the same order, as one pass.
@Suite struct PartialAggregationTests {
    /// `count` rows whose key `k` comes from `key`; `n` and `x` with nulls, `s` with nulls.
    static func rows(_ count: Int, key: (Int) -> ScalarValue) -> [[ScalarValue]] {
        (0..<count).map { i -> [ScalarValue] in
            let n: ScalarValue = i % 13 == 0 ? .null : .int32(Int32(i % 1000) - 300)
            let x: ScalarValue = i % 17 == 0 ? .null : .float64(Double((i * 7919) % 10_007) / 8 - 400)
            let s: ScalarValue = i % 19 == 0 ? .null : .string("s\((i * 31) % 23)")
            return [key(i), n, x, s]
        }
    }

    static let aggregates: [(String, AggregateFunction, String?, Bool)] = [
        ("c", .count, nil, false), ("cx", .count, "x", false), ("sn", .sum, "n", false), ("sx", .sum, "x", false),
        ("ax", .avg, "x", false), ("sd", .stddev, "x", false), ("vx", .variance, "x", false), ("mn", .min, "x", false),
        ("mx", .max, "x", false), ("ms", .max, "s", false), ("fs", .first, "s", false), ("ls", .last, "s", false),
        ("cl", .collectList, "n", false), ("cs", .collectSet, "s", false), ("nn", .min, "n", false), ("nx", .max, "n", false),
    ]

    /// The expected output, computed row by row: groups in order of first appearance.
    static func reference(_ rows: [[ScalarValue]]) -> [[ScalarValue]] {
        var order: [ScalarValue] = []
        var members: [ScalarValue: [[ScalarValue]]] = [:]
        for row in rows {
            if members[row[0]] == nil { order.append(row[0]) }
            members[row[0], default: []].append(row)
        }
        return order.map { key in
            let group = members[key]!
            let n = group.compactMap { if case .int32(let v) = $0[1] { v } else { nil } }
            let x = group.compactMap { if case .float64(let v) = $0[2] { v } else { nil } }
            let s = group.compactMap { if case .string(let v) = $0[3] { v } else { nil } }
            let mean = x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count)
            let variance = x.count > 1 ? x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.count - 1) : nil
            var set: [String] = []
            for value in s where !set.contains(value) { set.append(value) }
            let counts: [ScalarValue] = [.int64(Int64(group.count)), .int64(Int64(x.count))]
            let sums: [ScalarValue] = [n.isEmpty ? .null : .int64(n.reduce(0) { $0 + Int64($1) }),
                                       x.isEmpty ? .null : .float64(x.reduce(0, +)), x.isEmpty ? .null : .float64(mean)]
            let spread: [ScalarValue] = [variance.map { .float64($0.squareRoot()) } ?? .null, variance.map { .float64($0) } ?? .null]
            let extremes: [ScalarValue] = [x.min().map { .float64($0) } ?? .null, x.max().map { .float64($0) } ?? .null,
                                           s.max().map { .string($0) } ?? .null]
            let ends: [ScalarValue] = [s.first.map { .string($0) } ?? .null, s.last.map { .string($0) } ?? .null]
            let lists: [ScalarValue] = [.array(n.map { .int32($0) }), .array(set.map { .string($0) })]
            let integerExtremes: [ScalarValue] = [n.min().map { .int32($0) } ?? .null, n.max().map { .int32($0) } ?? .null]
            return [key] + counts + sums + spread + extremes + ends + lists + integerExtremes
        }
    }

    func aggregate(_ rows: [[ScalarValue]], batchSize: Int) async throws -> [[ScalarValue]] {
        let node = AggregateNode(
            input: AggregateTests.source(rows, batchSize: batchSize),
            groupBy: [NamedExpression(name: "k", expression: .column(name: "k", qualifier: nil))],
            aggregates: try Self.aggregates.map { name, function, argument, distinct in
                AggregateExpression(name: name, function: function, argument: try argument.map { try ExpressionParser.parse($0) },
                                    distinct: distinct)
            },
            origin: PlanOrigin(stepIndex: 1, method: "aggregateData"))
        return try await OperatorTests.rows(.aggregate(node)).1
    }

    /// Exact for everything but floating-point sums, which may add in another order.
    func expectClose(_ actual: [[ScalarValue]], _ expected: [[ScalarValue]]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) {
            #expect(a.count == e.count)
            for (x, y) in zip(a, e) {
                if case .float64(let u) = x, case .float64(let v) = y {
                    #expect(abs(u - v) <= 1e-9 * max(1, abs(v)), "\(a[0]): \(u) vs \(v)")
                } else {
                    #expect(x == y, "\(a[0]): \(x) vs \(y)")
                }
            }
        }
    }

    @Test func fewGroupsOverManyBatchesMergeToTheRowByRowResult() async throws {
        let rows = Self.rows(30_000) { i in i % 29 == 0 ? .null : .string("k\((i * 7) % 37)") }
        expectClose(try await aggregate(rows, batchSize: 4096), Self.reference(rows))
        expectClose(try await aggregate(rows, batchSize: 7), Self.reference(rows))
    }

    @Test func nearlyOneGroupPerRowSwitchesToRowsAndKeepsTheResult() async throws {
        // The first batches hold a new key per row (partials do not pay); later ones repeat keys.
        let rows = Self.rows(40_000) { i in .string(i < 20_000 ? "u\(i)" : "r\(i % 50)") }
        expectClose(try await aggregate(rows, batchSize: 5000), Self.reference(rows))
    }

    @Test func withoutKeysOneRowComesOutEvenOverNoBatches() async throws {
        let node = AggregateNode(
            input: AggregateTests.source([], batchSize: 10), groupBy: [],
            aggregates: [AggregateExpression(name: "c", function: .count, argument: nil, distinct: false),
                         AggregateExpression(name: "s", function: .sum, argument: try ExpressionParser.parse("n"), distinct: false)],
            origin: PlanOrigin(stepIndex: 1, method: "aggregateData"))
        #expect(try await OperatorTests.rows(.aggregate(node)).1 == [[.int64(0), .null]])
    }
}

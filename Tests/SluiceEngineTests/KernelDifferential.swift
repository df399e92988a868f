@testable import SluiceEngine
import Testing

/// Checks a function's column kernel against its row-by-row body: the kernel must take the
/// argument columns (not decline them) and give, row for row, what the row path gives.
enum KernelDifferential {
    /// The catalog's function `name` typed for arguments of `types`, and its result type.
    static func resolve(_ name: String, _ types: [DataType]) throws -> (RowFunction, DataType) {
        let entry = try #require(FunctionCatalog.entries[name], "no function \(name)")
        if let specialize = entry.specialize {
            let typed = try specialize(types)
            return (typed.function, typed.result)
        }
        return (entry.function, entry.result(Array(types.dropFirst(entry.leading.count))))
    }

    /// The kernel's values for `columns` (asserted to agree with the row path, row by row).
    @discardableResult
    static func check(_ name: String, _ columns: [Column], sourceLocation: SourceLocation = #_sourceLocation) throws -> [ScalarValue] {
        let (function, type) = try resolve(name, columns.map(\.dataType))
        let kernel = try #require(function.kernel, "\(name) has no kernel", sourceLocation: sourceLocation)
        let output = try #require(kernel(columns), "the kernel of \(name) declined its arguments", sourceLocation: sourceLocation)
        let result = CastKernel.cast(output, to: type)
        let rows = columns.first?.count ?? 0
        #expect(result.count == rows, sourceLocation: sourceLocation)
        var mismatches: [String] = []
        var values: [ScalarValue] = []
        for row in 0..<rows {
            let arguments = columns.map { $0.value(at: row) }
            let expected = CastRules.cast(function.call(arguments), to: type)
            let actual = result.value(at: row)
            values.append(actual)
            if !same(actual, expected) { mismatches.append("\(arguments) → kernel \(actual), row path \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches.count) rows differ, first: \(mismatches.prefix(3))", sourceLocation: sourceLocation)
        return values
    }

    /// Equal values; doubles equal to the bit (NaN to NaN, but not -0.0 to 0.0).
    static func same(_ a: ScalarValue, _ b: ScalarValue) -> Bool {
        if case .float64(let x) = a, case .float64(let y) = b { return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }
        return a == b
    }
}

/// Random argument columns, with nulls and the edge values each kind of kernel trips on.
struct RandomColumns {
    var generator: SeededGenerator
    let rows: Int
    /// The share of null rows.
    var nulls = 0.1

    init(seed: UInt64, rows: Int = 300) {
        generator = SeededGenerator(seed: seed)
        self.rows = rows
    }

    /// Pieces random strings are made of: ASCII, spaces, multi-byte and combining characters.
    static let pieces = ["a", "B", "z", "Q", " ", "  ", "é", "e\u{301}", "ß", "Ω", "Σ", "ǆ", "😀", "中文", "-", "_", "%",
                         "hello", "WORLD", "x y", "İ", "ﬁ", "ab", "ba", "0", "42", "AZ@[`{"]

    /// A column of `type` whose rows are `make()`, or null in about `nulls` of them.
    mutating func column(_ type: DataType, _ make: (inout SeededGenerator) -> ScalarValue) -> Column {
        var builder = ColumnBuilder(type: type, capacity: rows)
        for _ in 0..<rows {
            builder.append(Double.random(in: 0..<1, using: &generator) < nulls ? .null : make(&generator))
        }
        return builder.finish()
    }

    /// Strings of up to `most` pieces (empty ones included) drawn from `pieces`.
    mutating func strings(from pieces: [String] = pieces, most: Int = 6) -> Column {
        column(.string) { generator in
            .string((0..<Int.random(in: 0...most, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
    }

    /// Integers from `range`, or one of `edges` about a quarter of the time.
    mutating func int32s(_ range: ClosedRange<Int32>, edges: [Int32] = []) -> Column {
        column(.int32) { generator in
            .int32(!edges.isEmpty && Bool.random(using: &generator) && Bool.random(using: &generator)
                ? edges.randomElement(using: &generator)! : Int32.random(in: range, using: &generator))
        }
    }

    /// BIGINTs from `range`, or one of `edges` about a quarter of the time.
    mutating func int64s(_ range: ClosedRange<Int64>, edges: [Int64] = []) -> Column {
        column(.int64) { generator in
            .int64(!edges.isEmpty && Bool.random(using: &generator) && Bool.random(using: &generator)
                ? edges.randomElement(using: &generator)! : Int64.random(in: range, using: &generator))
        }
    }

    /// Doubles from `range`, or one of `edges` about a quarter of the time.
    mutating func doubles(_ range: ClosedRange<Double>, edges: [Double] = []) -> Column {
        column(.float64) { generator in
            .float64(!edges.isEmpty && Bool.random(using: &generator) && Bool.random(using: &generator)
                ? edges.randomElement(using: &generator)! : Double.random(in: range, using: &generator))
        }
    }

    /// One of `values` in every row (nulls included, as `nulls` says).
    mutating func choices(_ type: DataType, _ values: [ScalarValue]) -> Column {
        column(type) { values.randomElement(using: &$0)! }
    }

    /// `value` in every row, as a literal argument arrives.
    func constant(_ value: ScalarValue, _ type: DataType) -> Column {
        Column.repeating(value, type, count: rows)
    }
}

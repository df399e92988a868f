/// Per-group state of one aggregate, updated a batch at a time.
protocol Accumulator {
    /// Folds rows into their groups; `column` is the evaluated argument (nil for `count(*)`).
    mutating func update(groups: [Int32], groupCount: Int, column: Column?)
    /// The aggregate of each group, as a column of `groupCount` rows.
    func finish(groupCount: Int) -> Column
}

/// Makes the accumulator for `function` over an argument of `type`.
func makeAccumulator(_ function: AggregateFunction, argumentType type: DataType?) -> any Accumulator {
    switch function {
    case .count: return CountAccumulator()
    case .sum where type == .float64 || type == .float32: return DoubleAccumulator(kind: .sum)
    case .sum where type?.isDecimal == true: return DecimalSumAccumulator(result: function.resultType(type), average: false)
    case .sum: return IntegerSumAccumulator()
    case .avg where type?.isDecimal == true: return DecimalSumAccumulator(result: function.resultType(type), average: true)
    case .avg: return DoubleAccumulator(kind: .avg)
    case .stddev: return DoubleAccumulator(kind: .stddev)
    case .variance: return DoubleAccumulator(kind: .variance)
    case .min, .max, .first, .last: return ValueAccumulator(function: function, type: type ?? .int64)
    case .collectList, .collectSet: return CollectAccumulator(distinct: function == .collectSet, elementType: type ?? .string)
    }
}

extension Array {
    /// Grows to `count` elements, filling with `value`.
    mutating func grow(to count: Int, with value: Element) {
        if self.count < count { append(contentsOf: repeatElement(value, count: count - self.count)) }
    }
}

/// `count(*)` (no column: every row) and `count(x)` (non-null values).
struct CountAccumulator: Accumulator {
    private var counts: [Int64] = []

    mutating func update(groups: [Int32], groupCount: Int, column: Column?) {
        counts.grow(to: groupCount, with: 0)
        for (row, group) in groups.enumerated() where column == nil || !column!.isNull(row) {
            counts[Int(group)] += 1
        }
    }

    func finish(groupCount: Int) -> Column {
        var counts = self.counts
        counts.grow(to: groupCount, with: 0)
        return Column(dataType: .int64, storage: .int64(counts))
    }
}

/// `sum` of integers, as BIGINT (wrapping on overflow, as Spark does without ANSI mode).
struct IntegerSumAccumulator: Accumulator {
    private var sums: [Int64] = []
    private var seen: [Bool] = []

    mutating func update(groups: [Int32], groupCount: Int, column: Column?) {
        sums.grow(to: groupCount, with: 0)
        seen.grow(to: groupCount, with: false)
        guard let column else { return }
        let values = CastKernel.cast(column, to: .int64).int64s
        for (row, group) in groups.enumerated() where !column.isNull(row) {
            sums[Int(group)] &+= values[row]
            seen[Int(group)] = true
        }
    }

    func finish(groupCount: Int) -> Column {
        var builder = ColumnBuilder(type: .int64, capacity: groupCount)
        for group in 0..<groupCount {
            if group < seen.count, seen[group] { builder.append(sums[group]) } else { builder.appendNull() }
        }
        return builder.finish()
    }
}

/// `sum` of doubles, `avg`, `stddev` and `variance` (sample), from count, mean and the sum of
/// squared deviations (Welford's method, stable for large values).
struct DoubleAccumulator: Accumulator {
    enum Kind { case sum, avg, stddev, variance }
    let kind: Kind
    private var counts: [Int64] = []
    private var sums: [Double] = []
    private var means: [Double] = []
    private var squares: [Double] = []

    init(kind: Kind) {
        self.kind = kind
    }

    mutating func update(groups: [Int32], groupCount: Int, column: Column?) {
        counts.grow(to: groupCount, with: 0)
        sums.grow(to: groupCount, with: 0)
        if kind == .stddev || kind == .variance {
            means.grow(to: groupCount, with: 0)
            squares.grow(to: groupCount, with: 0)
        }
        guard let column else { return }
        let values = CastKernel.cast(column, to: .float64).float64s
        for (row, group) in groups.enumerated() where !column.isNull(row) {
            let g = Int(group)
            let value = values[row]
            counts[g] += 1
            sums[g] += value
            if kind == .stddev || kind == .variance {
                let delta = value - means[g]
                means[g] += delta / Double(counts[g])
                squares[g] += delta * (value - means[g])
            }
        }
    }

    func finish(groupCount: Int) -> Column {
        var builder = ColumnBuilder(type: .float64, capacity: groupCount)
        for group in 0..<groupCount {
            let count = group < counts.count ? counts[group] : 0
            switch kind {
            case .sum: count > 0 ? builder.append(sums[group]) : builder.appendNull()
            case .avg: count > 0 ? builder.append(sums[group] / Double(count)) : builder.appendNull()
            case .variance: count > 1 ? builder.append(squares[group] / Double(count - 1)) : builder.appendNull()
            case .stddev: count > 1 ? builder.append((squares[group] / Double(count - 1)).squareRoot()) : builder.appendNull()
            }
        }
        return builder.finish()
    }
}

/// `min`, `max` (nulls skipped) and `first`, `last` (nulls skipped, as `ignoreNulls` does).
struct ValueAccumulator: Accumulator {
    let function: AggregateFunction
    let type: DataType
    private var values: [ScalarValue] = []

    init(function: AggregateFunction, type: DataType) {
        self.function = function
        self.type = type
    }

    mutating func update(groups: [Int32], groupCount: Int, column: Column?) {
        values.grow(to: groupCount, with: .null)
        guard let column else { return }
        switch column.storage {
        case .float64(let numbers) where function == .min || function == .max:
            for (row, group) in groups.enumerated() where !column.isNull(row) {
                let current = values[Int(group)]
                if case .float64(let best) = current, function == .min ? !(numbers[row] < best) : !(numbers[row] > best) { continue }
                values[Int(group)] = .float64(numbers[row])
            }
        default:
            for (row, group) in groups.enumerated() where !column.isNull(row) {
                let g = Int(group)
                switch function {
                case .first: if values[g] == .null { values[g] = column.value(at: row) }
                case .last: values[g] = column.value(at: row)
                default:
                    let value = column.value(at: row)
                    if values[g] == .null || (function == .min ? ScalarOrdering.less(value, values[g]) : ScalarOrdering.less(values[g], value)) {
                        values[g] = value
                    }
                }
            }
        }
    }

    func finish(groupCount: Int) -> Column {
        var builder = ColumnBuilder(type: type, capacity: groupCount)
        for group in 0..<groupCount { builder.append(group < values.count ? values[group] : .null) }
        return builder.finish()
    }
}

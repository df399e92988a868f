/// Per-group state of one aggregate, updated a batch at a time.
protocol Accumulator: Sendable {
    /// Folds rows into their groups; `column` is the evaluated argument (nil for `count(*)`).
    mutating func update(groups: [Int32], groupCount: Int, column: Column?)
    /// Folds in the groups of `partial`, an accumulator of the same kind that aggregated later
    /// rows on its own: its group `p` is this one's group `groups[p]`.
    mutating func merge(_ partial: any Accumulator, groups: [Int32], groupCount: Int)
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

/// Calls `body(row, group)` for each row whose value is not null (every row when there is
/// no validity bitmap), in row order: the loop every accumulator's update runs.
@inline(__always)
func forEachPresent(_ groups: [Int32], _ validity: Bitmap?, _ body: (Int, Int) -> Void) {
    groups.withUnsafeBufferPointer { groups in
        if let validity {
            for row in 0..<groups.count where validity[row] { body(row, Int(groups[row])) }
        } else {
            for row in 0..<groups.count { body(row, Int(groups[row])) }
        }
    }
}

/// `count(*)` (no column: every row) and `count(x)` (non-null values).
struct CountAccumulator: Accumulator {
    private var counts: [Int64] = []

    mutating func update(groups: [Int32], groupCount: Int, column: Column?) {
        counts.grow(to: groupCount, with: 0)
        counts.withUnsafeMutableBufferPointer { counts in
            forEachPresent(groups, column?.validity) { _, group in counts[group] += 1 }
        }
    }

    /// Adds each group's `after - before` (counts another accumulator kept, before and after a batch).
    mutating func add(_ after: [Int64], minus before: [Int64], groupCount: Int) {
        counts.grow(to: groupCount, with: 0)
        for group in after.indices { counts[group] += after[group] - (group < before.count ? before[group] : 0) }
    }

    mutating func merge(_ partial: any Accumulator, groups: [Int32], groupCount: Int) {
        let other = partial as! CountAccumulator
        counts.grow(to: groupCount, with: 0)
        for (from, group) in zip(other.counts.indices, groups) { counts[Int(group)] += other.counts[from] }
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
        values.withUnsafeBufferPointer { values in
            forEachPresent(groups, column.validity) { row, group in
                sums[group] &+= values[row]
                seen[group] = true
            }
        }
    }

    mutating func merge(_ partial: any Accumulator, groups: [Int32], groupCount: Int) {
        let other = partial as! IntegerSumAccumulator
        sums.grow(to: groupCount, with: 0)
        seen.grow(to: groupCount, with: false)
        for (from, group) in zip(other.sums.indices, groups) where other.seen[from] {
            sums[Int(group)] &+= other.sums[from]
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
    private(set) var kind: Kind
    private var counts: [Int64] = []
    private var sums: [Double] = []
    private var means: [Double] = []
    private var squares: [Double] = []

    init(kind: Kind) {
        self.kind = kind
    }

    /// The number of values each group has taken so far.
    var rowCounts: [Int64] { counts }

    /// Whether it keeps means and squared deviations besides counts and sums.
    var holdsMoments: Bool { kind == .stddev || kind == .variance }

    /// The same state, finished as `kind` (of the same family: `holdsMoments` alike).
    func withKind(_ kind: Kind) -> DoubleAccumulator {
        var copy = self
        copy.kind = kind
        return copy
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
        let moments = kind == .stddev || kind == .variance
        guard !moments else {
            values.withUnsafeBufferPointer { values in
                forEachPresent(groups, column.validity) { row, g in
                    let value = values[row]
                    counts[g] += 1
                    sums[g] += value
                    let delta = value - means[g]
                    means[g] += delta / Double(counts[g])
                    squares[g] += delta * (value - means[g])
                }
            }
            return
        }
        // Sums and counts only: the loop runs over raw buffers.
        values.withUnsafeBufferPointer { values in
            counts.withUnsafeMutableBufferPointer { counts in
                sums.withUnsafeMutableBufferPointer { sums in
                    forEachPresent(groups, column.validity) { row, g in
                        counts[g] += 1
                        sums[g] += values[row]
                    }
                }
            }
        }
    }

    /// Counts and sums add; means and squared deviations combine as Chan et al. combine them.
    mutating func merge(_ partial: any Accumulator, groups: [Int32], groupCount: Int) {
        let other = partial as! DoubleAccumulator
        let moments = kind == .stddev || kind == .variance
        counts.grow(to: groupCount, with: 0)
        sums.grow(to: groupCount, with: 0)
        if moments {
            means.grow(to: groupCount, with: 0)
            squares.grow(to: groupCount, with: 0)
        }
        for (from, group) in zip(other.counts.indices, groups) where other.counts[from] > 0 {
            let g = Int(group)
            let before = Double(counts[g]), added = Double(other.counts[from])
            counts[g] += other.counts[from]
            sums[g] += other.sums[from]
            guard moments else { continue }
            let delta = other.means[from] - means[g]
            let total = before + added
            means[g] += delta * added / total
            squares[g] += other.squares[from] + delta * delta * before * added / total
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
            ExtremeValues.fold(numbers, groups: groups, validity: column.validity, into: &values, minimum: function == .min,
                               lowest: -.infinity, highest: .infinity,
                               unbox: { if case .float64(let number) = $0 { number } else { nil } }, box: { .float64($0) }, less: SparkFloatOrder.less)
        case .int64(let numbers) where (function == .min || function == .max) && [.int64, .timestamp, .timestampNTZ].contains(type):
            let type = self.type
            ExtremeValues.fold(numbers, groups: groups, validity: column.validity, into: &values, minimum: function == .min,
                               lowest: .min, highest: .max, unbox: Self.int64,
                               box: { type == .int64 ? .int64($0) : type == .timestamp ? .timestamp($0) : .timestampNTZ($0) }, less: <)
        case .int32(let numbers) where (function == .min || function == .max) && [.int32, .date].contains(type):
            let type = self.type
            ExtremeValues.fold(numbers, groups: groups, validity: column.validity, into: &values, minimum: function == .min,
                               lowest: .min, highest: .max, unbox: { switch $0 { case .int32(let v), .date(let v): v; default: nil } },
                               box: { type == .int32 ? .int32($0) : .date($0) }, less: <)
        case .string(let strings) where (function == .min || function == .max) && (type == .string || type == .binary):
            // Each group's best row of the batch, found on the bytes; only that value is boxed.
            let minimum = function == .min
            let best = ExtremeValues.bestRows(strings, groups: groups, validity: column.validity, groupCount: groupCount, minimum: minimum)
            for (group, row) in best.enumerated() where row >= 0 { offer(column.value(at: row), to: group) }
        default:
            guard function == .min || function == .max else {
                // first and last: find each group's row, then box that one value.
                let last = function == .last
                var chosen = [Int](repeating: -1, count: groupCount)
                chosen.withUnsafeMutableBufferPointer { chosen in
                    forEachPresent(groups, column.validity) { row, group in
                        if last || chosen[group] < 0 { chosen[group] = row }
                    }
                }
                for (group, row) in chosen.enumerated() where row >= 0 && (last || values[group] == .null) {
                    values[group] = column.value(at: row)
                }
                return
            }
            for (row, group) in groups.enumerated() where !column.isNull(row) { offer(column.value(at: row), to: Int(group)) }
        }
    }

    /// Keeps `value` as the group's `min` or `max` if it beats the one held.
    private mutating func offer(_ value: ScalarValue, to group: Int) {
        let held = values[group]
        if held == .null || (function == .min ? ScalarOrdering.less(value, held) : ScalarOrdering.less(held, value)) {
            values[group] = value
        }
    }

    mutating func merge(_ partial: any Accumulator, groups: [Int32], groupCount: Int) {
        let other = partial as! ValueAccumulator
        values.grow(to: groupCount, with: .null)
        for (from, group) in zip(other.values.indices, groups) where other.values[from] != .null {
            let g = Int(group), value = other.values[from]
            switch function {
            case .first: if values[g] == .null { values[g] = value }
            case .last: values[g] = value
            default: offer(value, to: g)
            }
        }
    }


    private static func int64(_ value: ScalarValue) -> Int64? {
        switch value {
        case .int64(let v), .timestamp(let v), .timestampNTZ(let v): v
        default: nil
        }
    }

    func finish(groupCount: Int) -> Column {
        var builder = ColumnBuilder(type: type, capacity: groupCount)
        for group in 0..<groupCount { builder.append(group < values.count ? values[group] : .null) }
        return builder.finish()
    }
}
